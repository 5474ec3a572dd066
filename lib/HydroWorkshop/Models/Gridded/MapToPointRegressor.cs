using HydroWorkshop.Models.Maps;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace HydroWorkshop.Models.Gridded;

/// <summary>
/// "Hydrology as video": a ConvLSTM watches the forcing maps day by day and a small head reads discharge at each gauge
/// from the hidden maps of the cells upstream of it. Pooling is an area-weighted mean over the gauge's basin
/// (<see cref="GaugeMasks"/>) of the hidden state and of its positive part, plus the basin's log area; the head is
/// shared by all gauges, so the model learns one rainfall–runoff response that depends on where the rain falls and how
/// big the basin is, and a gauge left out of training is predicted by giving it its mask (<see cref="UseGauges"/>).
/// With <c>cellRunoff</c> the head runs in every cell instead and makes that cell's runoff; a gauge gets the
/// area-weighted mean of its upstream cells' runoff (routed by band). That is a water balance: Lobith's discharge is
/// then the sum of what its sub-basins make, Basel's and the Moselle's included, whatever the size of the basin.
/// Input [batch, time, channel, y, x] → discharge [batch, time, gauge] in the units of the training targets.
/// </summary>
public sealed class MapToPointRegressor : nn.Module, IGriddedRegressor
{
    /// <param name="inputChannels">Channels per frame (e.g. precipitation, temperature).</param>
    /// <param name="gauges">The gauges to predict (their upstream masks).</param>
    /// <param name="hiddenChannels">ConvLSTM filters (hidden maps).</param>
    /// <param name="kernelSize">ConvLSTM kernel: how far (cells) information moves per day per layer.</param>
    /// <param name="headSize">Width of the gauge head's hidden layer.</param>
    /// <param name="routingBands">0: pool the whole basin at once (the water of a day reaches the gauge that day);
    /// n: pool n bands of flow distance and delay each by its own learned kernel (<see cref="BandRouting"/>), which needs
    /// masks with flow distances.</param>
    /// <param name="stepsPerBand">LDD steps (cells, about 50 km) per routing band.</param>
    /// <param name="routingDays">Routing kernel length (days): the longest delay is one day less.</param>
    /// <param name="cellRunoff">false: the head reads pooled basin features; true: the head makes each cell's runoff
    /// and the gauge gets their (routed) area-weighted mean.</param>
    public MapToPointRegressor(int inputChannels, GaugeMasks gauges, int hiddenChannels = 16, int kernelSize = 3, int headSize = 32,
        int routingBands = 0, int stepsPerBand = 3, int routingDays = 8, bool cellRunoff = false)
        : base(nameof(MapToPointRegressor))
    {
        InputChannels = inputChannels;
        HiddenChannels = hiddenChannels;
        (RoutingBands, StepsPerBand, CellRunoff) = (routingBands, stepsPerBand, cellRunoff);
        register_module("conv_lstm", convLstm = new ConvLstm(inputChannels, hiddenChannels, kernelSize));
        if (routingBands > 0) register_module("routing", routing = new BandRouting(routingBands, routingDays));
        register_module("head", head = nn.Sequential(
            ("hidden", nn.Linear(cellRunoff ? hiddenChannels : 2L * hiddenChannels + 1, headSize)), ("tanh", nn.Tanh()),
                ("output", nn.Linear(headSize, 1))));
        UseGauges(gauges);
    }

    public int InputChannels { get; }
    public int HiddenChannels { get; }
    /// <summary>Flow-distance bands of the routing (0: none).</summary>
    public int RoutingBands { get; }
    public int StepsPerBand { get; }
    /// <summary>Whether the head makes runoff in every cell (true) or reads pooled basin features (false).</summary>
    public bool CellRunoff { get; }
    /// <summary>The gauges the model predicts now, in output order.</summary>
    public GaugeMasks Gauges { get; private set; } = null!;

    private readonly ConvLstm convLstm;
    private readonly Sequential head;
    private readonly BandRouting? routing;
    private Tensor weights = null!;   // [gauge, y, x], each map sums to 1; with routing [gauge, band, y, x], summing to 1 over bands
    private Tensor logArea = null!;   // [gauge]

    /// <summary>Predicts these gauges from now on (same weights, new masks): transfer to an outlet not trained on.</summary>
    public void UseGauges(GaugeMasks gauges)
    {
        weights?.Dispose();
        logArea?.Dispose();
        Gauges = gauges;
        weights = RoutingBands > 0 ? gauges.BandWeights(RoutingBands, StepsPerBand) : gauges.Weights();
        logArea = gauges.LogArea();
    }

    /// <summary>inputs [batch, time, channel, y, x] → [batch, time, gauge].</summary>
    public Tensor forward(Tensor inputs)
    {
        using var scope = NewDisposeScope();
        var (hidden, _) = convLstm.forward(inputs);                                         // [b, t, h, y, x]
        var (batch, time) = (hidden.size(0), hidden.size(1));
        var w = weights.to(hidden.device);
        if (CellRunoff) return GaugeRunoff(hidden, w).MoveToOuterDisposeScope();
        Tensor mean, positive;
        if (routing is null)
        {
            mean = einsum("bthyx,gyx->btgh", hidden, w);                                    // [b, t, g, h]
            positive = einsum("bthyx,gyx->btgh", hidden.relu(), w);                         // [b, t, g, h]
        }
        else
        {
            // [b, t, g, k, 2h]
            var bands = cat([einsum("bthyx,gkyx->btgkh", hidden, w), einsum("bthyx,gkyx->btgkh", hidden.relu(), w)], 4);
            var routed = routing.forward(bands);                                            // [b, t, g, 2h]
            (mean, positive) = (routed.narrow(3, 0, HiddenChannels), routed.narrow(3, HiddenChannels, HiddenChannels));
        }
        var area = logArea.to(hidden.device).reshape(1, 1, -1, 1).expand(batch, time, -1, 1);
        return head.forward(cat([mean, positive, area], 3)).squeeze(3).MoveToOuterDisposeScope();   // [b, t, g]
    }

    /// <summary>hidden [b, t, h, y, x] → each cell's runoff [b, t, y, x] → its area-weighted (routed) mean per gauge [b, t, g].
    /// The weights sum to 1 over a basin and the targets' scaling is affine, so a mean of scaled runoff is the gauge's
    /// scaled discharge.</summary>
    private Tensor GaugeRunoff(Tensor hidden, Tensor w)
    {
        var runoff = head.forward(hidden.permute(0, 1, 3, 4, 2)).squeeze(4);                // [b, t, y, x]
        if (routing is null) return einsum("btyx,gyx->btg", runoff, w);                    // [b, t, g]
        var bands = einsum("btyx,gkyx->btgk", runoff, w).unsqueeze(4);                       // [b, t, g, k, 1]
        return routing.forward(bands).squeeze(3);                                           // [b, t, g]
    }

    /// <summary>The hidden maps of every day [batch, time, hidden, y, x], for looking inside.</summary>
    public Tensor HiddenMaps(Tensor inputs) => convLstm.forward(inputs).output;

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
