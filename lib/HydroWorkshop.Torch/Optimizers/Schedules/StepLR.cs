namespace HydroWorkshop.Torch.Optimizers.Schedules;

/// <summary>
/// Multiplies the rate by <c>gamma</c> every <c>step_size</c> epochs (PyTorch's <c>StepLR</c>):
/// lr(e) = lr0 · gamma^⌊e / step_size⌋.
/// </summary>
public sealed class StepLR : LRScheduler
{
    public StepLR(Optimizer optimizer, int step_size, double gamma = 0.1) : base(optimizer)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(step_size, 1);
        this.step_size = step_size;
        this.gamma = gamma;
        InitialStep();
    }

    public int step_size { get; }
    public double gamma { get; }

    protected override double[] get_lr()
    {
        var rates = CurrentRates();
        if (last_epoch == 0 || last_epoch % step_size != 0) return rates;
        return rates.Select(r => r * gamma).ToArray();
    }
}
