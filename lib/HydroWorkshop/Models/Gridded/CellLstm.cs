using HydroWorkshop.Engine;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace HydroWorkshop.Models.Gridded;

/// <summary>
/// The per-cell baseline of climate → vegetation: one LSTM, shared by all cells, reads each cell's own climate series
/// and nothing of its neighbours. Input [batch, time, channel, y, x] → [batch, time, y * x].
/// </summary>
public sealed class CellLstm : nn.Module, IGriddedRegressor
{
    public CellLstm(int inputChannels, int hiddenSize = 16) : base(nameof(CellLstm))
    {
        InputChannels = inputChannels;
        register_module("lstm", lstm = nn.LSTM(inputChannels, hiddenSize, batchFirst: true));
        register_module("head", head = nn.Linear(hiddenSize, 1));
    }

    public int InputChannels { get; }

    private readonly LSTM lstm;
    private readonly Linear head;

    /// <summary>inputs [batch, time, channel, y, x] → [batch, time, y * x].</summary>
    public Tensor forward(Tensor inputs)
    {
        using var scope = NewDisposeScope();
        var (batch, time, channels) = (inputs.size(0), inputs.size(1), inputs.size(2));
        var cells = inputs.flatten(3).permute(0, 3, 1, 2).reshape(-1, time, channels);      // [b y x, t, c]
        var (output, _, _) = NativeLstm.Forward(lstm, cells);                               // [b y x, t, hidden]
        return head.forward(output).reshape(batch, -1, time).transpose(1, 2).MoveToOuterDisposeScope();   // [b, t, y x]
    }
}
