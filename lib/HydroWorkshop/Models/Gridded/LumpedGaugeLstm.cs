using HydroWorkshop.Engine;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace HydroWorkshop.Models.Gridded;

/// <summary>
/// The lumped baseline of "hydrology as video": each gauge sees only its basin's area-weighted mean of every input
/// channel (one number per day and channel, as a classic lumped model) plus its log area, and one LSTM shared by all
/// gauges maps that series to discharge. Same inputs, masks and trainer as <see cref="MapToPointRegressor"/>, so
/// the two differ only in whether the model sees where in the basin the rain falls.
/// Input [batch, time, channel, y, x] → [batch, time, gauge].
/// </summary>
public sealed class LumpedGaugeLstm : nn.Module, IGriddedRegressor
{
    public LumpedGaugeLstm(int inputChannels, GaugeMasks gauges, int hiddenSize = 32) : base(nameof(LumpedGaugeLstm))
    {
        InputChannels = inputChannels;
        register_module("lstm", lstm = nn.LSTM(inputChannels + 1, hiddenSize, batchFirst: true));
        register_module("head", head = nn.Linear(hiddenSize, 1));
        UseGauges(gauges);
    }

    public int InputChannels { get; }
    public GaugeMasks Gauges { get; private set; } = null!;

    private readonly LSTM lstm;
    private readonly Linear head;
    private Tensor weights = null!;   // [gauge, y, x]
    private Tensor logArea = null!;   // [gauge]

    /// <summary>Predicts these gauges from now on (transfer to an outlet not trained on).</summary>
    public void UseGauges(GaugeMasks gauges)
    {
        weights?.Dispose();
        logArea?.Dispose();
        Gauges = gauges;
        weights = gauges.Weights();
        logArea = gauges.LogArea();
    }

    /// <summary>The basin means the LSTM reads: [batch, gauge, time, channel].</summary>
    public Tensor BasinMeans(Tensor inputs) => einsum("btcyx,gyx->bgtc", inputs, weights.to(inputs.device));

    /// <summary>inputs [batch, time, channel, y, x] → [batch, time, gauge].</summary>
    public Tensor forward(Tensor inputs)
    {
        using var scope = NewDisposeScope();
        var means = BasinMeans(inputs);                                                    // [b, g, t, c]
        var (batch, gauges, time) = (means.size(0), means.size(1), means.size(2));
        var area = logArea.to(inputs.device).reshape(1, -1, 1, 1).expand(batch, gauges, time, 1);
        var series = cat([means, area], 3).reshape(batch * gauges, time, -1);               // [b g, t, c + 1]
        var (output, _, _) = NativeLstm.Forward(lstm, series);                              // [b g, t, hidden]
        return head.forward(output).reshape(batch, gauges, time).transpose(1, 2).MoveToOuterDisposeScope();   // [b, t, g]
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            weights?.Dispose();
            logArea?.Dispose();
        }
        base.Dispose(disposing);
    }
}
