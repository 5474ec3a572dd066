namespace HydroWorkshop.Torch.Optimizers;

/// <summary>
/// RMSprop (Tieleman &amp; Hinton 2012, Coursera "Neural Networks for Machine Learning", lecture 6.5; the
/// centered form from Graves 2013, "Generating Sequences With Recurrent Neural Networks"), exactly as
/// PyTorch's <c>torch.optim.RMSprop</c>:
/// <code>
/// g ← g + weight_decay·θ
/// s ← α·s + (1 − α)·g²
/// a ← α·a + (1 − α)·g;  d ← √(s − a²) + eps      (centered)       else  d ← √s + eps
/// b ← momentum·b + g/d;  θ ← θ − lr·b             (momentum > 0)   else  θ ← θ − lr·g/d
/// </code>
/// State: <c>square_avg</c> (s), <c>momentum_buffer</c> (b, momentum &gt; 0), <c>grad_avg</c> (a, centered), step.
/// </summary>
public sealed class RMSprop : Optimizer
{
    public RMSprop(IEnumerable<ParamGroup> parameters, double lr = 1e-2, double alpha = 0.99, double eps = 1e-8,
        double weight_decay = 0, double momentum = 0, bool centered = false, bool maximize = false)
        : base(parameters, new Dictionary<string, double>
        {
            ["lr"] = lr, ["alpha"] = alpha, ["eps"] = eps, ["weight_decay"] = weight_decay, ["momentum"] = momentum,
        }, maximize)
    {
        this.centered = centered;
    }

    public bool centered { get; }

    protected override void Update(Tensor parameter, Tensor grad, ParameterState state, ParamGroup group)
    {
        double alpha = group["alpha"], momentum = group["momentum"], weightDecay = group["weight_decay"];
        var squareAvg = state.ZerosLike("square_avg", parameter);
        var buffer = momentum > 0 ? state.ZerosLike("momentum_buffer", parameter) : null;
        var gradAvg = centered ? state.ZerosLike("grad_avg", parameter) : null;
        state.step++;
        if (weightDecay != 0) grad = grad.add(parameter, weightDecay);
        squareAvg.mul_(alpha).addcmul_(grad, grad, 1 - alpha);
        Tensor average;
        if (gradAvg is not null)
        {
            gradAvg.mul_(alpha).add_(grad, 1 - alpha);
            average = squareAvg.clone().addcmul_(gradAvg, gradAvg, -1).sqrt_();
        }
        else
        {
            average = squareAvg.sqrt();
        }
        average.add_(group["eps"]);
        if (buffer is not null)
        {
            buffer.mul_(momentum).addcdiv_(grad, average);
            parameter.add_(buffer, -group.lr);
        }
        else
        {
            parameter.addcdiv_(grad, average, -group.lr);
        }
    }

    protected override void CheckOption(string name, double value)
    {
        base.CheckOption(name, value);
        if (name is "alpha" or "momentum" && value < 0) throw new ArgumentOutOfRangeException(name, value, $"RMSprop: {name} must be >= 0, got {value}");
    }
}
