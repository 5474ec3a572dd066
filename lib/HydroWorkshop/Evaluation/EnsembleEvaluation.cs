using System.Globalization;
using HydroWorkshop.Data;
using static TorchSharp.torch;

namespace HydroWorkshop.Evaluation;

/// <summary>
/// One basin's ensemble of daily predictions in mm/day: members [member][time] (runs with different seeds, or
/// MC-dropout samples), their mean, and a quantile band (default 5–95 %).
/// </summary>
public sealed class EnsemblePredictions : IPredictionBand
{
    public EnsemblePredictions(string basinId, DateOnly[] dates, double[] observed, IReadOnlyList<double[]> members,
        double lowerQuantile = 0.05, double upperQuantile = 0.95)
    {
        if (members.Count == 0) throw new ArgumentException("an ensemble needs at least one member", nameof(members));
        if (members.Any(m => m.Length != dates.Length) || observed.Length != dates.Length)
            throw new ArgumentException($"basin {basinId}: every member and the observations need {dates.Length} values", nameof(members));
        (BasinId, Dates, Observed, Members, LowerQuantile, UpperQuantile) = (basinId, dates, observed, members, lowerQuantile,
            upperQuantile);
        Mean = new double[dates.Length];
        Lower = new double[dates.Length];
        Upper = new double[dates.Length];
        var column = new double[members.Count];
        for (var t = 0; t < dates.Length; t++)
        {
            var valid = 0;
            foreach (var member in members) if (!double.IsNaN(member[t])) column[valid++] = member[t];
            var sorted = column.AsSpan(0, valid);
            sorted.Sort();
            Mean[t] = valid == 0 ? double.NaN : Sum(sorted) / valid;
            Lower[t] = Metrics.Quantile(sorted, lowerQuantile);
            Upper[t] = Metrics.Quantile(sorted, upperQuantile);
        }
    }

    public string BasinId { get; }
    public DateOnly[] Dates { get; }
    public double[] Observed { get; }
    /// <summary>[member][time], mm/day.</summary>
    public IReadOnlyList<double[]> Members { get; }
    public double LowerQuantile { get; }
    public double UpperQuantile { get; }
    /// <summary>The ensemble mean, the prediction that the deterministic metrics score.</summary>
    public double[] Mean { get; }
    public double[] Lower { get; }
    public double[] Upper { get; }

    /// <summary>The ensemble mean as a plain prediction.</summary>
    public BasinPredictions MeanPredictions => new(BasinId, Dates, Observed, Mean);

    /// <summary>Every metric of the mean, plus the band's coverage and the mean CRPS (mm/day) of the members.</summary>
    public IReadOnlyDictionary<string, double> Scores()
    {
        var scores = new Dictionary<string, double>(MeanPredictions.Scores())
        {
            ["Coverage"] = Metrics.IntervalCoverage(Observed, Lower, Upper),
            ["CRPS"] = Metrics.MeanCrps(Observed, Members),
        };
        return scores;
    }

    public string Source => $"{Members.Count} members";

    /// <inheritdoc/>
    public string ToCsv(double? areaSquareKilometres = null, bool withObserved = true) =>
        PredictionBandCsv.Write(this, areaSquareKilometres, withObserved);

    private static double Sum(ReadOnlySpan<double> values)
    {
        double sum = 0;
        foreach (var v in values) sum += v;
        return sum;
    }
}

/// <summary>Ensembles from several runs or from MC-dropout (and Gaussian-head bands), scored and written like single
/// runs plus the band, its coverage and the CRPS.</summary>
public static class EnsembleEvaluation
{
    /// <summary>Joins the members' predictions (each member: per-basin predictions on the same data set) basin by basin.</summary>
    public static IReadOnlyList<EnsemblePredictions> Combine(IReadOnlyList<IReadOnlyList<BasinPredictions>> members,
        double lowerQuantile = 0.05, double upperQuantile = 0.95)
    {
        if (members.Count == 0) throw new ArgumentException("no ensemble member", nameof(members));
        return members[0].Select((first, b) =>
        {
            var series = members.Select((member, k) =>
            {
                var match = member.FirstOrDefault(p => p.BasinId == first.BasinId)
                    ?? throw new InvalidOperationException($"ensemble member {k + 1} has no predictions for basin {first.BasinId}");
                if (!match.Dates.SequenceEqual(first.Dates))
                    throw new InvalidOperationException(
                        $"ensemble member {k + 1} predicts other dates for basin {first.BasinId} than member 1");
                return match.Predicted;
            }).ToArray();
            return new EnsemblePredictions(first.BasinId, first.Dates, first.Observed, series, lowerQuantile, upperQuantile);
        }).ToArray();
    }

    /// <summary>
    /// MC-dropout (Gal &amp; Ghahramani 2016): <paramref name="samples"/> passes with dropout active, seeded
    /// <paramref name="seed"/>, <paramref name="seed"/> + 1, ... so the samples repeat. The model needs dropout &gt; 0.
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<BasinPredictions>> McDropout(nn.Module model, BasinDataSet data, int samples, ulong seed = 0,
        Action<string>? log = null)
    {
        if (samples < 2) throw new ArgumentOutOfRangeException(nameof(samples), samples, "MC-dropout needs at least 2 samples");
        var result = new List<IReadOnlyList<BasinPredictions>>(samples);
        try
        {
            for (var s = 0; s < samples; s++)
            {
                HydroWorkshop.Common.WorkshopCancellation.Token.ThrowIfCancellationRequested();
                manual_seed((long)(seed + (ulong)s));
                result.Add(BasinEvaluation.Predict(model, data, dropoutActive: true));
                log?.Invoke($"MC-dropout sample {s + 1}/{samples}");
            }
        }
        finally
        {
            model.eval();
        }
        return result;
    }

    /// <summary><c>basin,NSE,...,Coverage,CRPS</c>, one row per basin.</summary>
    public static string MetricsCsv(IEnumerable<IPredictionBand> basins) =>
        BasinEvaluation.MetricsCsv(basins.Select(b => (b.BasinId, b.Scores())).ToArray());

    /// <summary>The median and mean of every metric (coverage and CRPS included) across basins.</summary>
    public static string SummaryTable(IEnumerable<IPredictionBand> basins) =>
        BasinEvaluation.SummaryTable(basins.Select(b => b.Scores()).ToArray());

    /// <summary>Writes <c>predictions/&lt;basin&gt;.csv</c> (with Lower/Upper), <c>metrics.csv</c> and
    /// <c>metrics_summary.txt</c>.</summary>
    public static void Write(string folder, IReadOnlyList<IPredictionBand> basins,
        IReadOnlyDictionary<string, double>? areasSquareKilometres = null)
    {
        var band = basins.Count > 0 ? string.Create(CultureInfo.InvariantCulture,
            $"band {100 * basins[0].LowerQuantile:G3}–{100 * basins[0].UpperQuantile:G3} %, {basins[0].Source}\n") : "";
        BasinEvaluation.WriteFolder(folder,
            basins.Select(b => (b.BasinId, b.ToCsv(BasinEvaluation.Area(areasSquareKilometres, b.BasinId)))),
            MetricsCsv(basins), band + SummaryTable(basins));
    }
}
