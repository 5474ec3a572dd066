using HydroWorkshop.Models.Maps;
using Xunit;

namespace HydroWorkshop.Models.Tests.Maps;

public sealed class MapScalesTests
{
    [Fact]
    public void SaveLoad_RoundTrip_KeepsEveryValue()
    {
        var path = Path.Combine(Path.GetTempPath(), $"scales-{Guid.NewGuid():N}.json");
        try
        {
            var scales = new MapScales(0.25, -0.01, 0.02, [0.2, 3.5], [0.1]);
            scales.Save(path);
            var loaded = MapScales.Load(path);
            Assert.Equal(scales.Depth, loaded.Depth);
            Assert.Equal(scales.BedMean, loaded.BedMean);
            Assert.Equal(scales.BedScale, loaded.BedScale);
            Assert.Equal(scales.Forcing, loaded.Forcing);
            Assert.Equal(scales.Extra, loaded.Extra);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Factors_BreachScales_FromThePhysics()
    {
        // Depth 2 m, bed spread 0.5 m, inflow forcing scale 100 m3/s: 1 scaled unit for 1800 s on 1 ha cells pours
        // 180,000 m3 = 18 m over one cell = 9 scaled units; 1 mm is 0.0005; 1 scaled depth unit is 4 scaled bed units.
        var scales = new MapScales(2.0, 1.0, 0.5, [1.0, 100.0], []);
        Assert.Equal(9.0, scales.InflowDepthPerFrame(1, 1800, 10_000), 12);
        Assert.Equal(0.0005, scales.ScaledDepth(0.001), 12);
        Assert.Equal(4.0, scales.DepthToBed, 12);
    }
}
