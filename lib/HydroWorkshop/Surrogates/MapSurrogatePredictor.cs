namespace HydroWorkshop.Surrogates;

/// <summary>A trained map model as a row of the evaluation table: <see cref="MapTrainer.Predict"/> rolls the event out
/// from its first <see cref="MapTrainingOptions.WarmupFrames"/> frames (one event at a time, on the CPU, as a user
/// would call it; that is what the speed-up times).</summary>
/// <param name="trainer">The trained model.</param>
/// <param name="name">The row's name.</param>
/// <param name="prepare">Builds the model's inputs for one event (given as a one-event <see cref="MapSequences"/>) inside
/// the timed call, e.g. <see cref="BreachCoarseMaps.Add"/> for a multi-fidelity model, whose coarse run is part of
/// its cost; null: the events already hold every input.</param>
public sealed class MapSurrogatePredictor(MapTrainer trainer, string name,
    Func<MapSequences, CancellationToken, MapSequences>? prepare = null) : IFloodPredictor
{
    public string Name { get; } = name;

    public FloodPredictorRole Role => FloodPredictorRole.Surrogate;

    public float[] Predict(MapSequences data, int index, int firstFrame, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (firstFrame != trainer.Options.WarmupFrames)
            throw new ArgumentOutOfRangeException(nameof(firstFrame), firstFrame,
                $"{Name} predicts from frame {trainer.Options.WarmupFrames} (its warm-up)");
        var (events, at) = prepare is null ? (data, index) : (prepare(data.WithEvents([data.Events[index]]), cancellationToken), 0);
        if (prepare is not null && (events.Count != 1 || events.Frames != data.Frames))
            throw new InvalidOperationException(
                $"{Name}: preparing event '{data.Events[index].Name}' gave {events.Count} events of {events.Frames} frames, expected 1 of {data.Frames}");
        using var depth = trainer.Predict(events, at);
        return MapMetrics.ToFloats(depth);
    }
}
