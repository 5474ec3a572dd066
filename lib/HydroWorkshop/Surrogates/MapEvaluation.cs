using System.Globalization;
using System.Text;
using HydroWorkshop.Common;
using HydroWorkshop.FloodData;
using static TorchSharp.torch;

namespace HydroWorkshop.Surrogates;

/// <summary>
/// Writes the evaluation of a map surrogate over test events into a run folder: per-event and per-lead-time
/// scores (<see cref="MapMetrics"/>) as CSV tables and the predicted maps as <c>.npy</c> files for plotting
/// (numpy.load in Python, <see cref="NpyFile.Read"/> in C#). Every file is written atomically.
/// </summary>
public static class MapEvaluation
{
    /// <summary>The name of the pooled row in both tables; reserved, so no event may be called this.</summary>
    public const string AllEvents = "all";

    /// <summary>Header of <c>event_metrics.csv</c>. Depths and errors in m; <c>wet_rmse_pct_of_max_depth</c> is
    /// 100 · WetRmse / the event's maximum observed depth (the accuracy goal is under 5);
    /// <c>cell_nse_median</c> the median of the finite <see cref="MapMetrics.CellNse(Tensor, Tensor)"/> values.</summary>
    public const string EventHeader = "event,time_steps,valid_cells,wet_cells,rmse_m,mae_m,wet_rmse_m,wet_mae_m,max_depth_error_m," +
                                      "csi,pod,far,f1,hits,misses,false_alarms,max_observed_depth_m,wet_rmse_pct_of_max_depth,cell_nse_median";

    /// <summary>Header of <c>lead_time_metrics.csv</c>; <c>lead_time</c> counts map steps from 1 (the first
    /// predicted map, index 0 of the time axis, is lead time 1).</summary>
    public const string LeadTimeHeader = "event,lead_time,valid_cells,wet_cells,rmse_m,mae_m,wet_rmse_m,wet_mae_m,max_depth_error_m," +
                                         "csi,pod,far,f1,hits,misses,false_alarms";

    /// <summary>
    /// Scores every event and writes, into <paramref name="folder"/> (created when missing):
    /// <list type="bullet">
    /// <item><c>event_metrics.csv</c>: one row per event in the given order, then an <c>all</c> row that pools
    /// the cell-times of every event (sums and contingency counts added, not a mean of event scores; its
    /// maximum-depth error and maximum depth are the largest over events);</item>
    /// <item><c>lead_time_metrics.csv</c>: one row per event and lead time, then <c>all</c> rows per lead time
    /// pooling the events that reach it;</item>
    /// <item><c>maps/&lt;event&gt;_predicted.npy</c>: the predicted <c>[time, y, x]</c> depths, float32, m.</item>
    /// </list>
    /// Shapes and names are checked before anything is written. Undefined scores are empty fields (NaN).
    /// </summary>
    /// <param name="folder">The run's evaluation folder.</param>
    /// <param name="events">Per event: a name usable as a file name (unique, not "all"), and predicted and
    /// observed <c>[time, y, x]</c> depths in m of the same shape (any float dtype or device; not disposed here).</param>
    /// <param name="wetThreshold">Wet/dry threshold for the wet-cell errors and the contingency scores, m.</param>
    /// <param name="cancellationToken">Checked between events; default <see cref="WorkshopCancellation.Token"/>.</param>
    public static void Write(string folder, IReadOnlyList<(string EventName, Tensor Predicted, Tensor Observed)> events,
        double wetThreshold, CancellationToken? cancellationToken = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0) throw new ArgumentException("no events to evaluate", nameof(events));
        MapMetrics.CheckThreshold(wetThreshold);
        CheckEvents(events);
        var token = cancellationToken ?? WorkshopCancellation.Token;

