using HydroWorkshop.Engine;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace HydroWorkshop.Models;

/// <summary>
/// The workshop's rainfall–runoff LSTM (Kratzert et al. 2018, HESS 22): a stacked LSTM over the forcings, with
/// static catchment attributes appended to the input at every time step, an optional temporal attention over
/// the sequence, and one linear head per target (e.g. discharge and snow water equivalent).
/// Input: dynamic [batch, time, dynamic_inputs] and static [batch, static_inputs] (or null);
/// output: [batch, time, targets] (one prediction per step), or [batch, 1, targets] with attention.
/// With <c>gaussian</c> the head is a <see cref="GaussianHead"/>: forward gives the mean and
/// <see cref="forward_distribution"/> the mean and variance (train with the Gaussian NLL loss).
/// </summary>
public sealed class LstmRegressor : nn.Module, IProbabilisticRegressor
{
    public LstmRegressor(int dynamicInputs, int staticInputs, int hiddenSize = 64, int numLayers = 1, double dropout = 0.0,
        int targets = 1, double initialForgetBias = 3.0, bool attention = false, bool gaussian = false) : base(nameof(LstmRegressor))
    {
        if (numLayers is < 1 or > 5) throw new ArgumentOutOfRangeException(nameof(numLayers), numLayers,
            "LstmRegressor supports 1 to 5 layers");
        DynamicInputs = dynamicInputs;
        StaticInputs = staticInputs;
        Attention = attention;
        register_module("lstm",
            lstm = nn.LSTM(dynamicInputs + staticInputs, hiddenSize, numLayers, batchFirst: true, dropout: numLayers > 1 ? dropout : 0));
        // A high forget-gate bias keeps the cell state (e.g. snow storage) from being forgotten early in
        // training (Gers et al. 2000). Gate order in libtorch: input, forget, cell, output.
        using (no_grad())
        {
            for (var layer = 0; layer < numLayers; layer++)
            {
                var bias = lstm.named_parameters().First(p => p.name == $"bias_hh_l{layer}").parameter;
                using var forget = bias.narrow(0, hiddenSize, hiddenSize);
                forget.fill_(initialForgetBias);
            }
        }
        if (attention) register_module("attention", this.attention = nn.Linear(hiddenSize, 1));
        register_module("dropout", this.dropout = nn.Dropout(dropout));
        // The plain head keeps the name "head" (head.weight) so that checkpoints of earlier runs still load.
        if (gaussian) register_module("head", gaussianHead = new GaussianHead(attention ? 2 * hiddenSize : hiddenSize, targets));
        else register_module("head", head = nn.Linear(attention ? 2 * hiddenSize : hiddenSize, targets));
    }

    public bool IsGaussian => gaussianHead is not null;

    public int DynamicInputs { get; }
    public int StaticInputs { get; }
    public bool Attention { get; }

    private readonly LSTM lstm;
    private readonly Linear? attention;
    private readonly Dropout dropout;
    private readonly Linear? head;
    private readonly GaussianHead? gaussianHead;

    /// <summary>The attention weights of the last forward pass [batch, time], when attention is on (for plots).</summary>
    public float[]? LastAttentionWeights { get; private set; }

    public Tensor forward(Tensor dynamic, Tensor? statics = null)
    {
        using var scope = NewDisposeScope();
        var features = Features(dynamic, statics);
        return (head is not null ? head.forward(features) : gaussianHead!.forward(features).mean).MoveToOuterDisposeScope();
    }

    /// <summary>Mean and variance, each [batch, time or 1, targets]; only with a Gaussian head.</summary>
    public (Tensor Mean, Tensor Variance) forward_distribution(Tensor dynamic, Tensor? statics = null)
    {
        if (gaussianHead is null) throw new InvalidOperationException("LstmRegressor was built without a Gaussian head (gaussian: false)");
        using var scope = NewDisposeScope();
        var (mean, variance) = gaussianHead.forward(Features(dynamic, statics));
        scope.MoveToOuter(mean, variance);
        return (mean, variance);
    }

    /// <summary>The features the head reads, after dropout: [batch, time, hidden] or [batch, 1, 2 hidden] with attention.</summary>
    private Tensor Features(Tensor dynamic, Tensor? statics)
    {
        var input = ModelInputs.Concatenate(this, dynamic, statics, DynamicInputs, StaticInputs);   // [batch, time, dynamic + static]
        var (output, _, _) = NativeLstm.Forward(lstm, input);                                      // [batch, time, hidden]
        Tensor features;
        if (attention is null)
        {
            features = output;                                                                      // [batch, time, hidden]
        }
        else
        {
            // Temporal attention (Bahdanau-style pooling): weights over the steps, context = Σ_t α_t h_t.
            var weights = attention.forward(output.tanh()).squeeze(-1).softmax(1);                 // [batch, time]
            using (no_grad()) LastAttentionWeights = weights.detach().data<float>().ToArray();
            var context = weights.unsqueeze(1).bmm(output);                                         // [batch, 1, hidden]
            features = cat([output[.., TensorIndex.Slice(-1, null)], context], 2);                   // [batch, 1, 2 hidden]
        }
        return dropout.forward(features);
    }

    public Tensor call(Tensor dynamic, Tensor? statics = null) => forward(dynamic, statics);
}
