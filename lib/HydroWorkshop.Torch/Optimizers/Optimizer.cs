namespace HydroWorkshop.Torch.Optimizers;

/// <summary>
/// Base of every optimizer (PyTorch's <c>torch.optim.Optimizer</c>): parameter groups with their own
/// hyperparameters, per-parameter state, <see cref="zero_grad"/>, <see cref="step()"/> and a state dict
/// from which training resumes bit-exactly. A subclass writes only <see cref="Update"/>, the rule for one
/// parameter, which runs inside <c>no_grad</c> and a dispose scope (its temporaries are freed right after).
/// Dispose the optimizer to free its state buffers now.
/// </summary>
public abstract partial class Optimizer : IDisposable
{
    private readonly List<ParamGroup> groups = [];
    private readonly Dictionary<Tensor, ParameterState> state = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<string, double> defaults;

    /// <param name="parameters">Parameter groups (one group holding every parameter is the usual case).</param>
    /// <param name="defaults">Every hyperparameter this optimizer reads, with the value a group gets when it does not set it.</param>
    /// <param name="maximize">Ascend the objective instead of descending it.</param>
    protected Optimizer(IEnumerable<ParamGroup> parameters, IReadOnlyDictionary<string, double> defaults, bool maximize)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        this.defaults = new Dictionary<string, double>(defaults, StringComparer.Ordinal);
        this.maximize = maximize;
        foreach (var (name, value) in defaults) CheckOption(name, value);
        foreach (var group in parameters) add_param_group(group);
        if (groups.Count == 0) throw new ArgumentException($"{GetType().Name} got an empty parameter list", nameof(parameters));
    }

    /// <summary>The parameter groups, in order.</summary>
    public IReadOnlyList<ParamGroup> param_groups => groups;

    /// <summary>The hyperparameters a new group starts from.</summary>
    public IReadOnlyDictionary<string, double> Defaults => defaults;

    /// <summary>True when the optimizer ascends (gradients are negated).</summary>
    public bool maximize { get; }

    /// <summary>Adds a group (e.g. a layer unfrozen mid-training); options it lacks come from the defaults.</summary>
    public void add_param_group(ParamGroup group)
    {
        ArgumentNullException.ThrowIfNull(group);
        for (var k = 0; k < group.Parameters.Count; k++)
        {
            var p = group.Parameters[k];
            var where = $"{GetType().Name}: parameter {k} of group {groups.Count}";
            if (p.IsDisposed) throw new ArgumentException($"{where} is disposed", nameof(group));
            if (!p.dtype.IsFloatingPoint()) throw new ArgumentException($"{where} is {p.dtype.PyTorchName()}; only floating-point tensors can be optimized", nameof(group));
            if (!p.is_leaf) throw new ArgumentException($"{where} is not a leaf tensor (it was computed from others); optimize the tensors it came from", nameof(group));
            foreach (var other in groups)
            {
                if (other.Parameters.Contains(p, ReferenceEqualityComparer.Instance))
                    throw new ArgumentException($"{where} already belongs to group {groups.IndexOf(other)}", nameof(group));
            }
        }
        foreach (var (name, value) in group.Options)
        {
            if (!defaults.ContainsKey(name) && !IsScheduleOption(name))
                throw new ArgumentException($"{GetType().Name} has no option '{name}' (it has: {string.Join(", ", defaults.Keys)})", nameof(group));
            CheckOption(name, value);
        }
        foreach (var (name, value) in defaults) group.SetDefault(name, value);
        groups.Add(group);
    }

    /// <summary>Clears the gradients of every parameter: removes them (<paramref name="set_to_none"/>, the
    /// default as in PyTorch 2, frees memory) or fills them with zeros.</summary>
    public void zero_grad(bool set_to_none = true)
    {
        foreach (var group in groups)
        {
            foreach (var p in group.Parameters)
            {
                if (set_to_none)
                {
                    p.grad = null;
                    continue;
                }
                using var g = p.grad;
                g?.zero_();
            }
        }
    }

    /// <summary>Updates every parameter that has a gradient, once. Parameters without one are left alone.</summary>
    public void step()
    {
        using var noGrad = torch.no_grad();
        foreach (var group in groups)
        {
            foreach (var p in group.Parameters)
            {
                // A scope per parameter frees its temporaries before the next one is updated, so memory
                // stays hot in cache, as Python's reference counting does.
                using var scope = torch.NewDisposeScope();
                var grad = p.grad;
                if (grad is null) continue;
                if (maximize) grad = grad.neg();
                if (!state.TryGetValue(p, out var s)) state[p] = s = new ParameterState();
                Update(p, grad, s, group);
            }
        }
    }

    /// <summary>Evaluates <paramref name="closure"/> (which computes the loss and calls backward) with
    /// gradients on, then steps; returns the loss.</summary>
    public Tensor step(Func<Tensor> closure)
    {
        ArgumentNullException.ThrowIfNull(closure);
        Tensor loss;
        using (torch.enable_grad()) loss = closure();
        step();
        return loss;
    }

    /// <summary>The state of <paramref name="parameter"/>, or null before its first step.</summary>
    public ParameterState? StateOf(Tensor parameter) => state.GetValueOrDefault(parameter);

    /// <summary>
    /// Applies one step to <paramref name="parameter"/> in place. Runs under no_grad inside a dispose scope;
    /// <paramref name="grad"/> is already negated when maximizing; <paramref name="state"/> persists.
    /// </summary>
    protected abstract void Update(Tensor parameter, Tensor grad, ParameterState state, ParamGroup group);

    /// <summary>Checks one hyperparameter's range; the message names the option and the value.</summary>
    protected virtual void CheckOption(string name, double value)
    {
        if (!double.IsFinite(value)) throw new ArgumentOutOfRangeException(name, value, $"{GetType().Name}: {name} must be finite");
        if (name is "lr" or "eps" or "weight_decay" && value < 0)
            throw new ArgumentOutOfRangeException(name, value, $"{GetType().Name}: {name} must be >= 0, got {value}");
    }

    // Options a learning-rate schedule stores in a group (PyTorch keeps them there too).
    private static bool IsScheduleOption(string name) =>
        name is "initial_lr" or "max_lr" or "min_lr" or "max_momentum" or "base_momentum";

    public void Dispose()
    {
        foreach (var s in state.Values) s.Dispose();
        state.Clear();
        GC.SuppressFinalize(this);
    }
}
