using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace HydroWorkshop.Models.Maps;

/// <summary>
/// One convolutional LSTM cell (Shi et al. 2015, NeurIPS, "Convolutional LSTM Network"): the LSTM's matrix products
/// become 2D convolutions, so every state is a map. One convolution over <c>cat(x, h)</c> gives all four gates
/// (PyTorch's order: input, forget, cell, output), with "same" padding so the grid size is kept:
/// <code>
/// i = σ(W_xi * x + W_hi * h + W_ci ∘ c + b_i)
/// f = σ(W_xf * x + W_hf * h + W_cf ∘ c + b_f)
/// c' = f ∘ c + i ∘ tanh(W_xc * x + W_hc * h + b_c)
/// o = σ(W_xo * x + W_ho * h + W_co ∘ c' + b_o)
/// h' = o ∘ tanh(c')
/// </code>
/// The peephole terms (W_c· ∘ c) are Shi et al.'s; the common PyTorch implementations drop them, which is
/// <c>peephole: false</c> here. With peepholes the gates see the cell state itself, which helps when the timing of a
/// state (e.g. how full a storage is) matters more than the input. Peephole weights are Hadamard (element-wise) and
/// start at zero (the cell starts as the peephole-free one). Their shape is <c>[hidden, y, x]</c>, as in the paper,
/// when <c>peepholeGrid</c> is given; otherwise <c>[hidden, 1, 1]</c> (one weight per channel, broadcast over the grid),
/// which we use by default because it keeps the cell independent of the grid size (train on crops, run on the
/// whole domain) and adds 3·hidden instead of 3·hidden·y·x parameters.
/// Input <c>x</c>: [batch, input_channels, y, x]; state (h, c): [batch, hidden, y, x] each.
/// </summary>
public sealed class ConvLstmCell : nn.Module
{
    public ConvLstmCell(int inputChannels, int hiddenChannels, int kernelSize = 3, bool peephole = false,
        (int Rows, int Columns)? peepholeGrid = null, bool hasBias = true) : base(nameof(ConvLstmCell))
    {
        if (inputChannels < 1) throw new ArgumentOutOfRangeException(nameof(inputChannels), inputChannels,
            "ConvLstmCell needs at least 1 input channel");
        if (hiddenChannels < 1) throw new ArgumentOutOfRangeException(nameof(hiddenChannels), hiddenChannels,
            "ConvLstmCell needs at least 1 hidden channel");
        if (kernelSize < 1 || kernelSize % 2 == 0)
            throw new ArgumentOutOfRangeException(nameof(kernelSize), kernelSize,
                "ConvLstmCell needs an odd kernel size for 'same' padding");
        if (peepholeGrid is not null && !peephole) throw new ArgumentException("peepholeGrid is given but peephole is false",
            nameof(peepholeGrid));
        InputChannels = inputChannels;
        HiddenChannels = hiddenChannels;
        KernelSize = kernelSize;
        Peephole = peephole;
        PeepholeGrid = peepholeGrid;
        register_module("conv", conv = nn.Conv2d(inputChannels + hiddenChannels, 4L * hiddenChannels, kernelSize, padding: Padding.Same,
            bias: hasBias));
        if (peephole)
        {
            long[] shape = peepholeGrid is { } g ? [hiddenChannels, g.Rows, g.Columns] : [hiddenChannels, 1, 1];
            register_parameter("weight_ci", weight_ci = nn.Parameter(zeros(shape)));
            register_parameter("weight_cf", weight_cf = nn.Parameter(zeros(shape)));
            register_parameter("weight_co", weight_co = nn.Parameter(zeros(shape)));
        }
    }

    public int InputChannels { get; }
    public int HiddenChannels { get; }
    public int KernelSize { get; }
    public bool Peephole { get; }
    public (int Rows, int Columns)? PeepholeGrid { get; }

    private readonly Conv2d conv;
    /// <summary>Peephole weights [hidden, y, x] or [hidden, 1, 1]; null without peepholes.</summary>
    public Parameter? weight_ci { get; }
    public Parameter? weight_cf { get; }
    public Parameter? weight_co { get; }

    /// <summary>Zero state for a batch on a grid: (h, c), each [batch, hidden, rows, columns].</summary>
    public (Tensor h, Tensor c) InitialState(long batch, long rows, long columns, Device? device = null)
    {
        return (zeros([batch, HiddenChannels, rows, columns], device: device),
            zeros([batch, HiddenChannels, rows, columns], device: device));
    }

    /// <summary>One step: x [batch, input, y, x] and (h, c) [batch, hidden, y, x] (zeros when null) → (h', c').</summary>
    public (Tensor h, Tensor c) forward(Tensor input, (Tensor h, Tensor c)? state = null)
    {
        if (input.dim() != 4 || input.size(1) != InputChannels)
            throw new ArgumentException(
                $"{GetName()}({InputChannels}, {HiddenChannels}): input [{string.Join(", ", input.shape)}] must be [batch, {InputChannels}, y, x]", nameof(input));
        using var scope = NewDisposeScope();
        var (h, c) = state ?? InitialState(input.size(0), input.size(2), input.size(3), input.device);
        if (h.dim() != 4 || h.size(1) != HiddenChannels || h.size(2) != input.size(2) || h.size(3) != input.size(3))
            throw new ArgumentException(
                $"{GetName()}({InputChannels}, {HiddenChannels}): state [{string.Join(", ", h.shape)}] does not fit input [{string.Join(", ", input.shape)}]", nameof(state));
        var gates = conv.forward(cat([input, h], 1)).chunk(4, 1);                  // 4 x [batch, hidden, y, x]
        var (i, f, g, o) = (gates[0], gates[1], gates[2], gates[3]);
        if (Peephole)
        {
            i = i + weight_ci! * c;
            f = f + weight_cf! * c;
        }
        var cNext = f.sigmoid() * c + i.sigmoid() * g.tanh();
        if (Peephole) o = o + weight_co! * cNext;
        var hNext = o.sigmoid() * cNext.tanh();
        return (hNext.MoveToOuterDisposeScope(), cNext.MoveToOuterDisposeScope());
    }

    public (Tensor h, Tensor c) call(Tensor input, (Tensor h, Tensor c)? state = null) => forward(input, state);
}
