namespace HydroWorkshop.Torch.Optimizers.Schedules;

/// <summary>
/// Linear warm-up followed by cosine annealing (Goyal et al. 2017, "Accurate, Large Minibatch SGD", for
/// the warm-up; Loshchilov &amp; Hutter 2017, "SGDR", ICLR, for the cosine). For epoch e, warm-up length W
/// and total length T:
/// <code>
/// e &lt; W:      lr = lr0 · (s + (1 − s) · e / W)                                     s = warmup_start_factor
/// W ≤ e ≤ T:  lr = eta_min + (lr0 − eta_min) · (1 + cos(π (e − W) / (T − W))) / 2
/// e &gt; T:      lr = eta_min
/// </code>
/// Equal to PyTorch's <c>SequentialLR([LinearLR(s, 1, W), CosineAnnealingLR(T − W, eta_min)], [W])</c>
/// over 0 ≤ e ≤ T, computed in closed form so that resuming needs only the epoch.
/// </summary>
public sealed class WarmupCosineLR : LRScheduler
{
    public WarmupCosineLR(Optimizer optimizer, int warmup_epochs, int total_epochs, double warmup_start_factor = 0.1, double eta_min = 0)
        : base(optimizer)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(warmup_epochs);
        if (total_epochs <= warmup_epochs)
            throw new ArgumentOutOfRangeException(nameof(total_epochs), total_epochs, $"WarmupCosineLR: total_epochs must exceed warmup_epochs ({warmup_epochs})");
        if (!(warmup_start_factor > 0 && warmup_start_factor <= 1))
            throw new ArgumentOutOfRangeException(nameof(warmup_start_factor), warmup_start_factor, "WarmupCosineLR: warmup_start_factor must be in (0, 1]");
        this.warmup_epochs = warmup_epochs;
        this.total_epochs = total_epochs;
        this.warmup_start_factor = warmup_start_factor;
        this.eta_min = eta_min;
        InitialStep();
    }

    public int warmup_epochs { get; }
    public int total_epochs { get; }
    public double warmup_start_factor { get; }
    public double eta_min { get; }

    protected override double[] get_lr() => base_lrs.Select(RateFor).ToArray();

    private double RateFor(double baseRate)
    {
        var e = last_epoch;
        if (e < warmup_epochs) return baseRate * (warmup_start_factor + (1 - warmup_start_factor) * e / warmup_epochs);
        if (e >= total_epochs) return eta_min;
        var progress = (double)(e - warmup_epochs) / (total_epochs - warmup_epochs);
        return eta_min + (baseRate - eta_min) * (1 + Math.Cos(Math.PI * progress)) / 2;
    }
}
