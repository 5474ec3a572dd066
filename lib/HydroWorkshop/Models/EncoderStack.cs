using TorchSharp.Modules;
using static TorchSharp.torch;

namespace HydroWorkshop.Models;

/// <summary>
/// <c>numLayers</c> <see cref="EncoderLayer"/>s, each with its own weights, and an optional final layer norm, as
/// PyTorch's <c>nn.TransformerEncoder(layer, num_layers, norm)</c>; keys <c>layers.0.self_attn...</c>, <c>norm.weight</c>.
/// Input and output: [batch, time, d_model].
/// </summary>
public sealed class EncoderStack : nn.Module<Tensor, Tensor>
{
    private readonly ModuleList<EncoderLayer> layers;
    private readonly LayerNorm? norm;

    public EncoderStack(Func<EncoderLayer> layer, int numLayers, LayerNorm? norm = null) : base(nameof(EncoderStack))
    {
        layers = nn.ModuleList(Enumerable.Range(0, numLayers).Select(_ => layer()).ToArray());
        this.norm = norm;
        RegisterComponents();
    }

    public override Tensor forward(Tensor src)
    {
        using var scope = NewDisposeScope();
        var x = src;
        foreach (var layer in layers) x = layer.forward(x);
        if (norm is not null) x = norm.forward(x);
        return (ReferenceEquals(x, src) ? x.alias() : x).MoveToOuterDisposeScope();
    }
}
