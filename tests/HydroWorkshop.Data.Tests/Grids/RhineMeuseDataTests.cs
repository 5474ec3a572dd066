using HydroWorkshop.Data.Grids;
using HydroWorkshop.TestSupport;
using Xunit;

namespace HydroWorkshop.Data.Tests.Grids;

public sealed class RhineMeuseDataTests
{
    [Fact]
    public void OpenWorkshop_NoRealSet_GeneratesTheStandInOnceAndOpensIt()
    {
        using var temp = new TempFolder();
        var folder = Path.Combine(temp.Path, "synthetic-rhine-meuse");

        var data = RhineMeuseData.OpenWorkshop(null, folder);
        var versionFolder = Path.Combine(folder, SyntheticRhineMeuse.VersionFolder());
        var marker = Path.Combine(versionFolder, RhineMeuse.SyntheticMarkerFile);
        var written = File.GetLastWriteTimeUtc(marker);
        var again = RhineMeuseData.OpenWorkshop(null, folder);

        Assert.True(data.IsSynthetic);
        Assert.StartsWith("synthetic {", data.Source);
        Assert.Equal(versionFolder, data.Folder);
        Assert.Equal(written, File.GetLastWriteTimeUtc(marker));
        Assert.Equal(data.Gauge("Lobith").DischargeM3s, again.Gauge("Lobith").DischargeM3s);
    }

    [RealDataFact(RhineMeuse.DataSetName)]
    public void OpenWorkshop_RealSetFound_OpensItAndGeneratesNothing()
    {
        using var temp = new TempFolder();
        var folder = Path.Combine(temp.Path, "never");

        var data = RhineMeuseData.OpenWorkshop(RhineMeuse.FindShared(), folder);

        Assert.False(data.IsSynthetic);
        Assert.Equal("real", data.Source);
        Assert.DoesNotContain("SYNTHETIC", data.Description);
        Assert.False(Directory.Exists(folder));
    }

    [Fact]
    public void SyntheticCacheFolder_InsideTheRepository_UnderOutData()
    {
        var folder = RhineMeuseData.SyntheticCacheFolder();

        if (Environment.GetEnvironmentVariable("HYDROWORKSHOP_SYNTHETIC_RHINE_MEUSE") is { Length: > 0 } set) Assert.Equal(set, folder);
        else Assert.EndsWith(Path.Combine("out", "data", "synthetic-rhine-meuse"), folder);
    }
}
