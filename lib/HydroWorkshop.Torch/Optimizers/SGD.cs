namespace HydroWorkshop.Torch.Optimizers;

/// <summary>
/// Stochastic gradient descent with optional momentum (Polyak 1964; Sutskever et al. 2013 for the
/// Nesterov form), exactly as PyTorch's <c>torch.optim.SGD</c>. For gradient g of parameter θ:
/// <code>
/// g ← g + weight_decay·θ
/// b ← g                                  (first step)
/// b ← momentum·b + (1 − dampening)·g     (later steps)
/// g ← g + momentum·b  (nesterov)   or   g ← b
/// θ ← θ − lr·g
/// </code>
/// State per parameter: <c>momentum_buffer</c> (only when momentum ≠ 0).
/// </summary>
public sealed class SGD : Optimizer
{
    public SGD(IEnumerable<ParamGroup> parameters, double lr = 1e-3, double momentum = 0, double dampening = 0,
        double weight_decay = 0, bool nesterov = false, bool maximize = false)
        : base(parameters, new Dictionary<string, double>
        {
            ["lr"] = lr, ["momentum"] = momentum, ["dampening"] = dampening, ["weight_decay"] = weight_decay,
        }, maximize)
    {
        this.nesterov = nesterov;
        if (nesterov && (momentum <= 0 || dampening != 0))
            throw new ArgumentException($"SGD: Nesterov momentum needs momentum > 0 and dampening 0 (got momentum {momentum}, dampening {dampening})");
    }

    public bool nesterov { get; }

    protected override void Update(Tensor parameter, Tensor grad, ParameterState state, ParamGroup group)
    {
        var weightDecay = group["weight_decay"];
        var momentum = group["momentum"];
        var d = weightDecay != 0 ? grad.add(parameter, weightDecay) : grad;
        if (momentum != 0)
        {
            var buffer = state.Get("momentum_buffer");
            if (buffer is null) buffer = state.Set("momentum_buffer", d.clone());
            else buffer.mul_(momentum).add_(d, 1 - group["dampening"]);
            d = nesterov ? d.add(buffer, momentum) : buffer;
        }
        parameter.add_(d, -group.lr);
        state.step++;
    }

    protected override void CheckOption(string name, double value)
    {
        base.CheckOption(name, value);
        if (name == "momentum" && value < 0) throw new ArgumentOutOfRangeException(name, value, $"SGD: momentum must be >= 0, got {value}");
    }
}
