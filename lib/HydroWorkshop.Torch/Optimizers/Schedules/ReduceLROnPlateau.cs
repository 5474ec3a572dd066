namespace HydroWorkshop.Torch.Optimizers.Schedules;

/// <summary>
/// Lowers the rate when a validation metric stops improving, exactly as PyTorch's <c>ReduceLROnPlateau</c>:
/// after more than <c>patience</c> epochs without improvement (by <c>threshold</c>, relative or absolute),
/// every group's rate becomes max(lr·factor, min_lr), unless that changes it by less than <c>eps</c>; then
/// <c>cooldown</c> epochs pass before bad epochs count again. Call <see cref="step"/> with the metric once per epoch.
/// </summary>
public sealed class ReduceLROnPlateau : LearningRateSchedule
{
    private readonly double[] minLrs;

    public ReduceLROnPlateau(Optimizer optimizer, string mode = "min", double factor = 0.1, int patience = 10, double threshold = 1e-4,
        string threshold_mode = "rel", int cooldown = 0, double min_lr = 0, double eps = 1e-8)
        : base(optimizer)
    {
        if (!(factor < 1)) throw new ArgumentOutOfRangeException(nameof(factor), factor, "ReduceLROnPlateau: factor must be < 1");
        if (mode is not ("min" or "max")) throw new ArgumentException($"ReduceLROnPlateau: mode must be \"min\" or \"max\", got \"{mode}\"", nameof(mode));
        if (threshold_mode is not ("rel" or "abs")) throw new ArgumentException($"ReduceLROnPlateau: threshold_mode must be \"rel\" or \"abs\", got \"{threshold_mode}\"", nameof(threshold_mode));
        ArgumentOutOfRangeException.ThrowIfNegative(patience);
        ArgumentOutOfRangeException.ThrowIfNegative(cooldown);
        this.mode = mode;
        this.factor = factor;
        this.patience = patience;
        this.threshold = threshold;
        this.threshold_mode = threshold_mode;
        this.cooldown = cooldown;
        this.eps = eps;
        minLrs = optimizer.param_groups.Select(_ => min_lr).ToArray();
        last_epoch = 0;
        best = mode == "min" ? double.PositiveInfinity : double.NegativeInfinity;
    }

    public string mode { get; }
    public double factor { get; }
    public int patience { get; }
    public double threshold { get; }
    public string threshold_mode { get; }
    public int cooldown { get; }
    public double eps { get; }

    /// <summary>The best metric seen so far.</summary>
    public double best { get; private set; }

    /// <summary>Epochs since the metric last improved (reset by a reduction and during cooldown).</summary>
    public int num_bad_epochs { get; private set; }

    /// <summary>Epochs of cooldown left.</summary>
    public int cooldown_counter { get; private set; }

    /// <summary>Records this epoch's metric (e.g. validation loss) and lowers the rates on a plateau.</summary>
    public void step(double metric)
    {
        last_epoch++;
        if (IsBetter(metric, best))
        {
            best = metric;
            num_bad_epochs = 0;
        }
        else
        {
            num_bad_epochs++;
        }
        if (cooldown_counter > 0)
        {
            cooldown_counter--;
            num_bad_epochs = 0;
        }
        if (num_bad_epochs > patience)
        {
            var groups = optimizer.param_groups;
            for (var g = 0; g < groups.Count; g++)
            {
                var old = groups[g].lr;
                var reduced = Math.Max(old * factor, minLrs[g]);
                if (old - reduced > eps) groups[g].lr = reduced;
            }
            cooldown_counter = cooldown;
            num_bad_epochs = 0;
        }
        last_lr = optimizer.param_groups.Select(g => g.lr).ToArray();
    }

    private bool IsBetter(double a, double reference) => (mode, threshold_mode) switch
    {
        ("min", "rel") => a < reference * (1 - threshold),
        ("min", _) => a < reference - threshold,
        (_, "rel") => a > reference * (threshold + 1),
        _ => a > reference + threshold,
    };

    protected override void WriteState(Dictionary<string, double> state)
    {
        state["best"] = best;
        state["num_bad_epochs"] = num_bad_epochs;
        state["cooldown_counter"] = cooldown_counter;
    }

    protected override void ReadState(IReadOnlyDictionary<string, double> state)
    {
        best = Read(state, "best");
        num_bad_epochs = (int)Read(state, "num_bad_epochs");
        cooldown_counter = (int)Read(state, "cooldown_counter");
    }
}
