using HydroWorkshop.Data;
using HydroWorkshop.Data.Grids;
using HydroWorkshop.Surrogates.Gridded;
using HydroWorkshop.TestSupport;
using Xunit;

namespace HydroWorkshop.Surrogates.Tests.Gridded;

public sealed class ClimateVegetationTests
{
    [RealDataFact(RhineMeuse.DataSetName)]
    public void DataSet_SimulatedLai_TargetsOnLandOnlyAndProcessChannelWhenEncoded()
    {
        var data = RhineMeuse.Open(RhineMeuse.FindShared()!);
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "lai.nc");
        var simulation = ClimateVegetation.Simulate(data, path, seed: 2);
        var maps = ClimateVegetation.Read(path, data.Network.Inside);
        var training = new Period(new DateOnly(2001, 1, 1), new DateOnly(2006, 12, 31));
        using var pure = ClimateVegetation.DataSet(data, maps, training, physicsEncoded: false);
        using var encoded = ClimateVegetation.DataSet(data, maps, training, physicsEncoded: true);
        Assert.Equal(2, pure.ChannelNames.Count);
        Assert.Equal(3, encoded.ChannelNames.Count);
        var cells = data.Rows * data.Columns;
        Assert.Equal([3652L, cells], pure.Targets.shape);
        var land = data.Network.Inside;
        for (var i = 0; i < cells; i++)
        {
            var value = pure.Targets[100, i].item<float>();
            Assert.Equal(!land[i], float.IsNaN(value));
            if (land[i])
            {
                var scale = pure.Normalisation.Targets[i];
                Assert.Equal(simulation.Lai[100, i / data.Columns, i % data.Columns], value * scale.Std + scale.Mean, 3);
            }
        }
    }
}
