namespace HydroWorkshop.Surrogates.Gridded;

/// <summary>
/// How <see cref="GriddedTrainer"/> cuts the training period into windows, and what it adds to the project's
/// <c>TrainingConfig</c> (epochs, batch size, learning rate and schedule, weight decay, optimizer, clipping, patience, seed):
/// target weights, a time limit and a moving average of the weights.
/// </summary>
public sealed record GriddedTrainingOptions
{
    /// <summary>Days per training window. Long enough to hold the slowest memory the model must learn (snow, groundwater,
    /// a big basin's travel time).</summary>
    public int WindowDays { get; init; } = 365;

    /// <summary>The first days of each window are not scored: the model's state starts at zero and needs them to fill.</summary>
    public int WarmupDays { get; init; } = 180;

    /// <summary>Random windows drawn per epoch = BatchesPerEpoch × batch size (an epoch is a fixed amount of work, not a
    /// pass over every possible window: consecutive windows overlap almost entirely).</summary>
    public int BatchesPerEpoch { get; init; } = 8;

    /// <summary>Weight each target's squared error by 1 / (σ + 0.1)², σ its training standard deviation in model units
    /// (NSE*, Kratzert et al. 2019), so quiet gauges count as much as flashy ones.</summary>
    public bool NseWeights { get; init; } = true;

    /// <summary>Stop after this long and keep the best weights so far (null: no limit). Checked before every batch: an
    /// epoch that runs past it ends early and is still validated, so the limit holds to about one batch and one
    /// validation even when each epoch is slow. The first epoch always trains at least one batch.</summary>
    public TimeSpan? TimeLimit { get; init; }

    /// <summary>Decay of an exponential moving average of the weights (<see cref="Training.WeightAverage"/>), e.g. 0.9:
    /// validation, early stopping and the kept model use the averaged weights, training goes on with its own; null keeps
    /// the last weights. With six years of daily data the weights wander from batch to batch and the validation score
    /// with them; the average makes early stopping choose a model rather than a lucky batch.</summary>
    public double? WeightAverage { get; init; }

    public void Validate()
    {
        if (WeightAverage is { } decay && !(decay is >= 0 and < 1))
            throw new ArgumentException($"WeightAverage must be in [0, 1) or null, got {decay}");
        if (WindowDays < 2) throw new ArgumentException($"WindowDays must be at least 2, got {WindowDays}");
        if (WarmupDays < 0 || WarmupDays >= WindowDays) throw new ArgumentException(
            $"WarmupDays must be in [0, WindowDays = {WindowDays}), got {WarmupDays}");
        if (BatchesPerEpoch < 1) throw new ArgumentException($"BatchesPerEpoch must be at least 1, got {BatchesPerEpoch}");
    }
}
