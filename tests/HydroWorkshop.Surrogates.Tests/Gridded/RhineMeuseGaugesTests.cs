using HydroWorkshop.Data;
using HydroWorkshop.Data.Grids;
using HydroWorkshop.Surrogates.Gridded;
using HydroWorkshop.TestSupport;
using Xunit;

namespace HydroWorkshop.Surrogates.Tests.Gridded;

public sealed class RhineMeuseGaugesTests
{
    private static readonly Period Training = new(new DateOnly(2001, 1, 1), new DateOnly(2006, 12, 31));

    [RealDataFact(RhineMeuse.DataSetName)]
    public void DataSet_HeldOutGauge_SharesTheTrainingGaugesScale()
    {
        var data = RhineMeuse.Open(RhineMeuse.FindShared()!);
        using var trained = RhineMeuseGauges.DataSet(data, ["Lobith", "Basel"], Training);
        using var all = RhineMeuseGauges.DataSet(data, ["Lobith", "Basel", "Borgharen"], Training, trained.Normalisation);
        var scale = trained.Normalisation.Targets[0];
        Assert.All(all.Normalisation.Targets, t => Assert.Equal((scale.Mean, scale.Std), (t.Mean, t.Std)));
        Assert.Equal(["Lobith", "Basel", "Borgharen"], all.TargetNames);
        // Denormalised, Borgharen's first day is its observed specific discharge.
        var expected = data.Gauge("Borgharen").DischargeMmPerDay()[0];
        Assert.Equal(expected, all.Targets[0, 2].item<float>() * scale.Std + scale.Mean, 3);
        var masks = RhineMeuseGauges.Masks(data, ["Lobith", "Borgharen"]);
        Assert.Equal(data.Gauge("Lobith").AreaKm2, masks.AreaKm2[0], 0);
    }

    [RealDataFact(RhineMeuse.DataSetName)]
    public void DataSet_StaticMaps_AreChannelsRepeatedEveryDay()
    {
        var data = RhineMeuse.Open(RhineMeuse.FindShared()!);
        using var set = RhineMeuseGauges.DataSet(data, ["Lobith"], Training, staticMaps: ["dzRel0090"]);
        Assert.Equal(["precipitation_mm_d", "temperature_c", "dzRel0090"], set.ChannelNames);
        var relief = set.Channels.select(1, 2);                                              // [time, y, x]
        Assert.Equal(0.0, (relief[0] - relief[^1]).abs().max().item<float>());             // the same map on the first and last day
        // Normalised over the land cells: the Alps (south-east, Basel's basin) stand above the lowlands (north-west).
        var basel = data.Gauge("Basel").Cell;
        Assert.True(relief[0, basel.Row, basel.Column].item<float>() > relief[0, 1, 1].item<float>());
        Assert.Contains("no land-surface map 'elevation'",
            Assert.Throws<ArgumentException>(() => data.LandSurfaceMap("elevation")).Message);
    }
}
