using static HydroWorkshop.Torch.torch;

namespace HydroWorkshop.Torch.Modules;

/// <summary>
/// One Transformer encoder layer (Vaswani et al. 2017): self-attention and a feed-forward block, each with a
/// residual connection and layer norm. <c>norm_first</c> normalises before each block (pre-LN, Xiong et al.
/// 2020), which trains more stably; <c>batch_first</c> takes [batch, time, d_model]. Parameter names as PyTorch's.
/// </summary>
public sealed class TransformerEncoderLayer : Module
{
    public TransformerEncoderLayer(long dModel, long nHead, long dimFeedforward = 2048, double dropout = 0.1, string activation = "relu",
        double layerNormEps = 1e-5, bool batchFirst = false, bool normFirst = false)
    {
        if (activation is not ("relu" or "gelu"))
            throw new ArgumentException($"TransformerEncoderLayer: activation '{activation}' is not relu or gelu", nameof(activation));
        d_model = dModel;
        this.activation = activation;
        batch_first = batchFirst;
        norm_first = normFirst;
        self_attn = register_module("self_attn", new MultiheadAttention(dModel, nHead, dropout, batchFirst));
        linear1 = register_module("linear1", new Linear(dModel, dimFeedforward));
        this.dropout = register_module("dropout", new Dropout(dropout));
        linear2 = register_module("linear2", new Linear(dimFeedforward, dModel));
        norm1 = register_module("norm1", new LayerNorm(dModel, layerNormEps));
        norm2 = register_module("norm2", new LayerNorm(dModel, layerNormEps));
        dropout1 = register_module("dropout1", new Dropout(dropout));
        dropout2 = register_module("dropout2", new Dropout(dropout));
    }

    public long d_model { get; }
    public string activation { get; }
    public bool batch_first { get; }
    public bool norm_first { get; }
    public MultiheadAttention self_attn { get; }
    public Linear linear1 { get; }
    public Dropout dropout { get; }
    public Linear linear2 { get; }
    public LayerNorm norm1 { get; }
    public LayerNorm norm2 { get; }
    public Dropout dropout1 { get; }
    public Dropout dropout2 { get; }

    /// <summary>src [batch, time, d_model] (batch_first) -> the same shape.</summary>
    public Tensor forward(Tensor src, Tensor? src_mask = null, Tensor? src_key_padding_mask = null)
    {
        using var scope = NewDisposeScope();
        var x = src;
        if (norm_first)
        {
            x = x + SelfAttention(norm1.forward(x), src_mask, src_key_padding_mask);
            x = x + FeedForward(norm2.forward(x));
        }
        else
        {
            x = norm1.forward(x + SelfAttention(x, src_mask, src_key_padding_mask));
            x = norm2.forward(x + FeedForward(x));
        }
        return x.MoveToOuterDisposeScope();
    }

    public Tensor call(Tensor src, Tensor? src_mask = null, Tensor? src_key_padding_mask = null) => forward(src, src_mask, src_key_padding_mask);

    private Tensor SelfAttention(Tensor x, Tensor? mask, Tensor? padding) =>
        dropout1.forward(self_attn.forward(x, x, x, padding, need_weights: false, attn_mask: mask).output);

    private Tensor FeedForward(Tensor x)
    {
        var hidden = linear1.forward(x);
        hidden = activation == "gelu" ? hidden.gelu() : hidden.relu();
        return dropout2.forward(linear2.forward(dropout.forward(hidden)));
    }
}

/// <summary>A stack of <c>num_layers</c> encoder layers made by <c>layer</c> (each with its own
/// weights, as PyTorch's deep copies), optionally followed by a final norm. Keys: layers.0.self_attn...</summary>
public sealed class TransformerEncoder : Module
{
    public TransformerEncoder(Func<TransformerEncoderLayer> layer, int numLayers, LayerNorm? norm = null)
    {
        layers = register_module("layers", new ModuleList<TransformerEncoderLayer>());
        for (var k = 0; k < numLayers; k++) layers.append(layer());
        if (norm is not null) this.norm = register_module("norm", norm);
    }

    public ModuleList<TransformerEncoderLayer> layers { get; }
    public LayerNorm? norm { get; }

    public Tensor forward(Tensor src, Tensor? mask = null, Tensor? src_key_padding_mask = null)
    {
        using var scope = NewDisposeScope();
        var x = src;
        foreach (var layer in layers) x = layer.forward(x, mask, src_key_padding_mask);
        if (norm is not null) x = norm.forward(x);
        return (ReferenceEquals(x, src) ? x.alias() : x).MoveToOuterDisposeScope();
    }

    public Tensor call(Tensor src, Tensor? mask = null, Tensor? src_key_padding_mask = null) => forward(src, mask, src_key_padding_mask);
}
