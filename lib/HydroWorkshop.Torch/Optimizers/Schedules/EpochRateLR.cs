namespace HydroWorkshop.Torch.Optimizers.Schedules;

/// <summary>
/// A learning rate per starting epoch, as neuralhydrology's config <c>learning_rate: {0: 1e-3, 10: 5e-4, 25: 1e-4}</c>:
/// from each listed epoch on, every group uses that rate until the next listed epoch. Epochs count from 1
/// as in neuralhydrology: key 0 is the rate before training, key k takes effect when epoch k starts, so
/// after <see cref="LRScheduler.step"/> has been called e times the rate is that of the largest key ≤ e + 1.
/// Before the first listed epoch the groups keep their own rate. Not in PyTorch; its rule is neuralhydrology's
/// (Kratzert et al. 2022, "NeuralHydrology — A Python library for Deep Learning research in hydrology", JOSS).
/// </summary>
public sealed class EpochRateLR : LRScheduler
{
    private readonly SortedDictionary<int, double> rates;

    public EpochRateLR(Optimizer optimizer, IReadOnlyDictionary<int, double> rates) : base(optimizer)
    {
        ArgumentNullException.ThrowIfNull(rates);
        if (rates.Count == 0) throw new ArgumentException("EpochRateLR needs at least one epoch: rate pair", nameof(rates));
        foreach (var (epoch, rate) in rates)
        {
            if (epoch < 0) throw new ArgumentOutOfRangeException(nameof(rates), epoch, $"EpochRateLR: epoch {epoch} is negative");
            if (!(rate >= 0) || !double.IsFinite(rate)) throw new ArgumentOutOfRangeException(nameof(rates), rate, $"EpochRateLR: the rate for epoch {epoch} is {rate}");
        }
        this.rates = new SortedDictionary<int, double>(rates.ToDictionary());
        InitialStep();
    }

    public IReadOnlyDictionary<int, double> rates_by_epoch => rates;

    protected override double[] get_lr()
    {
        var current = CurrentRates();
        double? rate = null;
        foreach (var (epoch, value) in rates)
        {
            if (epoch > last_epoch + 1) break;
            rate = value;
        }
        return rate is null ? current : current.Select(_ => rate.Value).ToArray();
    }
}
