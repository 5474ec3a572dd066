namespace HydroWorkshop.Surrogates;

/// <summary>A trained map model as a row of the evaluation table: <see cref="MapTrainer.Predict"/> rolls the event out
/// from its first <see cref="MapTrainingOptions.WarmupFrames"/> frames (one event at a time, on the CPU, as a user
/// would call it; that is what the speed-up times).</summary>
public sealed class MapSurrogatePredictor(MapTrainer trainer, string name) : IFloodPredictor
{
    public string Name { get; } = name;

    public FloodPredictorRole Role => FloodPredictorRole.Surrogate;

    public float[] Predict(MapSequences data, int index, int firstFrame, CancellationToken cancellationToken)
    {
        if (firstFrame != trainer.Options.WarmupFrames)
            throw new ArgumentOutOfRangeException(nameof(firstFrame), firstFrame,
                $"{Name} predicts from frame {trainer.Options.WarmupFrames} (its warm-up)");
        using var depth = trainer.Predict(data, index);
        return MapMetrics.ToFloats(depth);
    }
}
