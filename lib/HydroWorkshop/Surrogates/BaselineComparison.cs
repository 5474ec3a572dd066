namespace HydroWorkshop.Surrogates;

/// <summary>Whether a surrogate's score is better than every baseline's: <see cref="Baselines"/> are those at least as good
/// (a tie is not a win, except where both are exact: see <see cref="BaselineComparison"/>).</summary>
/// <param name="Surrogate">The surrogate row's name.</param>
/// <param name="Column">The score.</param>
/// <param name="Statistic"><c>median</c> or <c>worst</c> (over the events).</param>
/// <param name="Baselines">The baselines whose same statistic is at least as good as the surrogate's.</param>
public sealed record BaselineShortfall(string Surrogate, FloodScoreColumn Column, string Statistic, IReadOnlyList<string> Baselines);

/// <summary>
/// The flags of an evaluation table: for each surrogate row, each score and each statistic (median and worst event),
/// the baselines it does not beat. A surrogate earns its place only by beating all of them on every score (issue 22),
/// so a single shortfall is flagged. An undefined (NaN) surrogate score is beaten by any defined baseline score; an
/// undefined baseline score beats nothing. Where both are exact (<see cref="FloodScoreColumn.IsExact"/>: a volume error
/// within 0.01 %) there is nothing to beat, and the surrogate is not flagged: an exact baseline could otherwise never be
/// beaten, and the flag would fall on float rounding.
/// </summary>
public static class BaselineComparison
{
    public static readonly string[] Statistics = ["median", "worst"];

    /// <summary>The statistic <paramref name="statistic"/> of <paramref name="column"/> over <paramref name="row"/>'s events.</summary>
    public static double Statistic(FloodPredictorScores row, FloodScoreColumn column, string statistic) => statistic switch
    {
        "median" => Evaluation.Metrics.Median(row.Events.Select(column.Value)),
        "worst" => column.Worst(row.Events),
        _ => throw new ArgumentException($"statistic '{statistic}' is not median or worst", nameof(statistic)),
    };

    /// <summary>Every shortfall of every surrogate row of <paramref name="result"/>, in row, column, statistic order.</summary>
    public static IReadOnlyList<BaselineShortfall> Shortfalls(FloodEvaluationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var baselines = result.Rows.Where(r => r.Role == FloodPredictorRole.Baseline).ToArray();
        var list = new List<BaselineShortfall>();
        foreach (var surrogate in result.Rows.Where(r => r.Role == FloodPredictorRole.Surrogate))
            foreach (var column in FloodScoreColumn.All)
                foreach (var statistic in Statistics)
                {
                    var mine = Statistic(surrogate, column, statistic);
                    var better = baselines.Where(b => Statistic(b, column, statistic) is var theirs && !double.IsNaN(theirs)
                        && !column.IsBetter(mine, theirs) && !(column.IsExact(mine) && column.IsExact(theirs)))
                        .Select(b => b.Name).ToArray();
                    if (better.Length > 0) list.Add(new BaselineShortfall(surrogate.Name, column, statistic, better));
                }
        return list;
    }
}
