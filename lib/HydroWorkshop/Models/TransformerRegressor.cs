using TorchSharp.Modules;
using static TorchSharp.torch;

namespace HydroWorkshop.Models;

/// <summary>How a sequence of encoder outputs [batch, time, d_model] becomes one vector per sample.</summary>
public enum SequencePooling
{
    /// <summary>The last step's output (the day being predicted).</summary>
    Last,
    /// <summary>The mean over all steps.</summary>
    Mean,
    /// <summary>A learned softmax weighting of the steps (its weights show what the model looks at).</summary>
    Attention,
}

/// <summary>
/// A Transformer encoder for rainfall–runoff (Vaswani et al. 2017): a linear projection of forcings and static
/// attributes to d_model, a positional encoding (sinusoidal or learned; added to the projection or concatenated
/// with it), norm-first encoder layers, pooling over time, and a linear head.
/// Input dynamic [batch, time, dynamic_inputs], static [batch, static_inputs] (or null); output [batch, 1, targets].
/// With <c>gaussian</c> the head is a <see cref="GaussianHead"/> (mean from forward, mean and variance from
/// <see cref="forward_distribution"/>).
/// </summary>
public sealed class TransformerRegressor : nn.Module, IProbabilisticRegressor
{
    public TransformerRegressor(int dynamicInputs, int staticInputs, int maxLength, int dModel = 64, int heads = 4, int layers = 2,
        int feedForward = 256, double dropout = 0.1, int targets = 1, bool learnedPositions = false, bool concatenatePositions = false,
        SequencePooling pooling = SequencePooling.Last, bool gaussian = false) : base(nameof(TransformerRegressor))
    {
        DynamicInputs = dynamicInputs;
        StaticInputs = staticInputs;
        MaxLength = maxLength;
        Pooling = pooling;
        ConcatenatePositions = concatenatePositions;
        // With concatenation the projection fills d_model minus the positional part (half the width).
        positionWidth = concatenatePositions ? dModel / 2 : dModel;
        register_module("projection",
            projection = nn.Linear(dynamicInputs + staticInputs, concatenatePositions ? dModel - positionWidth : dModel));
        if (learnedPositions) register_parameter("positions",
            (Parameter)(positions = nn.Parameter(nn.init.normal_(empty([maxLength, positionWidth]), 0, 0.02))));
        else register_buffer("positions", positions = Sinusoid(maxLength, positionWidth));
        register_module("encoder", encoder = new EncoderStack(
            () => new EncoderLayer(dModel, heads, feedForward, dropout, gelu: true, normFirst: true), layers, nn.LayerNorm(dModel)));
        if (pooling == SequencePooling.Attention) register_module("pooling", poolingScore = nn.Linear(dModel, 1));
        if (gaussian) register_module("head", gaussianHead = new GaussianHead(dModel, targets));
        else register_module("head", head = nn.Linear(dModel, targets));
    }

    public bool IsGaussian => gaussianHead is not null;

    public int DynamicInputs { get; }
    public int StaticInputs { get; }
    public int MaxLength { get; }
    public SequencePooling Pooling { get; }
    public bool ConcatenatePositions { get; }

    /// <summary>The pooling weights of the last forward pass [batch, time], with attention pooling.</summary>
    public float[]? LastPoolingWeights { get; private set; }

    private readonly int positionWidth;
    private readonly Linear projection;
    private readonly Linear? head;
    private readonly GaussianHead? gaussianHead;
    private readonly Linear? poolingScore;
    private readonly Tensor positions;
    private readonly EncoderStack encoder;

    public Tensor forward(Tensor dynamic, Tensor? statics = null)
    {
        using var scope = NewDisposeScope();
        var pooled = Pooled(dynamic, statics);
        // [batch, 1, targets]
        return (head is not null ? head.forward(pooled) : gaussianHead!.forward(pooled).mean).unsqueeze(1).MoveToOuterDisposeScope();
    }

    /// <summary>Mean and variance, each [batch, 1, targets]; only with a Gaussian head.</summary>
    public (Tensor Mean, Tensor Variance) forward_distribution(Tensor dynamic, Tensor? statics = null)
    {
        if (gaussianHead is null) throw new InvalidOperationException(
            "TransformerRegressor was built without a Gaussian head (gaussian: false)");
        using var scope = NewDisposeScope();
        var (mean, variance) = gaussianHead.forward(Pooled(dynamic, statics));
        var result = (mean.unsqueeze(1), variance.unsqueeze(1));
        scope.MoveToOuter(result.Item1, result.Item2);
        return result;
    }

    /// <summary>The pooled encoder output the head reads, [batch, d_model].</summary>
    private Tensor Pooled(Tensor dynamic, Tensor? statics)
    {
        var input = ModelInputs.Concatenate(this, dynamic, statics, DynamicInputs, StaticInputs);   // [batch, time, inputs]
        long batch = input.size(0), steps = input.size(1);
        if (steps > MaxLength) throw new ArgumentException(
            $"TransformerRegressor: sequence of {steps} steps exceeds max_length {MaxLength}");
        var x = projection.forward(input);                                                         // [batch, time, d_model or d_model/2]
        var position = positions[..(int)steps].unsqueeze(0);                                        // [1, time, width]
        x = ConcatenatePositions ? cat([x, position.expand(batch, -1, -1)], 2) : x + position;    // [batch, time, d_model]
        var encoded = encoder.forward(x);                                                           // [batch, time, d_model]
        return Pooling switch                                                                        // [batch, d_model]
        {
            SequencePooling.Mean => encoded.mean([1]),
            SequencePooling.Attention => AttentionPool(encoded),
            _ => encoded.select(1, -1),
        };
    }

    public Tensor call(Tensor dynamic, Tensor? statics = null) => forward(dynamic, statics);

    private Tensor AttentionPool(Tensor encoded)
    {
        var weights = poolingScore!.forward(encoded).squeeze(-1).softmax(1);                       // [batch, time]
        using (no_grad()) LastPoolingWeights = weights.detach().data<float>().ToArray();
        return weights.unsqueeze(1).bmm(encoded).squeeze(1);                                        // [batch, d_model]
    }

    /// <summary>PE(t, 2k) = sin(t / 10000^(2k/d)), PE(t, 2k+1) = cos(t / 10000^(2k/d)) (Vaswani et al. 2017), [length, width].</summary>
    public static Tensor Sinusoid(int length, int width)
    {
        var table = new float[length * width];
        for (var t = 0; t < length; t++)
        {
            for (var k = 0; k < width; k += 2)
            {
                var angle = t / Math.Pow(10000, (double)k / width);
                table[t * width + k] = (float)Math.Sin(angle);
                if (k + 1 < width) table[t * width + k + 1] = (float)Math.Cos(angle);
            }
        }
        return tensor(table, [length, width]);
    }
}
