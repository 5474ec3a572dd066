using HydroWorkshop.Data.Grids;
using HydroWorkshop.TestSupport;
using Xunit;

namespace HydroWorkshop.Data.Tests.Grids;

public sealed class RhineMeuseTests
{
    [RealDataFact(RhineMeuse.DataSetName)]
    public void Open_SharedData_MapsInMmPerDayAndGaugesOnTheirRivers()
    {
        var data = RhineMeuse.Open(RhineMeuse.FindShared()!);
        Assert.Equal(3652, data.Dates.Length);
        Assert.Equal((13, 17), (data.Rows, data.Columns));
        Assert.Equal(52.25, data.Precipitation.Latitude![0], 6);                        // north-up
        // PROVENANCE.md: mean precipitation 0.0029 m/day, i.e. about 2.9 mm/day after conversion.
        Assert.InRange(data.Precipitation.Data.Average(), 2.5, 3.3);
        Assert.InRange(data.Temperature.Data.Average(), 5, 12);
        foreach (var gauge in data.Gauges)
        {
            Assert.InRange(gauge.Cell.RelativeAreaError, -0.1, 0.1);
            Assert.Equal(gauge.AreaKm2, gauge.BasinCellAreaKm2.Sum(), 0);
            Assert.All(gauge.DischargeM3s, q => Assert.True(float.IsFinite(q) && q > 0));  // complete over 2001–2010
        }
        // Specific discharge: Lobith's mean ~2,200 m³/s over ~162,000 km² is about 1.2 mm/day.
        Assert.InRange(data.Gauge("lobith").DischargeMmPerDay().Average(), 1.0, 1.4);
        var lobith = data.Gauge("Lobith").BasinCellAreaKm2;
        var borgharen = data.Gauge("Borgharen").BasinCellAreaKm2;
        Assert.DoesNotContain(Enumerable.Range(0, lobith.Length), i => lobith[i] > 0 && borgharen[i] > 0);    // Rhine vs Meuse
    }

    [Fact]
    public void Open_MissingFolder_NamesIt()
    {
        var error = Assert.Throws<DirectoryNotFoundException>(() => RhineMeuse.Open("/nonexistent/rhine"));
        Assert.Contains("/nonexistent/rhine", error.Message);
        Assert.Contains(RhineMeuse.DataSetName, error.Message);
    }

    [Fact]
    public void Open_FolderWithoutForcing_NamesTheMissingFile()
    {
        using var folder = new TempFolder();
        var error = Assert.Throws<FileNotFoundException>(() => RhineMeuse.Open(folder.Path));
        Assert.Contains("precipitation_2001to2010.nc", error.Message);
    }
}
