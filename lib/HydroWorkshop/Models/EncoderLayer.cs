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

    // TorchSharp's attention is sequence-first: [time, batch, d_model]. need_weights is true although the weights are
    // unused: with false TorchSharp returns an empty tensor wrapper that its live-tensor count never releases, and
    // libtorch computes the weights either way (true only adds their mean over the heads).
    private Tensor SelfAttention(Tensor x)
    {
        var sequenceFirst = x.transpose(0, 1);
        var (attended, _) = self_attn.forward(sequenceFirst, sequenceFirst, sequenceFirst, null, true, null);
        return dropout1.forward(attended.transpose(0, 1));
    }

    private Tensor FeedForward(Tensor x)
    {
        var hidden = linear1.forward(x);
        hidden = Gelu ? nn.functional.gelu(hidden) : nn.functional.relu(hidden);
        return dropout2.forward(linear2.forward(dropout.forward(hidden)));
    }
}
