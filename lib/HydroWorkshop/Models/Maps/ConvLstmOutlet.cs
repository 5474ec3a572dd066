using TorchSharp.Modules;
using static TorchSharp.torch;

namespace HydroWorkshop.Models.Maps;

/// <summary>
/// Map sequence to scalar series (spatial rainfall–runoff): a ConvLSTM over gridded inputs [batch, time, channels, y, x]
/// (e.g. rainfall maps, static maps repeated per frame, a process-based estimate as one more channel), pooled over the
/// grid (mean and max of the top layer's hidden maps) and a linear head per step: [batch, time, targets] (e.g. outlet
/// discharge in normalised units). <c>nonNegative</c> puts a softplus on the output.
/// </summary>
public sealed class ConvLstmOutlet : nn.Module
{
    public ConvLstmOutlet(int inputChannels, int hiddenChannels = 16, int numLayers = 1, int targets = 1, int kernelSize = 3,
        bool peephole = false, bool nonNegative = false) : base(nameof(ConvLstmOutlet))
    {
        InputChannels = inputChannels;
        NonNegative = nonNegative;
        register_module("conv_lstm", convLstm = new ConvLstm(inputChannels, hiddenChannels, kernelSize, numLayers, peephole));
        register_module("head", head = nn.Linear(2L * hiddenChannels, targets));
    }

    public int InputChannels { get; }
    public bool NonNegative { get; }

    private readonly ConvLstm convLstm;
    private readonly Linear head;

    /// <summary>input [batch, time, channels, y, x] → [batch, time, targets].</summary>
    public Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var (hidden, _) = convLstm.forward(input);                                   // [b, time, hidden, y, x]
        var flat = hidden.flatten(3);                                                // [b, time, hidden, y * x]
        var pooled = cat([flat.mean([3]), flat.amax(3)], 2);                     // [b, time, 2 hidden]
        var output = head.forward(pooled);                                           // [b, time, targets]
        return (NonNegative ? output.softplus() : output).MoveToOuterDisposeScope();
    }

    public Tensor call(Tensor input) => forward(input);
}
