namespace HydroWorkshop.Training;

/// <summary>The loss a run minimises; every one ignores missing (NaN) targets.</summary>
public enum TrainingLoss
{
    /// <summary>Mean squared error over valid targets.</summary>
    Mse,
    /// <summary>NSE* (Kratzert et al. 2019, HESS 23): squared errors weighted by 1 / (s_b + ε)², with s_b the
    /// standard deviation of basin b's target in the training period, so that every basin counts alike.</summary>
    Nse,
    /// <summary>Gaussian negative log-likelihood ½(log σ² + (y − μ)²/σ²) of the targets under the mean and variance
    /// of a model with a Gaussian head (model <c>head: gaussian</c>), for predictive uncertainty (Nix &amp; Weigend 1994).</summary>
    GaussianNll,
}

/// <summary>How a run trains: one record, saved in the run folder, that reproduces the run with the same data.
/// Defaults are a small, quick workshop run; <see cref="Symfluence"/> gives the SYMFLUENCE guide's.</summary>
public sealed record TrainingConfig
{
    public int Epochs { get; init; } = 30;
    public int BatchSize { get; init; } = 256;
    /// <summary>"adam" or "adamw" (decoupled weight decay).</summary>
    public string Optimizer { get; init; } = "adam";
    public double LearningRate { get; init; } = 1e-3;
    /// <summary>Epoch → learning rate from that epoch on, e.g. {1: 1e-3, 20: 5e-4}: epochs count from 1 as the training log
    /// counts them, key 0 (neuralhydrology's spelling) means epoch 1 (<see cref="Engine.EpochRateLR"/>); overrides
    /// <see cref="LearningRate"/>.</summary>
    public IReadOnlyDictionary<int, double>? LearningRates { get; init; }
    /// <summary>L2 penalty (adam) or decoupled weight decay (adamw).</summary>
    public double WeightDecay { get; init; }
    /// <summary>Gradient norm clipping; null for none.</summary>
    public double? ClipGradNorm { get; init; } = 1.0;
    public TrainingLoss Loss { get; init; } = TrainingLoss.Nse;
    /// <summary>Multi-task weights, one per target (e.g. [1.0, 0.3] for discharge and snow water equivalent): the loss is
    /// Σ_k w_k · loss_k with each target's loss masked on its own; null pools all targets' valid values in one mean.</summary>
    public IReadOnlyList<double>? TargetWeights { get; init; }
    /// <summary>Validate every N epochs (when a validation set is given).</summary>
    public int ValidateEvery { get; init; } = 1;
    /// <summary>Stop after this many validations without improvement; null never stops early.</summary>
    public int? Patience { get; init; }
    /// <summary>No early stop before this epoch.</summary>
    public int MinEpochs { get; init; }
    /// <summary>Seeds weights, shuffling and dropout: the same seed gives the same run, bit for bit, on a CPU.</summary>
    public ulong Seed { get; init; } = 42;
    /// <summary>Where training runs: "cpu" (the default), "cuda" or "cuda:N" (PyTorch's spelling; a CUDA build of
    /// libtorch and a GPU). The trained model comes back on the CPU, where evaluation and prediction run.</summary>
    public string Device { get; init; } = "cpu";

    /// <summary>The SYMFLUENCE LSTM guide's training defaults (300 epochs, patience 30, batch 64, lr 1e-3, L2 1e-6).</summary>
    public static TrainingConfig Symfluence =>
        new() { Epochs = 300, Patience = 30, BatchSize = 64, LearningRate = 1e-3, WeightDecay = 1e-6 };

    /// <summary>Checks the values and names the first bad one.</summary>
    public void Validate()
    {
        if (Epochs < 1) throw new ArgumentException($"Epochs must be at least 1, got {Epochs}");
        if (BatchSize < 1) throw new ArgumentException($"BatchSize must be at least 1, got {BatchSize}");
        if (LearningRate <= 0) throw new ArgumentException($"LearningRate must be positive, got {LearningRate}");
        if (Optimizer is not ("adam" or "adamw")) throw new ArgumentException($"Optimizer '{Optimizer}' is not one of adam, adamw");
        if (ValidateEvery < 1) throw new ArgumentException($"ValidateEvery must be at least 1, got {ValidateEvery}");
        if (Patience is < 1) throw new ArgumentException(
            $"Patience must be at least 1 validation (or null for no early stopping), got {Patience}");
        if (TargetWeights is { } w && (w.Count == 0 || w.Any(v => !(v >= 0)) || w.Sum() <= 0))
            throw new ArgumentException($"TargetWeights must be non-negative with a positive sum, got [{string.Join(", ", w)}]");
        if (ClipGradNorm is <= 0) throw new ArgumentException($"ClipGradNorm must be positive or null, got {ClipGradNorm}");
        try
        {
            Engine.Devices.Parse(Device);
        }
        catch (FormatException e)
        {
            throw new ArgumentException($"Device: {e.Message}");
        }
    }

    /// <summary>The device to train on; refuses a CUDA device that cannot be used, with the reason.</summary>
    public TorchSharp.torch.Device TrainingDevice()
    {
        var device = Engine.Devices.Parse(Device);
        if (device.type == TorchSharp.DeviceType.CUDA)
        {
            if (Engine.EngineInfo.CudaUnavailableReason() is { } reason)
                throw new InvalidOperationException($"training device '{Device}' cannot be used: {reason}; set device: cpu");
            var count = TorchSharp.torch.cuda.device_count();
            if (device.index >= count)
                throw new InvalidOperationException(
                    $"training device '{Device}' does not exist: libtorch sees {count} CUDA device(s), cuda:0 to cuda:{count - 1}");
        }
        return device;
    }
}
