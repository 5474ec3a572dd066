using HydroWorkshop.Data;
using HydroWorkshop.Data.Grids;
using HydroWorkshop.Physics.Vegetation;
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

    [RealDataFact(RhineMeuse.DataSetName)]
    public void DataSet_LandCover_OneConstantZeroOneMapPerClassPresent()
    {
        var (data, maps) = SimulatedMaps();
        using var withCover = ClimateVegetation.DataSet(data, maps, Training, physicsEncoded: false, landCover: true);
        var present = Enum.GetValues<LandCover>().Where(c => maps.LandCover.Contains((int)c)).ToArray();
        Assert.NotEmpty(present);
        Assert.Equal(["precipitation_mm_d", "temperature_c", .. present.Select(ClimateVegetation.ClassChannel)], withCover.ChannelNames);
        for (var k = 0; k < present.Length; k++)
        {
            var scale = withCover.Normalisation.Inputs[2 + k];
            foreach (var day in new[] { 0, 1000, 3651 })
                for (var i = 0; i < data.Rows * data.Columns; i++)
                {
                    var value = withCover.Channels[day, 2 + k, i / data.Columns, i % data.Columns].item<float>() * scale.Std + scale.Mean;
                    Assert.Equal(maps.LandCover[i] == (int)present[k] ? 1f : 0f, value, 4);
                }
        }
    }

    [RealDataFact(RhineMeuse.DataSetName)]
    public void DataSet_LandCoverWithoutMap_SaysTheFileHasNone()
    {
        var (data, maps) = SimulatedMaps();
        var noCover = maps with { LandCover = new int[maps.LandCover.Length] };
        var error = Assert.Throws<ArgumentException>(() => ClimateVegetation.DataSet(data, noCover, Training, false, landCover: true));
        Assert.Contains("no land_cover map", error.Message);
    }

    private static readonly Period Training = new(new DateOnly(2001, 1, 1), new DateOnly(2006, 12, 31));

    /// <summary>The shared forcing and its simulated LAI (seed 2), written to a temporary netCDF file and read back.</summary>
    private static (RhineMeuse Data, VegetationMaps Maps) SimulatedMaps()
    {
        var data = RhineMeuse.Open(RhineMeuse.FindShared()!);
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "lai.nc");
        ClimateVegetation.Simulate(data, path, seed: 2);
        return (data, ClimateVegetation.Read(path, data.Network.Inside));
    }
}
