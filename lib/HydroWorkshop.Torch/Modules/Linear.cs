using static HydroWorkshop.Torch.torch;

namespace HydroWorkshop.Torch.Modules;

/// <summary>y = x Wᵀ + b: [*, in_features] -> [*, out_features]. Initialised as PyTorch's
/// (weight and bias U(-1/√in, 1/√in)).</summary>
public sealed class Linear : Module<Tensor, Tensor>
{
    public Linear(long inFeatures, long outFeatures, bool hasBias = true)
    {
        in_features = inFeatures;
        out_features = outFeatures;
        weight = register_parameter("weight", nn.init.kaiming_uniform_(empty([outFeatures, inFeatures]), Math.Sqrt(5)));
        if (hasBias)
        {
            var bound = inFeatures > 0 ? 1 / Math.Sqrt(inFeatures) : 0;
            bias = register_parameter("bias", nn.init.uniform_(empty([outFeatures]), -bound, bound));
        }
    }

    public long in_features { get; }
    public long out_features { get; }

    /// <summary>[out_features, in_features].</summary>
    public Tensor weight { get; }

    /// <summary>[out_features], or null.</summary>
    public Tensor? bias { get; }

    public override Tensor forward(Tensor input)
    {
        if (input.dim() == 0 || input.size(-1) != in_features)
            throw new ArgumentException(
                $"{this.Describe()}: input [{string.Join(", ", input.shape)}] must end in {in_features} features", nameof(input));
        return nn.functional.linear(input, weight, bias);
    }

    protected override string ExtraRepr() => $"in_features={in_features}, out_features={out_features}, bias={(bias is not null ? "True" : "False")}";
}
