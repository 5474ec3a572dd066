using TorchSharp.Modules;
using static TorchSharp.torch;

namespace HydroWorkshop.Models.Gridded;

/// <summary>
/// Routing for a gauge read-out: water that falls far up a basin reaches the gauge days later than water near it (the
/// Rhine takes about four days from Basel to Lobith). The basin is split into bands of flow distance
/// (<see cref="GaugeMasks.BandWeights"/>); each band's pooled features pass through its own causal kernel over the last
/// <see cref="Days"/> days, and the delayed bands are summed. The kernels are softmax weights — a learned unit
/// hydrograph per band that moves water in time and never makes or loses any — shared by all gauges, so a far band
/// learns a long delay wherever it lies and a new gauge is routed by its own bands.
/// features [batch, time, gauge, band, feature] → [batch, time, gauge, feature].
/// </summary>
public sealed class BandRouting : nn.Module
{
    /// <param name="bands">Flow-distance bands.</param>
    /// <param name="days">Kernel length: the longest delay is <paramref name="days"/> − 1 days.</param>
    public BandRouting(int bands, int days) : base(nameof(BandRouting))
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bands, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(days, 1);
        (Bands, Days) = (bands, days);
        // Start band k at a delay of k days (about 3/4 of its weight there): a band is a few 0.5° cells (~150 km) and
        // a flood wave on a large river moves roughly that far in a day, so training refines a sensible guess instead
        // of having to discover that far water arrives late.
        using var start = zeros(bands, days);
        for (var band = 0; band < bands; band++) start[band, Math.Min(band, days - 1)] = 3.0f;
        register_parameter("logits", logits = nn.Parameter(start.clone()));
    }

    public int Bands { get; }
    public int Days { get; }

    private readonly Parameter logits;

    /// <summary>The delay kernel of each band [band, lag] (lag 0 = the same day); each row sums to 1.</summary>
    public Tensor Kernel() => logits.softmax(1);

    /// <summary>features [batch, time, gauge, band, feature] → the bands delayed and summed [batch, time, gauge, feature].
    /// Days before the first are taken as equal to the first (the window's warm-up absorbs the difference).</summary>
    public Tensor forward(Tensor features)
    {
        if (features.dim() != 5 || features.size(3) != Bands)
            throw new ArgumentException(
                $"features must be [batch, time, gauge, {Bands} bands, feature]; got [{string.Join(", ", features.shape)}]",
                nameof(features));
        using var scope = NewDisposeScope();
        var time = features.size(1);
        var before = features.narrow(1, 0, 1).expand(-1, Days - 1, -1, -1, -1);
        var padded = cat([before, features], 1);                                            // [b, days - 1 + t, g, k, f]
        var kernel = Kernel();                                                              // [k, days]
        var routed = zeros_like(features);
        for (var lag = 0; lag < Days; lag++)
            routed = routed + padded.narrow(1, Days - 1 - lag, time) * kernel.select(1, lag).reshape(1, 1, 1, -1, 1);   // day t − lag
        return routed.sum(3).MoveToOuterDisposeScope();
    }
}