        var mapsFolder = Path.Combine(folder, "maps");
        Directory.CreateDirectory(mapsFolder);
        var results = new List<EventResult>(events.Count);
        foreach (var (name, predicted, observed) in events)
        {
            token.ThrowIfCancellationRequested();
            var (p, o, shape) = MapMetrics.ReadMaps(predicted, observed);
            results.Add(new EventResult(name, shape[0],
                MapMetrics.TallyOf(p, o, shape, wetThreshold),
                MapMetrics.TalliesByStep(p, o, shape, wetThreshold),
                MaxObservedDepth(o),
                MapMetrics.CellNse(p, o, shape)));
            NpyFile.Write(Path.Combine(mapsFolder, name + "_predicted.npy"), p, shape);
        }
        AtomicFile.WriteAllText(Path.Combine(folder, "event_metrics.csv"), EventMetricsCsv(results));
        AtomicFile.WriteAllText(Path.Combine(folder, "lead_time_metrics.csv"), LeadTimeMetricsCsv(results));
    }

    private sealed record EventResult(string Name, int TimeSteps, MapMetrics.Tally Whole, MapMetrics.Tally[] Steps,
        double MaxObservedDepth, double[] CellNse);

    private static string EventMetricsCsv(List<EventResult> results)
    {
        var text = new StringBuilder(EventHeader).Append('\n');
        var pooled = new MapMetrics.Tally();
        foreach (var r in results)
        {
            pooled.Merge(r.Whole);
            AppendEventRow(text, r.Name, r.TimeSteps, r.Whole, r.MaxObservedDepth, Median(r.CellNse));
        }
        var maxDepth = results.Select(r => r.MaxObservedDepth).Where(double.IsFinite).DefaultIfEmpty(double.NaN).Max();
        AppendEventRow(text, AllEvents, results.Sum(r => r.TimeSteps), pooled, maxDepth, Median(results.SelectMany(r => r.CellNse)));
        return text.ToString();
    }

    private static void AppendEventRow(StringBuilder text, string name, int timeSteps, MapMetrics.Tally tally, double maxObservedDepth,
        double cellNseMedian)
    {
        var s = tally.ToScores();
        text.Append(CsvField(name)).Append(',').Append(timeSteps.ToString(CultureInfo.InvariantCulture)).Append(',');
        AppendScores(text, tally, s);
        text.Append(',').Append(Format(maxObservedDepth))
            .Append(',').Append(Format(maxObservedDepth > 0 ? 100 * s.WetRmse / maxObservedDepth : double.NaN))
            .Append(',').Append(Format(cellNseMedian)).Append('\n');
    }

    private static string LeadTimeMetricsCsv(List<EventResult> results)
    {
        var text = new StringBuilder(LeadTimeHeader).Append('\n');
        foreach (var r in results)
            for (var t = 0; t < r.Steps.Length; t++) AppendLeadTimeRow(text, r.Name, t + 1, r.Steps[t]);
        var longest = results.Max(r => r.Steps.Length);
        for (var t = 0; t < longest; t++)
        {
            var pooled = new MapMetrics.Tally();
            foreach (var r in results.Where(r => t < r.Steps.Length)) pooled.Merge(r.Steps[t]);
            AppendLeadTimeRow(text, AllEvents, t + 1, pooled);
        }
        return text.ToString();
    }

    private static void AppendLeadTimeRow(StringBuilder text, string name, int leadTime, MapMetrics.Tally tally)
    {
        text.Append(CsvField(name)).Append(',').Append(leadTime.ToString(CultureInfo.InvariantCulture)).Append(',');
        AppendScores(text, tally, tally.ToScores());
        text.Append('\n');
    }

    /// <summary>valid_cells … false_alarms, the columns both tables share.</summary>
    private static void AppendScores(StringBuilder text, MapMetrics.Tally tally, MapScores s) =>
        text.AppendJoin(',',
            tally.ValidCells.ToString(CultureInfo.InvariantCulture), tally.WetCells.ToString(CultureInfo.InvariantCulture),
            Format(s.Rmse), Format(s.Mae), Format(s.WetRmse), Format(s.WetMae), Format(s.MaxDepthError),
            Format(s.Csi), Format(s.Pod), Format(s.Far), Format(s.F1),
            tally.Hits.ToString(CultureInfo.InvariantCulture), tally.Misses.ToString(CultureInfo.InvariantCulture),
            tally.FalseAlarms.ToString(CultureInfo.InvariantCulture));

    private static void CheckEvents(IReadOnlyList<(string EventName, Tensor Predicted, Tensor Observed)> events)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);    // case-insensitive: maps/ may be on such a file system
        for (var i = 0; i < events.Count; i++)
        {
            var (name, predicted, observed) = events[i];
            if (string.IsNullOrWhiteSpace(name) || name.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || name.Contains('\\')
                || name is "." or "..")
                throw new ArgumentException($"event {i}: name '{name}' cannot be a file name (maps/<name>_predicted.npy)", nameof(events));
            if (string.Equals(name, AllEvents, StringComparison.OrdinalIgnoreCase))
                throw new ArgumentException($"event {i}: the name '{name}' is reserved for the pooled row", nameof(events));
            if (!seen.Add(name)) throw new ArgumentException($"event {i}: the name '{name}' is used twice", nameof(events));
            ArgumentNullException.ThrowIfNull(predicted, $"events[{i}].Predicted");
            ArgumentNullException.ThrowIfNull(observed, $"events[{i}].Observed");
            var (p, o) = (predicted.shape, observed.shape);
            if (p.Length != 3 || !p.SequenceEqual(o))
                throw new ArgumentException($"event '{name}': predicted has shape {MapMetrics.ShapeText(p)} and observed has shape " +
                                            $"{MapMetrics.ShapeText(o)}; both must be the same [time, y, x] depth maps", nameof(events));
        }
    }

    private static double MaxObservedDepth(float[] observed)
    {
        var max = double.NaN;
        foreach (var o in observed)
            if (float.IsFinite(o) && (double.IsNaN(max) || o > max)) max = o;
        return max;
    }

    private static double Median(IEnumerable<double> values) => Evaluation.Metrics.Median(values);

    private static string Format(double value) => double.IsNaN(value) ? "" : value.ToString("G6", CultureInfo.InvariantCulture);

    private static string CsvField(string value) =>
        value.IndexOfAny([',', '"', '\n', '\r']) < 0 ? value : "\"" + value.Replace("\"", "\"\"") + "\"";
}
