namespace HydroWorkshop.Surrogates;

/// <summary>The map metric that decides the best epoch and early stopping.</summary>
public enum MapStopMetric
{
    /// <summary>Mean validation depth RMSE over wet cells (m), lower is better.</summary>
    WetRmse,
    /// <summary>Mean validation critical success index at <see cref="MapTrainingOptions.WetThreshold"/>, higher is better.</summary>
    Csi,
    /// <summary>Validation loss (scaled MSE), lower is better.</summary>
    Loss,
}

/// <summary>What a map run needs beyond <see cref="HydroWorkshop.Training.TrainingConfig"/> (epochs, batch size, rate,
/// weight decay, clipping, patience, minimum epochs, seed come from there).</summary>
public sealed record MapTrainingOptions
{
    /// <summary>Observed frames a model sees before it predicts (k).</summary>
    public int WarmupFrames { get; init; } = 4;
    /// <summary>Frames per training window (warm-up + predicted); 0 trains on whole events. Windows are drawn at random
    /// starts each epoch; validation and evaluation always roll out whole events.</summary>
    public int WindowFrames { get; init; }
    /// <summary>Multi-step training with a curriculum (autoregressive models): the windows predict
    /// <see cref="RolloutCurriculum.StartSteps"/> frames in the first epochs and twice as many every
    /// <see cref="RolloutCurriculum.EpochsPerDoubling"/> epochs, up to <see cref="WindowFrames"/> (or whole events).
    /// Short roll-outs first teach the one-step update cheaply; the long ones then teach the model to live with its own
    /// errors, as in Bentivoglio et al. (2023). Null: every epoch uses <see cref="WindowFrames"/>.</summary>
    public RolloutCurriculum? Curriculum { get; init; }
    /// <summary>Windows drawn per event and epoch (with <see cref="WindowFrames"/> &gt; 0).</summary>
    public int WindowsPerEvent { get; init; } = 1;
    /// <summary>Teacher forcing per epoch (autoregressive models only).</summary>
    public TeacherForcingSchedule TeacherForcing { get; init; } = new();
    /// <summary>Depth (m) above which a cell is wet, for the metrics and early stopping.</summary>
    public double WetThreshold { get; init; } = 0.001;
    public MapStopMetric StopMetric { get; init; } = MapStopMetric.WetRmse;
    /// <summary>Weight of the wet/dry cross-entropy beside the depth MSE in the loss (0: depth MSE alone).</summary>
    public double WetDryWeight { get; init; } = 0.1;
    /// <summary>Weight of the depth error in cells the observation says are wet, relative to dry cells (1: plain MSE). Above 1
    /// the loss leans towards the water the wet-cell RMSE scores, rather than the many dry cells that are easy.</summary>
    public double WetCellWeight { get; init; } = 1.0;
    /// <summary>Weight of the wet class in the wet/dry cross-entropy (1: plain BCE). Above 1 a gate that learned
    /// "dry everywhere" (events that start dry, like a dike breach) pays for every missed wet cell.</summary>
    public double WetPositiveWeight { get; init; } = 1.0;
    /// <summary>Augmentation: each training batch is mirrored across the grid's x axis (rows reversed) with probability
    /// 1/2. Valid when the physics is symmetric under that mirror, as in the flume (walls on both long sides, bed
    /// sloping along x only, the inflow segment and obstacles mirrored with the maps).</summary>
    public bool MirrorRows { get; init; }
    /// <summary>Events rolled out at once in validation and evaluation.</summary>
    public int EvaluationBatchSize { get; init; } = 2;
    /// <summary>Stop training (keeping the best weights) once this much wall time has passed; null for no limit.</summary>
    public TimeSpan? TimeLimit { get; init; }

    public void Validate()
    {
        if (WarmupFrames < 1) throw new ArgumentException($"WarmupFrames must be at least 1, got {WarmupFrames}");
        if (WindowFrames != 0 && WindowFrames <= WarmupFrames)
            throw new ArgumentException(
                $"WindowFrames ({WindowFrames}) must exceed WarmupFrames ({WarmupFrames}), or be 0 for whole events");
        if (WindowsPerEvent < 1) throw new ArgumentException($"WindowsPerEvent must be at least 1, got {WindowsPerEvent}");
        if (!(WetThreshold >= 0)) throw new ArgumentException($"WetThreshold must be non-negative, got {WetThreshold}");
        if (!(WetDryWeight >= 0)) throw new ArgumentException($"WetDryWeight must be non-negative, got {WetDryWeight}");
        if (!(WetCellWeight > 0)) throw new ArgumentException($"WetCellWeight must be positive, got {WetCellWeight}");
        if (!(WetPositiveWeight > 0)) throw new ArgumentException($"WetPositiveWeight must be positive, got {WetPositiveWeight}");
        if (EvaluationBatchSize < 1) throw new ArgumentException($"EvaluationBatchSize must be at least 1, got {EvaluationBatchSize}");
        TeacherForcing.At(1);
        if (Curriculum is { } c && (c.StartSteps < 1 || c.EpochsPerDoubling < 1))
            throw new ArgumentException(
                $"the curriculum needs StartSteps >= 1 and EpochsPerDoubling >= 1, got {c.StartSteps} and {c.EpochsPerDoubling}");
    }
}

/// <summary>Predicted frames per training window: <paramref name="StartSteps"/> at first, doubling every
/// <paramref name="EpochsPerDoubling"/> epochs.</summary>
public sealed record RolloutCurriculum(int StartSteps, int EpochsPerDoubling)
{
    /// <summary>Epochs per doubling when a config gives only the start (<c>curriculum_start_steps</c>).</summary>
    public const int DefaultEpochsPerDoubling = 5;

    /// <summary>Frames of a training window (warm-up + predicted) in <paramref name="epoch"/> (1-based), at most
    /// <paramref name="maxFrames"/>.</summary>
    public int WindowFrames(int epoch, int warmupFrames, int maxFrames)
    {
        var doublings = Math.Min(20, (epoch - 1) / EpochsPerDoubling);
        return (int)Math.Min(maxFrames, warmupFrames + ((long)StartSteps << doublings));
    }
}
