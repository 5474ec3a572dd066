using static TorchSharp.torch.optim;

namespace HydroWorkshop.Engine;

/// <summary>
/// A learning rate per starting epoch, as neuralhydrology's config <c>learning_rate: {0: 1e-3, 10: 5e-4, 25: 1e-4}</c>:
/// from each listed epoch on, every group uses that rate until the next listed epoch. Epochs count from 1
/// as in neuralhydrology: key 0 is the rate before training, key k takes effect when epoch k starts, so
/// after <see cref="lr_scheduler.LRScheduler.step()"/> has been called e times the rate is that of the largest key ≤ e + 1.
/// Before the first listed epoch the groups keep their own rate. Not in PyTorch or TorchSharp; its rule is
/// neuralhydrology's (Kratzert et al. 2022, "NeuralHydrology — A Python library for Deep Learning research in hydrology", JOSS).
/// Like PyTorch's schedulers, construction takes the first step (epoch 0); call <c>step()</c> once per epoch.
/// </summary>
public sealed class EpochRateLR : lr_scheduler.LRScheduler
{
    private readonly SortedDictionary<int, double> rates;
    private readonly Optimizer optimizer;

    public EpochRateLR(Optimizer optimizer, IReadOnlyDictionary<int, double> rates) : base(optimizer)
    {
        ArgumentNullException.ThrowIfNull(rates);
        if (rates.Count == 0) throw new ArgumentException("EpochRateLR needs at least one epoch: rate pair", nameof(rates));
        foreach (var (epoch, rate) in rates)
        {
            if (epoch < 0) throw new ArgumentOutOfRangeException(nameof(rates), epoch, $"EpochRateLR: epoch {epoch} is negative");
            if (!(rate >= 0) || !double.IsFinite(rate)) throw new ArgumentOutOfRangeException(nameof(rates), rate,
                $"EpochRateLR: the rate for epoch {epoch} is {rate}");
        }
        this.optimizer = optimizer;
        this.rates = new SortedDictionary<int, double>(rates.ToDictionary());
        step();
    }

    public IReadOnlyDictionary<int, double> rates_by_epoch => rates;

    /// <summary>How many times <c>step</c> ran after the constructor's first step (PyTorch's <c>last_epoch</c>).</summary>
    public int last_epoch { get; private set; } = -1;

    public override void step(int? epoch)
    {
        last_epoch = epoch ?? last_epoch + 1;
        base.step(epoch);
    }

    protected override IEnumerable<double> get_lr() => RatesAt(last_epoch);

    protected override IEnumerable<double> get_closed_form_lr() => RatesAt(last_epoch);

    private IEnumerable<double> RatesAt(int lastEpoch)
    {
        double? rate = null;
        foreach (var (epoch, value) in rates)
        {
            if (epoch > lastEpoch + 1) break;
            rate = value;
        }
        return optimizer.ParamGroups.Select(g => rate ?? g.LearningRate).ToArray();
    }
}
