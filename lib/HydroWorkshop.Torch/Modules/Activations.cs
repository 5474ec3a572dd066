using static HydroWorkshop.Torch.torch;

namespace HydroWorkshop.Torch.Modules;

public sealed class ReLU : Module<Tensor, Tensor>
{
    public override Tensor forward(Tensor input) => input.relu();
}

public sealed class LeakyReLU(double negativeSlope = 0.01) : Module<Tensor, Tensor>
{
    public double negative_slope { get; } = negativeSlope;
    public override Tensor forward(Tensor input) => input.leaky_relu(negative_slope);
    protected override string ExtraRepr() => $"negative_slope={negative_slope}";
}

/// <summary>GELU; approximate "none" (exact, with erf) or "tanh".</summary>
public sealed class GELU(string approximate = "none") : Module<Tensor, Tensor>
{
    public string approximate { get; } = approximate;
    public override Tensor forward(Tensor input) => input.gelu(approximate);
    protected override string ExtraRepr() => approximate == "none" ? "" : $"approximate='{approximate}'";
}

public sealed class SiLU : Module<Tensor, Tensor>
{
    public override Tensor forward(Tensor input) => input.silu();
}

public sealed class Tanh : Module<Tensor, Tensor>
{
    public override Tensor forward(Tensor input) => input.tanh();
}

public sealed class Sigmoid : Module<Tensor, Tensor>
{
    public override Tensor forward(Tensor input) => input.sigmoid();
}

/// <summary>log(1 + exp(βx)) / β: a smooth ReLU that keeps outputs positive (e.g. water depths, variances).</summary>
public sealed class Softplus(double beta = 1, double threshold = 20) : Module<Tensor, Tensor>
{
    public double beta { get; } = beta;
    public double threshold { get; } = threshold;
    public override Tensor forward(Tensor input) => input.softplus(beta, threshold);
    protected override string ExtraRepr() => $"beta={beta}, threshold={threshold}";
}

/// <summary>Zeroes elements with probability p during training (scaling the rest by 1/(1-p)); nothing in eval.</summary>
public sealed class Dropout(double p = 0.5) : Module<Tensor, Tensor>
{
    public double p { get; } = p is >= 0 and <= 1 ? p : throw new ArgumentOutOfRangeException(nameof(p), p, "dropout probability must be in [0, 1]");
    public override Tensor forward(Tensor input) => nn.functional.dropout(input, p, training);
    protected override string ExtraRepr() => $"p={p}";
}

/// <summary>Zeroes whole channels of [batch, channel, y, x] with probability p during training.</summary>
public sealed class Dropout2d(double p = 0.5) : Module<Tensor, Tensor>
{
    public double p { get; } = p is >= 0 and <= 1 ? p : throw new ArgumentOutOfRangeException(nameof(p), p, "dropout probability must be in [0, 1]");
    public override Tensor forward(Tensor input) => nn.functional.dropout2d(input, p, training);
    protected override string ExtraRepr() => $"p={p}";
}
