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
}
