using HydroWorkshop.Models.Maps;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace HydroWorkshop.Models.Gridded;

/// <summary>
/// Climate → vegetation (Longyang &amp; Zeng): a one-layer ConvLSTM (16 filters in the paper) over daily climate maps and
/// a 1 × 1 convolution that reads a value per cell from its hidden state, e.g. leaf area index. "Physics-encoded" is the
/// same model with one more input channel: a process model's estimate of the target.
/// Input [batch, time, channel, y, x] → [batch, time, y * x] (cells row-major, as the gridded targets are stored).
/// </summary>
public sealed class MapToMapRegressor : nn.Module, IGriddedRegressor
{
    public MapToMapRegressor(int inputChannels, int hiddenChannels = 16, int kernelSize = 3) : base(nameof(MapToMapRegressor))
    {
        InputChannels = inputChannels;
        register_module("conv_lstm", convLstm = new ConvLstm(inputChannels, hiddenChannels, kernelSize));
        register_module("head", head = nn.Conv2d(hiddenChannels, 1, 1));
    }

    public int InputChannels { get; }

    private readonly ConvLstm convLstm;
    private readonly Conv2d head;

    /// <summary>inputs [batch, time, channel, y, x] → [batch, time, y * x].</summary>
    public Tensor forward(Tensor inputs)
    {
        using var scope = NewDisposeScope();
        var (hidden, _) = convLstm.forward(inputs);                                        // [b, t, h, y, x]
        var (batch, time) = (hidden.size(0), hidden.size(1));
        var cells = head.forward(hidden.flatten(0, 1));                                     // [b t, 1, y, x]
        return cells.reshape(batch, time, -1).MoveToOuterDisposeScope();                    // [b, t, y x]
    }
}
