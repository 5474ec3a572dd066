namespace HydroWorkshop.Torch.Optimizers.Schedules;

/// <summary>
/// Base of the schedules that advance once per call of <see cref="step"/> (PyTorch's <c>_LRScheduler</c>):
/// each group's starting rate is kept as <c>initial_lr</c> in the group, construction takes the first
/// step (epoch 0), and every later <see cref="step"/> moves to the next epoch and writes the new rates
/// into the optimizer's groups. Call it after <c>optimizer.step()</c>, once per epoch (or per batch for
/// <see cref="OneCycleLR"/> and per-batch warm-up).
/// </summary>
public abstract class LRScheduler : LearningRateSchedule
{
    protected LRScheduler(Optimizer optimizer) : base(optimizer)
    {
        foreach (var group in optimizer.param_groups)
        {
            if (!group.Has("initial_lr")) group["initial_lr"] = group.lr;
        }
        base_lrs = optimizer.param_groups.Select(g => g["initial_lr"]).ToArray();
    }

    /// <summary>The rate of each group at epoch 0.</summary>
    public IReadOnlyList<double> base_lrs { get; protected set; }

    /// <summary>Moves to the next epoch and sets every group's learning rate for it.</summary>
    public void step()
    {
        last_epoch++;
        var rates = get_lr();
        var groups = optimizer.param_groups;
        for (var g = 0; g < groups.Count; g++) groups[g].lr = rates[g];
        last_lr = rates;
    }

    /// <summary>The rates for epoch <see cref="LearningRateSchedule.last_epoch"/>, one per group. Like PyTorch, several
    /// schedules compute them from the groups' current rates (chainable), so a rate set by hand carries on.</summary>
    protected abstract double[] get_lr();

    /// <summary>Takes the first step (epoch 0); subclasses call it at the end of their constructor,
    /// once their own fields are set.</summary>
    protected void InitialStep() => step();

    protected double[] CurrentRates() => optimizer.param_groups.Select(g => g.lr).ToArray();

    protected override void WriteState(Dictionary<string, double> state) => WriteList(state, "base_lrs", base_lrs);

    protected override void ReadState(IReadOnlyDictionary<string, double> state) =>
        base_lrs = ReadList(state, "base_lrs", optimizer.param_groups.Count);
}
