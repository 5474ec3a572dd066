using System.Globalization;
using System.Text;

namespace HydroWorkshop.Surrogates;

/// <summary>
/// The printed evaluation table: per row (surrogate, baselines, solver) the median and the worst event of every
/// <see cref="FloodScoreColumn"/> and the wall time per event; a surrogate's value that does not beat every baseline
/// ends in <c>!</c>, and a note below lists the baselines that beat it (<see cref="BaselineComparison"/>). Then the
/// speed-up of each surrogate against the fine solver, event by event, and the evaluation's notes.
/// </summary>
public static class FloodEvaluationTable
{
    private const int NameWidth = 26, Width = 10;

    /// <summary>The table as text, lines ending in \n; <paramref name="title"/> is its first line.</summary>
    public static string Text(FloodEvaluationResult result, string title, int torchThreads = 0)
    {
        ArgumentNullException.ThrowIfNull(result);
        var shortfalls = BaselineComparison.Shortfalls(result);
        var text = new StringBuilder();
        var events = result.Rows[0].Events.Count;
        var frames = result.Rows[0].Events[0].MaeOverTime.Count;
        text.Append(Invariant(
            $"{title}: {events} events, frames {result.FirstFrame}-{result.FirstFrame + frames - 1} ({result.FrameHours:G4} h apart); ") +
                        Invariant($"wet = depth > {FloodMetrics.WetThreshold} m in the reference or the prediction\n"));
        text.Append("model".PadRight(NameWidth)).Append("stat   ");
        foreach (var c in FloodScoreColumn.All) text.Append((c.Unit.Length > 0 ? $"{c.Label} {c.Unit}" : c.Label).PadLeft(Width + 1));
        text.Append("s/event".PadLeft(Width + 1)).Append('\n');
        foreach (var row in result.Rows)
        {
            foreach (var statistic in BaselineComparison.Statistics)
            {
                text.Append((statistic == "median" ? Clip(row.Name) : "").PadRight(NameWidth)).Append(statistic.PadRight(7));
                foreach (var c in FloodScoreColumn.All)
                {
                    var flagged = shortfalls.Any(s => s.Surrogate == row.Name && s.Column == c && s.Statistic == statistic);
                    text.Append((Format(BaselineComparison.Statistic(row, c, statistic), c) + (flagged ? "!" : " ")).PadLeft(Width + 1));
                }
                var time = statistic == "median" ? Evaluation.Metrics.Median(row.Seconds) : row.Seconds.DefaultIfEmpty(double.NaN).Max();
                text.Append(Invariant($"{time:G3}").PadLeft(Width + 1)).Append('\n');
            }
        }
        foreach (var surrogate in result.Rows.Where(r => r.Role == FloodPredictorRole.Surrogate))
        {
            var mine = shortfalls.Where(s => s.Surrogate == surrogate.Name).ToArray();
            text.Append(mine.Length == 0
                ? $"{surrogate.Name} beats every baseline on every score (median and worst event).\n"
                : $"! {surrogate.Name} does not beat every baseline on: " +
                  string.Join("; ", mine.GroupBy(s => (s.Column, Baselines: string.Join(", ", s.Baselines)))
                      .Select(g => $"{g.Key.Column.Label} {string.Join(" and ", g.Select(s => s.Statistic))} ({g.Key.Baselines})")) + "\n");
            if (surrogate.NotFinite.ToArray() is { Length: > 0 } bad)
                text.Append(
                    $"! {surrogate.Name} predicted NaN or infinite depths in {string.Join(", ", bad)} (every score of those events undefined)\n");
            var speedUp = result.SpeedUp(surrogate).Where(double.IsFinite).ToArray();
            if (result.Solver is { } solver && speedUp.Length > 0)
                text.Append(Invariant(
                    $"speed-up of {surrogate.Name} against {solver.Name}: median {Evaluation.Metrics.Median(speedUp):G3}x ") +
                            Invariant(
                                $"(per event {speedUp.Min():G3}x-{speedUp.Max():G3}x); per event {Evaluation.Metrics.Median(surrogate.Seconds):G3} s ") +
                            Invariant($"against {Evaluation.Metrics.Median(solver.Seconds):G3} s, one after the other in one process") +
                            (torchThreads > 0 ? Invariant($" (surrogate and solvers on {Threads(torchThreads)})") : "") + "\n");
        }
        foreach (var note in result.Notes) text.Append(note).Append('\n');
        return text.ToString();
    }

    private static string Threads(int count) => count == 1 ? "1 thread" : Invariant($"{count} threads");

    internal static string Format(double value, FloodScoreColumn column) => double.IsNaN(value) ? "-"
        : value.ToString(column.Unit == "h" ? "F2" : column.Direction == ScoreDirection.CloserToZero ? "+0.000;-0.000;0.000" : "F3",
            CultureInfo.InvariantCulture);

    private static string Clip(string name) => name.Length < NameWidth ? name : name[..(NameWidth - 2)] + "~";

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);
}
