using TorchSharp.Modules;
using static TorchSharp.torch;

namespace HydroWorkshop.Models;

/// <summary>
/// One Transformer encoder layer (Vaswani et al. 2017) as PyTorch's <c>nn.TransformerEncoderLayer(batch_first=True)</c>:
/// self-attention and a feed-forward block, each with a residual connection and layer norm. With <c>normFirst</c>
/// the norm comes before each block (pre-LN, Xiong et al. 2020), which trains more stably. TorchSharp's own layer is
/// post-norm, sequence-first and has no GELU option, hence this one; its parameter names are PyTorch's
/// (<c>self_attn.in_proj_weight</c>, <c>linear1.weight</c>, <c>norm1.weight</c>, ...), so PyTorch weights load.
/// Input and output: [batch, time, d_model].
/// </summary>
public sealed class EncoderLayer : nn.Module<Tensor, Tensor>
{
    private readonly MultiheadAttention self_attn;
    private readonly Linear linear1, linear2;
    private readonly LayerNorm norm1, norm2;
    private readonly Dropout dropout, dropout1, dropout2;

    public EncoderLayer(long dModel, long heads, long feedForward = 2048, double dropout = 0.1, bool gelu = false, bool normFirst = false)
        : base(nameof(EncoderLayer))
    {
        NormFirst = normFirst;
        Gelu = gelu;
        if (dModel % heads != 0)
            throw new ArgumentException($"EncoderLayer: d_model {dModel} is not a multiple of {heads} heads", nameof(heads));
        Heads = heads;
        AttentionDropout = dropout;
        self_attn = nn.MultiheadAttention(dModel, heads, dropout);
        linear1 = nn.Linear(dModel, feedForward);
        this.dropout = nn.Dropout(dropout);
        linear2 = nn.Linear(feedForward, dModel);
        norm1 = nn.LayerNorm(dModel);
        norm2 = nn.LayerNorm(dModel);
        dropout1 = nn.Dropout(dropout);
        dropout2 = nn.Dropout(dropout);
        RegisterComponents();
    }

    public bool NormFirst { get; }
    public long Heads { get; }
    public double AttentionDropout { get; }
    public bool Gelu { get; }

    /// <summary>src [batch, time, d_model] → [batch, time, d_model].</summary>
    public override Tensor forward(Tensor src)
    {
        using var scope = NewDisposeScope();
        var x = src;
        if (NormFirst)
        {
            x = x + SelfAttention(norm1.forward(x));
            x = x + FeedForward(norm2.forward(x));
        }
        else
        {
            x = norm1.forward(x + SelfAttention(x));
            x = norm2.forward(x + FeedForward(x));
        }
        return x.MoveToOuterDisposeScope();
    }

    // Self-attention with the weights of PyTorch's nn.MultiheadAttention (self_attn.in_proj_*, self_attn.out_proj.*), run
    // through scaled_dot_product_attention as PyTorch 2's own layer does when the weights are not asked for: libtorch's
    // fused CPU kernel never builds the [batch, heads, time, time] weights, so a training step over 365 days took a
    // fraction of the time and memory of TorchSharp's MultiheadAttention (which computes and averages them; docs/articles/
    // engine.md, "Attention"). Dropout on the attention weights as there (p = dropout while training).
    private Tensor SelfAttention(Tensor x)
    {
        var (batch, time, width) = (x.size(0), x.size(1), x.size(2));
        var projected = nn.functional.linear(x, AttentionParameter("in_proj_weight"),
            AttentionParameter("in_proj_bias"));                                                  // [batch, time, 3 d_model]
        var heads = projected.reshape(batch, time, 3, Heads, width / Heads).permute(2, 0, 3, 1, 4);   // [3, batch, heads, time, d_head]
        var attended = nn.functional.scaled_dot_product_attention(heads[0], heads[1], heads[2],
            p: training ? AttentionDropout : 0.0);                                                 // [batch, heads, time, d_head]
        var merged = attended.transpose(1, 2).reshape(batch, time, width);                         // [batch, time, d_model]
        var output = nn.functional.linear(merged, AttentionParameter("out_proj.weight"), AttentionParameter("out_proj.bias"));
        return dropout1.forward(output);
    }

    // Looked up at each call: moving the layer to another device replaces its parameters.
    private Tensor AttentionParameter(string name) =>
        self_attn.get_parameter(name) ?? throw new InvalidOperationException($"EncoderLayer: self_attn has no parameter {name}");

    private Tensor FeedForward(Tensor x)
    {
        var hidden = linear1.forward(x);
        hidden = Gelu ? nn.functional.gelu(hidden) : nn.functional.relu(hidden);
        return dropout2.forward(linear2.forward(dropout.forward(hidden)));
    }
}
