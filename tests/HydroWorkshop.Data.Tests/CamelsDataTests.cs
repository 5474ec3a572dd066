using HydroWorkshop.Data.Synthetic;
using HydroWorkshop.TestSupport;
using Xunit;

namespace HydroWorkshop.Data.Tests;

/// <summary>The notebooks' choice of rainfall-runoff data (<see cref="CamelsData.OpenWorkshop()"/>).</summary>
public sealed class CamelsDataTests
{
    private const string NwcSample = CamelsData.NwcSampleName;

    [RealDataFact(NwcSample)]
    public void OpenWorkshop_OnlyNwcSample_UsesItsNldasForcingAndBasinLists()
    {
        var folder = TestPaths.RealData(NwcSample);

        var workshop = CamelsData.OpenWorkshop(realCamelsUs: null, nwcSample: folder);

        Assert.Equal(folder, workshop.Source.Root);
        Assert.Equal(["nldas"], workshop.Source.Forcings);
        Assert.Equal(BasinLists.Read(Path.Combine(folder, "train_basins.txt")), workshop.TrainBasins);
        Assert.Equal(BasinLists.Read(Path.Combine(folder, "test_basins.txt")), workshop.TestBasins);
        Assert.Contains("NWC sample", workshop.Description);
    }

    [Fact]
    public void OpenWorkshop_NoRealDataAndNoSample_OpensSyntheticBasinsWithTestBasinsFromTheEnd()
    {
        using var temp = new TempFolder();
        var options = new SyntheticCamelsOptions { Basins = 3, Start = new DateOnly(2000, 1, 1),
            End = new DateOnly(2001, 12, 31), Seed = 3 };

        var workshop = CamelsData.OpenWorkshop(realCamelsUs: null, nwcSample: null, Path.Combine(temp.Path, "cache"), options);

        Assert.Equal(3, workshop.TrainBasins.Count);
        Assert.Equal(workshop.Source.BasinIds, workshop.TrainBasins);
        Assert.Equal(workshop.Source.BasinIds.Reverse(), workshop.TestBasins);
        Assert.Contains("SYNTHETIC", workshop.Description);
        Assert.Equal(workshop.Description, workshop.ToString());
    }
}
