namespace HydroWorkshop.Torch.Optimizers.Schedules;

/// <summary>Multiplies the rate by <c>gamma</c> every epoch (PyTorch's <c>ExponentialLR</c>): lr(e) = lr0 · gamma^e.</summary>
public sealed class ExponentialLR : LRScheduler
{
    public ExponentialLR(Optimizer optimizer, double gamma) : base(optimizer)
    {
        this.gamma = gamma;
        InitialStep();
    }

    public double gamma { get; }

    protected override double[] get_lr()
    {
        var rates = CurrentRates();
        return last_epoch == 0 ? rates : rates.Select(r => r * gamma).ToArray();
    }
}
