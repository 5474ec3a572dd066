namespace HydroWorkshop.Torch.Optimizers.Schedules;

/// <summary>
/// Multiplies the rate by <c>gamma</c> at each milestone epoch (PyTorch's <c>MultiStepLR</c>):
/// lr(e) = lr0 · gamma^(number of milestones ≤ e). A milestone listed twice applies gamma twice.
/// </summary>
public sealed class MultiStepLR : LRScheduler
{
    private readonly Dictionary<int, int> counts = [];

    public MultiStepLR(Optimizer optimizer, IEnumerable<int> milestones, double gamma = 0.1) : base(optimizer)
    {
        ArgumentNullException.ThrowIfNull(milestones);
        foreach (var m in milestones) counts[m] = counts.GetValueOrDefault(m) + 1;
        this.milestones = counts.Keys.Order().ToArray();
        this.gamma = gamma;
        InitialStep();
    }

    public IReadOnlyList<int> milestones { get; }
    public double gamma { get; }

    protected override double[] get_lr()
    {
        var rates = CurrentRates();
        if (!counts.TryGetValue(last_epoch, out var count)) return rates;
        var factor = Math.Pow(gamma, count);
        return rates.Select(r => r * factor).ToArray();
    }
}
