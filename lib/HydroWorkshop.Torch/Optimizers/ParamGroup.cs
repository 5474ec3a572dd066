namespace HydroWorkshop.Torch.Optimizers;

/// <summary>
/// A set of parameters that share hyperparameters (PyTorch's <c>param_groups[i]</c>), e.g. a smaller
/// learning rate for a pretrained encoder than for a new head:
/// <code>
/// var optimizer = torch.optim.Adam([new ParamGroup(encoder.parameters(), lr: 1e-4), new ParamGroup(head.parameters())], lr: 1e-3);
/// </code>
/// Options the group does not set are taken from the optimizer's defaults when the group is added.
/// Schedules change <see cref="lr"/> (and, for one-cycle, <c>momentum</c> or <c>beta1</c>) between steps.
/// </summary>
public sealed class ParamGroup
{
    private readonly Dictionary<string, double> options = new(StringComparer.Ordinal);

    /// <param name="parameters">Leaf tensors that require gradients.</param>
    /// <param name="lr">Learning rate of this group; null: the optimizer's.</param>
    /// <param name="weight_decay">Weight decay of this group; null: the optimizer's.</param>
    /// <param name="options">Any other hyperparameter by its option name (momentum, beta1, eps, ...).</param>
    public ParamGroup(IEnumerable<Tensor> parameters, double? lr = null, double? weight_decay = null,
        IReadOnlyDictionary<string, double>? options = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Parameters = parameters.ToArray();
        if (options is not null)
        {
            foreach (var (name, value) in options) this.options[name] = value;
        }
        if (lr is not null) this.options["lr"] = lr.Value;
        if (weight_decay is not null) this.options["weight_decay"] = weight_decay.Value;
    }

    /// <summary>The parameters, in the order state_dict numbers them.</summary>
    public IReadOnlyList<Tensor> Parameters { get; }

    /// <summary>Every option by name (lr, weight_decay, momentum, beta1, ..., and a schedule's initial_lr).</summary>
    public IReadOnlyDictionary<string, double> Options => options;

    /// <summary>The learning rate the next step uses.</summary>
    public double lr
    {
        get => this["lr"];
        set => this["lr"] = value;
    }

    /// <summary>An option by name; reading one the group lacks names the options it has.</summary>
    public double this[string option]
    {
        get => options.TryGetValue(option, out var value)
            ? value
            : throw new KeyNotFoundException($"parameter group has no option '{option}' (it has: {string.Join(", ", options.Keys)})");
        set
        {
            if (!double.IsFinite(value)) throw new ArgumentOutOfRangeException(option, value, $"option '{option}' must be a finite number");
            options[option] = value;
        }
    }

    /// <summary>True when the group has the option.</summary>
    public bool Has(string option) => options.ContainsKey(option);

    internal void SetDefault(string option, double value) => options.TryAdd(option, value);
}
