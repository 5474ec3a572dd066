using System.Globalization;

namespace HydroWorkshop.Torch.Optimizers.Schedules;

/// <summary>
/// What every learning-rate schedule has: the optimizer whose groups it changes, the rates it set last,
/// and a state dict (numbers by name) so that a resumed run continues the schedule where it stopped.
/// The hyperparameters come from the constructor and are not part of the state, as in PyTorch.
/// </summary>
public abstract class LearningRateSchedule
{
    protected LearningRateSchedule(Optimizer optimizer)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        this.optimizer = optimizer;
        last_lr = optimizer.param_groups.Select(g => g.lr).ToArray();
    }

    public Optimizer optimizer { get; }

    /// <summary>Steps taken (epochs, or batches for per-batch schedules); -1 before the first.</summary>
    public int last_epoch { get; protected set; } = -1;

    /// <summary>The learning rates the schedule set last, one per parameter group.</summary>
    protected double[] last_lr;

    /// <summary>The learning rates the schedule set last, one per parameter group.</summary>
    public IReadOnlyList<double> get_last_lr() => last_lr;

    /// <summary>The schedule's progress: last_epoch, last_lr.{group} and whatever the subclass adds.</summary>
    public Dictionary<string, double> state_dict()
    {
        var state = new Dictionary<string, double>(StringComparer.Ordinal) { ["last_epoch"] = last_epoch };
        for (var g = 0; g < last_lr.Length; g++) state[$"last_lr.{g}"] = last_lr[g];
        WriteState(state);
        return state;
    }

    /// <summary>
    /// Restores progress saved by <see cref="state_dict"/>, and sets every group's rate back to the one the
    /// schedule last set (constructing a schedule takes a first step, which may have changed it). Build the
    /// optimizer and the schedule, then load the optimizer's state and this one (as <c>Checkpoint.Load</c> does):
    /// the optimizer's state holds the other options a schedule changes (one-cycle's momentum).
    /// </summary>
    public void load_state_dict(IReadOnlyDictionary<string, double> state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var epoch = (int)Read(state, "last_epoch");
        var rates = new double[optimizer.param_groups.Count];
        for (var g = 0; g < rates.Length; g++) rates[g] = Read(state, $"last_lr.{g}");
        ReadState(state);
        last_epoch = epoch;
        last_lr = rates;
        for (var g = 0; g < rates.Length; g++) optimizer.param_groups[g].lr = rates[g];
    }

    /// <summary>Adds the subclass's progress to the state.</summary>
    protected virtual void WriteState(Dictionary<string, double> state) { }

    /// <summary>Reads the subclass's progress back.</summary>
    protected virtual void ReadState(IReadOnlyDictionary<string, double> state) { }

    /// <summary>One value of a state; a missing one is named with the keys present.</summary>
    protected double Read(IReadOnlyDictionary<string, double> state, string key) =>
        state.TryGetValue(key, out var value)
            ? value
            : throw new KeyNotFoundException($"{GetType().Name} state lacks '{key}' (it has: {string.Join(", ", state.Keys)})");

    /// <summary>A per-group list as state keys <c>name.0</c>, <c>name.1</c>, ...</summary>
    protected static void WriteList(Dictionary<string, double> state, string name, IReadOnlyList<double> values)
    {
        for (var k = 0; k < values.Count; k++) state[string.Create(CultureInfo.InvariantCulture, $"{name}.{k}")] = values[k];
    }

    protected double[] ReadList(IReadOnlyDictionary<string, double> state, string name, int count)
    {
        var values = new double[count];
        for (var k = 0; k < count; k++) values[k] = Read(state, string.Create(CultureInfo.InvariantCulture, $"{name}.{k}"));
        return values;
    }
}
