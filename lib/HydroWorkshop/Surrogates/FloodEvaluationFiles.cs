using System.Globalization;
using System.Text;
using HydroWorkshop.Common;

namespace HydroWorkshop.Surrogates;

/// <summary>
/// Writes an evaluation (<see cref="FloodEvaluation"/>) into a folder, every file atomically:
/// <list type="bullet">
/// <item><c>scores.csv</c>: one row per predictor and event: <c>model, role, event, seconds, speedup</c> (the fine
/// solver's time over the surrogate's, surrogate rows with a solver row only) and every <see cref="FloodScoreColumn"/>;</item>
/// <item><c>summary.csv</c>: per predictor its <c>median</c> and <c>worst</c> rows (worst: largest error, lowest CSI, largest
/// magnitude of the signed volume error, longest time, smallest speed-up), and in <c>not_beating_baselines</c> the scores
/// on which a surrogate does not beat every baseline, <c>column:baseline+baseline</c> separated by <c>;</c>;</item>
/// <item><c>mae_over_time.csv</c>: <c>model, event, frame, hours, mae_m</c> per predicted frame, with a <c>median</c> event
/// per model (for a chart of the error's growth);</item>
/// <item><c>table.txt</c>: the printed table (<see cref="FloodEvaluationTable"/>).</item>
/// </list>
/// Undefined values are empty fields.
/// </summary>
public static class FloodEvaluationFiles
{
    public static void Write(string folder, FloodEvaluationResult result, string table)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        ArgumentNullException.ThrowIfNull(result);
        Directory.CreateDirectory(folder);
        AtomicFile.WriteAllText(Path.Combine(folder, "scores.csv"), ScoresCsv(result));
        AtomicFile.WriteAllText(Path.Combine(folder, "summary.csv"), SummaryCsv(result));
        AtomicFile.WriteAllText(Path.Combine(folder, "mae_over_time.csv"), MaeOverTimeCsv(result));
        AtomicFile.WriteAllText(Path.Combine(folder, "table.txt"), table);
    }

    private static string Columns => string.Join(',', FloodScoreColumn.All.Select(c => c.Name));

    internal static string ScoresCsv(FloodEvaluationResult result)
    {
        var text = new StringBuilder($"model,role,event,seconds,speedup,{Columns}\n");
        foreach (var row in result.Rows)
        {
            var speedUp = row.Role == FloodPredictorRole.Surrogate ? result.SpeedUp(row) : null;
            for (var e = 0; e < row.Events.Count; e++)
            {
                text.AppendJoin(',', Field(row.Name), Role(row.Role), Field(row.Events[e].Event), Format(row.Seconds[e]),
                    Format(speedUp?[e] ?? double.NaN));
                foreach (var c in FloodScoreColumn.All) text.Append(',').Append(Format(c.Value(row.Events[e])));
                text.Append('\n');
            }
        }
        return text.ToString();
    }

    internal static string SummaryCsv(FloodEvaluationResult result)
    {
        var shortfalls = BaselineComparison.Shortfalls(result);
        var text = new StringBuilder($"model,role,statistic,events,seconds,speedup,{Columns},not_beating_baselines\n");
        foreach (var row in result.Rows)
        {
            var speedUp = row.Role == FloodPredictorRole.Surrogate ? result.SpeedUp(row).Where(double.IsFinite).ToArray() : [];
            foreach (var statistic in BaselineComparison.Statistics)
            {
                var median = statistic == "median";
                text.AppendJoin(',', Field(row.Name), Role(row.Role), statistic, row.Events.Count.ToString(CultureInfo.InvariantCulture),
                    Format(median ? Evaluation.Metrics.Median(row.Seconds) : row.Seconds.DefaultIfEmpty(double.NaN).Max()),
                    Format(speedUp.Length == 0 ? double.NaN : median ? Evaluation.Metrics.Median(speedUp) : speedUp.Min()));
                foreach (var c in FloodScoreColumn.All) text.Append(',').Append(Format(BaselineComparison.Statistic(row, c, statistic)));
                var flags = shortfalls.Where(s => s.Surrogate == row.Name && s.Statistic == statistic)
                    .Select(s => $"{s.Column.Name}:{string.Join('+', s.Baselines)}");
                text.Append(',').Append(Field(string.Join(';', flags))).Append('\n');
            }
        }
        return text.ToString();
    }

    internal static string MaeOverTimeCsv(FloodEvaluationResult result)
    {
        var text = new StringBuilder("model,event,frame,hours,mae_m\n");
        foreach (var row in result.Rows)
            foreach (var e in row.Events.Append(row.Median))
                for (var t = 0; t < e.MaeOverTime.Count; t++)
                {
                    var frame = result.FirstFrame + t;
                    text.AppendJoin(',', Field(row.Name), Field(e.Event), frame.ToString(CultureInfo.InvariantCulture),
                        Format(frame * result.FrameHours), Format(e.MaeOverTime[t])).Append('\n');
                }
        return text.ToString();
    }

    private static string Role(FloodPredictorRole role) => role.ToString().ToLowerInvariant();

    private static string Format(double value) => double.IsNaN(value) ? "" : value.ToString("G6", CultureInfo.InvariantCulture);

    private static string Field(string value) =>
        value.IndexOfAny([',', '"', '\n', '\r']) < 0 ? value : "\"" + value.Replace("\"", "\"\"") + "\"";
}
