using static HydroWorkshop.Torch.torch;

namespace HydroWorkshop.Torch.Modules;

/// <summary>
/// Multi-head scaled dot-product attention (Vaswani et al. 2017), as torch.nn.MultiheadAttention with
/// PyTorch's parameter names (in_proj_weight [3E, E], in_proj_bias [3E], out_proj) and initialisation.
/// Shapes with batch_first: query [batch, target, E], key and value [batch, source, E] -> output
/// [batch, target, E] and attention weights [batch, target, source] (averaged over heads) or
/// [batch, heads, target, source].
/// </summary>
public sealed class MultiheadAttention : Module
{
    public MultiheadAttention(long embedDim, long numHeads, double dropout = 0, bool batchFirst = false, bool hasBias = true)
    {
        if (embedDim % numHeads != 0)
            throw new ArgumentException($"MultiheadAttention: embed_dim {embedDim} is not divisible by num_heads {numHeads}");
        embed_dim = embedDim;
        num_heads = numHeads;
        this.dropout = dropout;
        batch_first = batchFirst;
        in_proj_weight = register_parameter("in_proj_weight", nn.init.xavier_uniform_(empty([3 * embedDim, embedDim])));
        if (hasBias) in_proj_bias = register_parameter("in_proj_bias", zeros(3 * embedDim));
        out_proj = register_module("out_proj", new Linear(embedDim, embedDim, hasBias));
        if (out_proj.bias is not null) nn.init.zeros_(out_proj.bias);
    }

    public long embed_dim { get; }
    public long num_heads { get; }
    public long head_dim => embed_dim / num_heads;
    public double dropout { get; }
    public bool batch_first { get; }
    public Tensor in_proj_weight { get; }
    public Tensor? in_proj_bias { get; }
    public Linear out_proj { get; }

    /// <summary>
    /// Attends from query to key/value. <c>key_padding_mask</c> [batch, source] bool is true where a source
    /// position is padding (ignored); <c>attn_mask</c> [target, source] or [batch·heads, target, source] is bool
    /// (true = not allowed) or float (added to the scores). Returns the output, and the weights when
    /// <c>need_weights</c> (else null).
    /// </summary>
    public (Tensor output, Tensor? weights) forward(Tensor query, Tensor key, Tensor value, Tensor? key_padding_mask = null,
        bool need_weights = true, Tensor? attn_mask = null, bool average_attn_weights = true)
    {
        foreach (var (tensor, name) in new[] { (query, "query"), (key, "key"), (value, "value") })
            if (tensor.dim() != 3 || tensor.size(2) != embed_dim)
                throw new ArgumentException($"{this.Describe()}: {name} {tensor.Shape()} must be [{(batch_first ? "batch, sequence" : "sequence, batch")}, {embed_dim}]");
        using var scope = NewDisposeScope();
        if (!batch_first)
        {
            query = query.transpose(0, 1);
            key = key.transpose(0, 1);
            value = value.transpose(0, 1);
        }
        long batch = query.size(0), target = query.size(1), source = key.size(1);
        var w = in_proj_weight.chunk(3, 0);
        var b = in_proj_bias?.chunk(3, 0) ?? [null!, null!, null!];
        // [batch, sequence, E] -> [batch, heads, sequence, head_dim]
        Tensor Heads(Tensor x, long length) => x.view(batch, length, num_heads, head_dim).transpose(1, 2);
        var q = Heads(nn.functional.linear(query, w[0], b[0]), target) / Math.Sqrt(head_dim);
        var k = Heads(nn.functional.linear(key, w[1], b[1]), source);
        var v = Heads(nn.functional.linear(value, w[2], b[2]), source);

        var scores = q.matmul(k.transpose(-2, -1));                                       // [batch, heads, target, source]
        if (attn_mask is not null)
        {
            var mask = attn_mask.dim() == 3 ? attn_mask.view(batch, num_heads, target, source) : attn_mask;
            scores = mask.dtype == ScalarType.Bool ? scores.masked_fill(mask, double.NegativeInfinity) : scores + mask;
        }
        if (key_padding_mask is not null)
        {
            if (!key_padding_mask.shape.SequenceEqual(new[] { batch, source }))
                throw new ArgumentException($"{this.Describe()}: key_padding_mask {key_padding_mask.Shape()} must be [{batch}, {source}]");
            scores = scores.masked_fill(key_padding_mask.view(batch, 1, 1, source), double.NegativeInfinity);
        }
        var weights = scores.softmax(-1);
        var attended = nn.functional.dropout(weights, dropout, training && dropout > 0).matmul(v); // [batch, heads, target, head_dim]
        var output = out_proj.forward(attended.transpose(1, 2).reshape(batch, target, embed_dim));   // [batch, target, E]
        if (!batch_first) output = output.transpose(0, 1);
        output.MoveToOuterDisposeScope();
        if (!need_weights) return (output, null);
        var returned = average_attn_weights ? weights.mean(1) : weights;
        return (output, returned.MoveToOuterDisposeScope());
    }

    protected override string ExtraRepr() => $"embed_dim={embed_dim}, num_heads={num_heads}" + (batch_first ? ", batch_first=True" : "");
}
