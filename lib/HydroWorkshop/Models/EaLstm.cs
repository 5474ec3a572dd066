using TorchSharp.Modules;
using static TorchSharp.torch;

namespace HydroWorkshop.Models;

/// <summary>
/// Entity-aware LSTM (Kratzert et al. 2019, HESS 23): the static attributes alone set the input gate,
/// i = σ(W_s x_s + b_s), once per basin, so the gate is an interpretable catchment "embedding"; the forget,
/// cell and output gates see the forcings and the hidden state as in an LSTM:
/// [f, g, o] = W_d x_t + U h_{t−1} + b;  c_t = σ(f) ⊙ c_{t−1} + i ⊙ tanh(g);  h_t = σ(o) ⊙ tanh(c_t).
/// Input dynamic [batch, time, dynamic_inputs], static [batch, static_inputs]; output [batch, time, targets].
/// With <c>gaussian</c> the head is a <see cref="GaussianHead"/> (see <see cref="forward_distribution"/>).
/// </summary>
public sealed class EaLstm : nn.Module, IProbabilisticRegressor
{
    public EaLstm(int dynamicInputs, int staticInputs, int hiddenSize = 64, double dropout = 0.0, int targets = 1,
        double initialForgetBias = 3.0,
        bool gaussian = false) : base(nameof(EaLstm))
    {
        if (staticInputs < 1) throw new ArgumentException("EaLstm needs static attributes: they drive its input gate",
            nameof(staticInputs));
        DynamicInputs = dynamicInputs;
        StaticInputs = staticInputs;
        HiddenSize = hiddenSize;
        register_module("input_gate", inputGate = nn.Linear(staticInputs, hiddenSize));
        register_module("dynamic_gates", dynamicGates = nn.Linear(dynamicInputs, 3 * hiddenSize));
        register_parameter("weight_hh", recurrentWeight = nn.Parameter(nn.init.orthogonal_(empty([3 * hiddenSize, hiddenSize]))));
        using (no_grad())
        using (var forget = dynamicGates.bias!.narrow(0, 0, hiddenSize))
            forget.fill_(initialForgetBias);
        register_module("dropout", this.dropout = nn.Dropout(dropout));
        if (gaussian) register_module("head", gaussianHead = new GaussianHead(hiddenSize, targets));
        else register_module("head", head = nn.Linear(hiddenSize, targets));
    }

    public bool IsGaussian => gaussianHead is not null;

    public int DynamicInputs { get; }
    public int StaticInputs { get; }
    public int HiddenSize { get; }

    private readonly Linear inputGate, dynamicGates;
    private readonly Linear? head;
    private readonly GaussianHead? gaussianHead;
    private readonly Parameter recurrentWeight;
    private readonly Dropout dropout;

    public Tensor forward(Tensor dynamic, Tensor statics)
    {
        using var scope = NewDisposeScope();
        var features = Features(dynamic, statics);
        // [batch, time, targets]
        return (head is not null ? head.forward(features) : gaussianHead!.forward(features).mean).MoveToOuterDisposeScope();
    }

    /// <summary>Mean and variance, each [batch, time, targets]; only with a Gaussian head.</summary>
    public (Tensor Mean, Tensor Variance) forward_distribution(Tensor dynamic, Tensor? statics)
    {
        if (gaussianHead is null) throw new InvalidOperationException("EaLstm was built without a Gaussian head (gaussian: false)");
        using var scope = NewDisposeScope();
        var (mean, variance) = gaussianHead.forward(Features(dynamic, statics ?? throw new ArgumentException(
            "EaLstm needs the static attributes")));
        scope.MoveToOuter(mean, variance);
        return (mean, variance);
    }

    /// <summary>The hidden states after dropout, [batch, time, hidden].</summary>
    private Tensor Features(Tensor dynamic, Tensor statics)
    {
        if (dynamic.dim() != 3 || dynamic.size(2) != DynamicInputs)
            throw new ArgumentException(
                $"EaLstm: dynamic inputs [{string.Join(", ", dynamic.shape)}] must be [batch, time, {DynamicInputs}]");
        if (statics.dim() != 2 || statics.size(1) != StaticInputs)
            throw new ArgumentException($"EaLstm: static inputs [{string.Join(", ", statics.shape)}] must be [batch, {StaticInputs}]");
        long batch = dynamic.size(0), steps = dynamic.size(1);
        var i = inputGate.forward(statics).sigmoid();                                    // [batch, hidden], fixed over time
        var projected = dynamicGates.forward(dynamic);                                   // [batch, time, 3 hidden]
        var h = zeros([batch, HiddenSize], dynamic.dtype, dynamic.device);
        var c = zeros([batch, HiddenSize], dynamic.dtype, dynamic.device);
        var outputs = new Tensor[steps];
        for (var t = 0; t < steps; t++)
        {
            var gates = (projected[.., t] + h.matmul(recurrentWeight.t())).chunk(3, 1); // 3 x [batch, hidden]
            c = gates[0].sigmoid() * c + i * gates[1].tanh();
            h = gates[2].sigmoid() * c.tanh();
            outputs[t] = h;
        }
        var sequence = stack(outputs, 1);                                                 // [batch, time, hidden]
        return dropout.forward(sequence);
    }

    public Tensor call(Tensor dynamic, Tensor statics) => forward(dynamic, statics);

    Tensor ISequenceRegressor.forward(Tensor dynamic, Tensor? statics) =>
        forward(dynamic, statics ?? throw new ArgumentException(
            "EaLstm needs the static attributes separately: build the data set with ConcatenateStatics = false"));
}
