namespace HydroWorkshop.Data;

// Normalisation fitting and the index of valid windows.
public sealed partial class BasinDataSet
{
    private static Normalisation Fit(List<(BasinSeries Series, int PeriodOffset)> loaded, IReadOnlyList<string> inputs,
        IReadOnlyList<string> statics, IReadOnlyList<string> targets, Period period)
    {
        // Only the period's days count (not the warm-up before it), all basins pooled.
        FeatureScale[] Dynamic(IReadOnlyList<string> names, Func<BasinSeries, float[]> array) =>
            names.Select((name, k) =>
            {
                double sum = 0, squares = 0;
                long count = 0;
                foreach (var (series, offset) in loaded)
                {
                    var values = array(series);
                    for (var i = offset * names.Count + k; i < values.Length; i += names.Count)
                    {
                        var v = values[i];
                        if (float.IsNaN(v)) continue;
                        sum += v;
                        squares += (double)v * v;
                        count++;
                    }
                }
                return Normalisation.FromMoments(name, sum, squares, count);
            }).ToArray();

        var staticScales = statics.Select((name, k) =>
        {
            double sum = 0, squares = 0;
            foreach (var (series, _) in loaded)
            {
                sum += series.Statics[k];
                squares += (double)series.Statics[k] * series.Statics[k];
            }
            return Normalisation.FromMoments(name, sum, squares, loaded.Count);
        }).ToArray();

        return new Normalisation
        {
            Inputs = Dynamic(inputs, s => s.Inputs),
            Statics = staticScales,
            Targets = Dynamic(targets, s => s.Targets),
            FittedOn = $"{period}, {loaded.Count} basins: {string.Join(" ", loaded.Select(l => l.Series.Id))}",
        };
    }

    private static void Apply(BasinSeries series, Normalisation normalisation, int inputCount, int targetCount)
    {
        Scale(series.Inputs, normalisation.Inputs);
        Scale(series.Targets, normalisation.Targets);
        Scale(series.Statics, normalisation.Statics);

        static void Scale(float[] values, IReadOnlyList<FeatureScale> scales)
        {
            var n = scales.Count;
            if (n == 0) return;
            var mean = scales.Select(s => (float)s.Mean).ToArray();
            var inverse = scales.Select(s => (float)(1.0 / s.Std)).ToArray();
            for (var i = 0; i < values.Length; i++)
            {
                var k = i % n;
                values[i] = (values[i] - mean[k]) * inverse[k];
            }
        }
    }

    /// <summary>
    /// A window ends on every period day whose last <c>PredictLastN</c> targets hold at least one value and whose
    /// <c>SequenceLength</c> input days are complete; windows with a gap in the inputs are skipped and counted.
    /// Without <c>RequireTargets</c> (prediction) the target condition is dropped.
    /// </summary>
    private static (int[] Basin, int[] Day) IndexSamples(List<(BasinSeries Series, int PeriodOffset)> loaded, BasinDataSetOptions options,
        BasinDataSetReport report)
    {
        var sampleBasin = new List<int>();
        var sampleDay = new List<int>();
        var seq = options.SequenceLength;
        var lastN = options.PredictLastN;
        for (var b = 0; b < loaded.Count; b++)
        {
            var (series, periodOffset) = loaded[b];
            var nIn = series.Inputs.Length / series.Days;
            var nOut = series.Targets.Length / series.Days;
            // gapsBefore[d] = number of days before d with a missing input: a window [a, e] is complete when gapsBefore[e + 1] ==
            // gapsBefore[a].
            var gapsBefore = new int[series.Days + 1];
            var hasTarget = new bool[series.Days];
            for (var d = 0; d < series.Days; d++)
            {
                var gap = false;
                foreach (var v in series.Inputs.AsSpan(d * nIn, nIn)) gap |= float.IsNaN(v);
                gapsBefore[d + 1] = gapsBefore[d] + (gap ? 1 : 0);
                var targets = series.Targets.AsSpan(d * nOut, nOut);
                foreach (var t in targets) hasTarget[d] |= !float.IsNaN(t);
            }
            int kept = 0, noTarget = 0, gappy = 0;
            var firstEnd = Math.Max(periodOffset, seq - 1);
            for (var end = firstEnd; end < series.Days; end++)
            {
                var any = false;
                for (var d = end - lastN + 1; d <= end && !any; d++) any = hasTarget[d];
                if (!any && options.RequireTargets) { noTarget++; continue; }
                if (gapsBefore[end + 1] != gapsBefore[end - seq + 1]) { gappy++; continue; }
                sampleBasin.Add(b);
                sampleDay.Add(end);
                kept++;
            }
            var tooShort = series.Days < seq;
            report.AddBasin(series.Id, series.Start, series.Days, kept, noTarget, gappy);
            if (kept == 0)
            {
                report.AddEmpty(series.Id, tooShort
                    ? $"its record in the period plus warm-up is {series.Days} days, shorter than a window of {seq} days"
                    : $"no valid window ({noTarget} period days without target, {gappy} windows with missing inputs)");
            }
        }
        return (sampleBasin.ToArray(), sampleDay.ToArray());
    }
}
