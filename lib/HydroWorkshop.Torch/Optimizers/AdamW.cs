namespace HydroWorkshop.Torch.Optimizers;

/// <summary>
/// AdamW: Adam with decoupled weight decay (Loshchilov &amp; Hutter 2019, "Decoupled Weight Decay
/// Regularization", ICLR), exactly as PyTorch's <c>torch.optim.AdamW</c>. The decay shrinks θ directly
/// instead of entering the gradient, so it is not rescaled by the adaptive denominator:
/// <code>
/// θ ← θ·(1 − lr·weight_decay)
/// m ← β1·m + (1 − β1)·g
/// v ← β2·v + (1 − β2)·g²
/// θ ← θ − lr/(1 − β1^t) · m / (√v / √(1 − β2^t) + eps)      (amsgrad: max of v over steps)
/// </code>
/// Default weight_decay 1e-2 as in PyTorch. State: <c>exp_avg</c>, <c>exp_avg_sq</c>, <c>max_exp_avg_sq</c> (amsgrad), step.
/// </summary>
public sealed class AdamW : Optimizer
{
    public AdamW(IEnumerable<ParamGroup> parameters, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999,
        double eps = 1e-8, double weight_decay = 1e-2, bool amsgrad = false, bool maximize = false)
        : base(parameters, new Dictionary<string, double>
        {
            ["lr"] = lr, ["beta1"] = beta1, ["beta2"] = beta2, ["eps"] = eps, ["weight_decay"] = weight_decay,
        }, maximize)
    {
        this.amsgrad = amsgrad;
    }

    public bool amsgrad { get; }

    protected override void Update(Tensor parameter, Tensor grad, ParameterState state, ParamGroup group)
    {
        parameter.mul_(1 - group.lr * group["weight_decay"]);
        AdamRule.Apply(parameter, grad, state, group, amsgrad);
    }

    protected override void CheckOption(string name, double value)
    {
        base.CheckOption(name, value);
        AdamRule.CheckBeta(GetType().Name, name, value);
    }
}
