namespace HydroWorkshop.Torch.Optimizers;

/// <summary>
/// Adam (Kingma &amp; Ba 2015, "Adam: A Method for Stochastic Optimization", ICLR), with the AMSGrad
/// variant (Reddi et al. 2018), exactly as PyTorch's <c>torch.optim.Adam</c>. At step t, for gradient g:
/// <code>
/// g ← g + weight_decay·θ                       (L2 penalty, coupled: see AdamW for the decoupled form)
/// m ← β1·m + (1 − β1)·g
/// v ← β2·v + (1 − β2)·g²
/// v̂max ← max(v̂max, v)                          (amsgrad only; then v̂max replaces v below)
/// θ ← θ − lr/(1 − β1^t) · m / (√v / √(1 − β2^t) + eps)
/// </code>
/// State per parameter: <c>exp_avg</c> (m), <c>exp_avg_sq</c> (v), <c>max_exp_avg_sq</c> (amsgrad), and the step t.
/// </summary>
public sealed class Adam : Optimizer
{
    public Adam(IEnumerable<ParamGroup> parameters, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999,
        double eps = 1e-8, double weight_decay = 0, bool amsgrad = false, bool maximize = false)
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
        var weightDecay = group["weight_decay"];
        if (weightDecay != 0) grad = grad.add(parameter, weightDecay);
        AdamRule.Apply(parameter, grad, state, group, amsgrad);
    }

    protected override void CheckOption(string name, double value)
    {
        base.CheckOption(name, value);
        AdamRule.CheckBeta(GetType().Name, name, value);
    }
}

/// <summary>The moment updates and bias-corrected step that Adam and AdamW share.</summary>
internal static class AdamRule
{
    internal static void Apply(Tensor parameter, Tensor grad, ParameterState state, ParamGroup group, bool amsgrad)
    {
        double beta1 = group["beta1"], beta2 = group["beta2"], lr = group.lr;
        var expAvg = state.ZerosLike("exp_avg", parameter);
        var expAvgSq = state.ZerosLike("exp_avg_sq", parameter);
        var maxExpAvgSq = amsgrad ? state.ZerosLike("max_exp_avg_sq", parameter) : null;
        state.step++;
        expAvg.mul_(beta1).add_(grad, 1 - beta1);
        expAvgSq.mul_(beta2).addcmul_(grad, grad, 1 - beta2);
        // Bias corrections in double precision from the integer step, as PyTorch does (step.item()).
        var biasCorrection1 = 1 - Math.Pow(beta1, state.step);
        var biasCorrection2Sqrt = Math.Sqrt(1 - Math.Pow(beta2, state.step));
        var second = expAvgSq;
        if (maxExpAvgSq is not null)
        {
            maxExpAvgSq.copy_(torch.maximum(maxExpAvgSq, expAvgSq));
            second = maxExpAvgSq;
        }
        var denominator = second.sqrt().div_(biasCorrection2Sqrt).add_(group["eps"]);
        parameter.addcdiv_(expAvg, denominator, -lr / biasCorrection1);
    }

    internal static void CheckBeta(string optimizer, string name, double value)
    {
        if (name is "beta1" or "beta2" && (value < 0 || value >= 1))
            throw new ArgumentOutOfRangeException(name, value, $"{optimizer}: {name} must be in [0, 1), got {value}");
    }
}
