using System.Diagnostics;
using HydroWorkshop.Common;

namespace HydroWorkshop.Surrogates;

/// <summary>One row of an evaluation: a predictor's scores and the wall time of each event's prediction (s).</summary>
public sealed record FloodPredictorScores(string Name, FloodPredictorRole Role, IReadOnlyList<FloodEventScores> Events,
    IReadOnlyList<double> Seconds)
{
    /// <summary>The median of every score over the events (<see cref="FloodEventScores.Median"/>).</summary>
    public FloodEventScores Median => FloodEventScores.Median(Events);

    /// <summary>The events whose prediction is not finite somewhere (their MAE, always defined otherwise, is NaN).</summary>
    public IEnumerable<string> NotFinite => Events.Where(e => double.IsNaN(e.Mae)).Select(e => e.Event);
}

/// <summary>
/// An evaluation of several predictors on the same events: <see cref="Rows"/> in the order given, the frames scored
/// (from <see cref="FirstFrame"/> on, <see cref="FrameHours"/> apart) and notes for the table (e.g. a baseline that
/// could not be run).
/// </summary>
public sealed record FloodEvaluationResult(IReadOnlyList<FloodPredictorScores> Rows, int FirstFrame, double FrameHours,
    IReadOnlyList<string> Notes)
{
    /// <summary>The fine solver's row, if one was run.</summary>
    public FloodPredictorScores? Solver => Rows.FirstOrDefault(r => r.Role == FloodPredictorRole.Solver);

    /// <summary>Per event, the fine solver's wall time over <paramref name="surrogate"/>'s (NaN without a solver row or
    /// where a time is 0).</summary>
    public IReadOnlyList<double> SpeedUp(FloodPredictorScores surrogate) => Solver is { } solver
        ? surrogate.Seconds.Select((s, i) => s > 0 ? solver.Seconds[i] / s : double.NaN).ToArray()
        : surrogate.Seconds.Select(_ => double.NaN).ToArray();
}

/// <summary>
/// Scores a surrogate beside its baselines on the same events: every predictor (<see cref="IFloodPredictor"/>)
/// predicts every event from the same first frame, each prediction is timed, and all are scored with
/// <see cref="FloodMetrics"/> against the event's own depth. The predictors run one after the other in this process,
/// event by event, so the surrogate and the solver are timed on the same machine, threads and load; each surrogate
/// predicts the first event once untimed first (the first call pays for loading and allocation), and its time per
/// event is the median of <see cref="SurrogateRepeats"/> roll-outs (milliseconds each, so a single one is at the mercy
/// of the scheduler; the solvers, seconds each, run once).
/// </summary>
public static class FloodEvaluation
{
    /// <summary>How many times a surrogate rolls each event out; its time is the median.</summary>
    public const int SurrogateRepeats = 3;

    /// <param name="data">The events, with their reference depth.</param>
    /// <param name="firstFrame">The first predicted frame (a surrogate's warm-up frames are not scored).</param>
    /// <param name="frameSeconds">Time between frames, s.</param>
    /// <param name="predictors">The rows, in table order.</param>
    /// <param name="notes">Lines the table prints below itself (e.g. which baseline is missing and why).</param>
    /// <param name="log">Progress, one line per event.</param>
    /// <param name="cancellationToken">Checked between predictions; default <see cref="WorkshopCancellation.Token"/>.</param>
    public static FloodEvaluationResult Run(MapSequences data, int firstFrame, double frameSeconds,
        IReadOnlyList<IFloodPredictor> predictors,
        IReadOnlyList<string>? notes = null, Action<string>? log = null, CancellationToken? cancellationToken = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(predictors);
        if (predictors.Count == 0) throw new ArgumentException("nothing to evaluate", nameof(predictors));
        if (firstFrame < 0 || firstFrame >= data.Frames)
            throw new ArgumentOutOfRangeException(nameof(firstFrame), firstFrame, $"the events have frames 0..{data.Frames - 1}");
        if (!(frameSeconds > 0)) throw new ArgumentOutOfRangeException(nameof(frameSeconds), frameSeconds, "a frame interval in s, > 0");
        var token = cancellationToken ?? WorkshopCancellation.Token;
        var cells = data.Rows * data.Columns;
        int[] shape = [data.Frames - firstFrame, data.Rows, data.Columns];
        var frameHours = frameSeconds / 3600;

        foreach (var p in predictors.Where(p => p.Role == FloodPredictorRole.Surrogate)) p.Predict(data, 0, firstFrame, token);
        var scores = predictors.Select(_ => new List<FloodEventScores>()).ToArray();
        var seconds = predictors.Select(_ => new List<double>()).ToArray();
        for (var e = 0; e < data.Count; e++)
        {
            var reference = data.Events[e].Depth.AsSpan(firstFrame * cells).ToArray();
            for (var k = 0; k < predictors.Count; k++)
            {
                token.ThrowIfCancellationRequested();
                var repeats = predictors[k].Role == FloodPredictorRole.Surrogate ? SurrogateRepeats : 1;
                var times = new double[repeats];
                float[] predicted = [];
                for (var r = 0; r < repeats; r++)
                {
                    var clock = Stopwatch.StartNew();
                    predicted = predictors[k].Predict(data, e, firstFrame, token);
                    times[r] = clock.Elapsed.TotalSeconds;
                }
                seconds[k].Add(Evaluation.Metrics.Median(times));
                if (predicted.Length != reference.Length)
                    throw new InvalidOperationException(
                        $"{predictors[k].Name}, event '{data.Events[e].Name}': {predicted.Length} depths, expected " +
                                                        $"{MapMetrics.ShapeText(shape)}");
                scores[k].Add(FloodMetrics.Score(data.Events[e].Name, predicted, reference, shape, frameHours));
            }
            log?.Invoke(FormattableString.Invariant($"event {e + 1}/{data.Count} {data.Events[e].Name}: ") +
                        string.Join(", ", predictors.Select((p, k) => FormattableString.Invariant(
                            $"{p.Name} MAE {scores[k][^1].Mae:F3} m ({seconds[k][^1]:F3} s)"))));
        }
        var rows = predictors.Select((p, k) => new FloodPredictorScores(p.Name, p.Role, scores[k], seconds[k])).ToArray();
        return new FloodEvaluationResult(rows, firstFrame, frameHours, notes ?? []);
    }
}
