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
}
