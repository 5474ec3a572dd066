using HydroWorkshop.Data;
using HydroWorkshop.Data.Grids;
using HydroWorkshop.Models.Gridded;
using static TorchSharp.torch;

namespace HydroWorkshop.Surrogates.Gridded;

/// <summary>
/// The Rhine–Meuse data as the gauge models read them: channels precipitation (mm/day) and temperature (°C) per day
/// [time, 2, 13, 17], and each gauge's discharge as specific discharge (mm/day over its basin). All gauges share ONE
/// scale (the pooled mean and std of the training gauges over the training period), so the shared head predicts the
/// same units everywhere and a gauge never trained on can be read out with its own mask.
/// </summary>
public static class RhineMeuseGauges
{
    public static readonly string[] ChannelNames = ["precipitation_mm_d", "temperature_c"];

    /// <summary>The data set for <paramref name="gauges"/> (names, in output order); with <paramref name="scales"/>
    /// null the pooled scale is fitted on those gauges over <paramref name="training"/>, else <paramref name="scales"/>'
    /// channel and (first) target scale are reused (e.g. a held-out gauge scored with the training gauges' scale).
    /// <paramref name="staticMaps"/> (land-surface variables, <see cref="RhineMeuse.LandSurfaceMap"/>) join as channels
    /// repeated every day: what tells an Alpine cell from a lowland one of the same temperature.</summary>
    public static GriddedDataSet DataSet(RhineMeuse data, IReadOnlyList<string> gauges, Period training, Normalisation? scales = null,
        IReadOnlyList<string>? staticMaps = null)
    {
        using var scope = NewDisposeScope();
        staticMaps ??= [];
        var channels = GriddedDataSet.StackChannels([data.Precipitation, data.Temperature],
            staticMaps.Select(data.LandSurfaceMap).ToArray());                                         // [time, 2 + statics, y, x]
        var targets = stack(gauges.Select(g => tensor(data.Gauge(g).DischargeMmPerDay())).ToArray(), 1);   // [time, gauge]
        var names = gauges.Select(g => data.Gauge(g).Name).ToArray();
        string[] channelNames = [.. ChannelNames, .. staticMaps];
        if (scales is null)
        {
            using var fitted = new GriddedDataSet(channels, channelNames, targets, names, data.Dates, training);
            scales = Pooled(fitted.Normalisation);
        }
        var shared = scales with { Targets = names.Select(n => scales.Targets[0] with { Name = n }).ToArray() };
        return new GriddedDataSet(channels, channelNames, targets, names, data.Dates, training, shared);
    }

    /// <summary>The basins of <paramref name="gauges"/>, in that order.</summary>
    public static GaugeMasks Masks(RhineMeuse data, IReadOnlyList<string> gauges) =>
        GaugeMasks.Of(gauges.Select(data.Gauge), data.Rows, data.Columns);

    /// <summary>One target scale for all: the mean and std of all targets' values together (equal days per target).</summary>
    private static Normalisation Pooled(Normalisation perTarget)
    {
        var mean = perTarget.Targets.Average(t => t.Mean);
        var secondMoment = perTarget.Targets.Average(t => t.Std * t.Std + t.Mean * t.Mean);
        var std = Math.Sqrt(Math.Max(secondMoment - mean * mean, 1e-12));
        return perTarget with { Targets = [new FeatureScale("specific_discharge_mm_d", mean, std)] };
    }
}
