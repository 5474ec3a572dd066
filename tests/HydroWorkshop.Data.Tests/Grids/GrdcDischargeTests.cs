using HydroWorkshop.Data.Grids;
using HydroWorkshop.TestSupport;
using Xunit;

namespace HydroWorkshop.Data.Tests.Grids;

public class GrdcDischargeTests
{
    private const string DataSet = "rhine_meuse_30min_grdc";

    [Fact]
    public void Read_IsoDatesSpaceInHeader_MissingAsNaN()
    {
        using var temp = new TempFolder();
        var path = temp.File("Discharge_lobith.csv",
            "datetime, discharge\n2001-01-01,2035.000\n2001-01-02,-999\n2001-01-04,NA\n2001-01-05,2270.5\n");

        var q = GrdcDischarge.Read(path);

        Assert.Equal("lobith", q.Gauge);
        Assert.Equal([new DateOnly(2001, 1, 1), new DateOnly(2001, 1, 2), new DateOnly(2001, 1, 4), new DateOnly(2001, 1, 5)], q.Dates);
        Assert.Equal([2035f, float.NaN, float.NaN, 2270.5f], q.Values);
        Assert.Equal(2, q.ValidCount);
    }

    [Fact]
    public void Read_USDates_Parsed()
    {
        using var temp = new TempFolder();
        var path = temp.File("Discharge_borgharen.csv", "datetime,discharge\n12/31/1999,42.24\n1/1/2000,33.61\n");

        var q = GrdcDischarge.Read(path);

        Assert.Equal([new DateOnly(1999, 12, 31), new DateOnly(2000, 1, 1)], q.Dates);
    }

    [Fact]
    public void Daily_PeriodBeyondAndInsideGaps_NaNWhereAbsent()
    {
        using var temp = new TempFolder();
        var q = GrdcDischarge.Read(temp.File("q.csv", "datetime,discharge\n2001-01-02,1\n2001-01-04,3\n"));

        var daily = q.Daily(new DateOnly(2001, 1, 1), new DateOnly(2001, 1, 5));

        Assert.Equal([float.NaN, 1f, float.NaN, 3f, float.NaN], daily);
    }

    [Theory]
    [InlineData("date;discharge\n2001-01-01;1\n", "line 1: expected the header")]
    [InlineData("datetime,discharge\n2001-01-01,1\n2001-13-02,2\n", "line 3: the date is neither YYYY-MM-DD nor M/D/YYYY")]
    [InlineData("datetime,discharge\n2001-01-02,1\n2001-01-01,2\n", "line 3: date 2001-01-01 does not follow 2001-01-02")]
    [InlineData("datetime,discharge\n2001-01-01,lots\n", "line 2: the discharge is not a number")]
    [InlineData("datetime,discharge\n2001-01-01,1,2\n", "line 2: expected two columns")]
    public void Read_Malformed_ThrowsNamingFileAndLine(string text, string message)
    {
        using var temp = new TempFolder();
        var path = temp.File("Discharge_bad.csv", text);

        var e = Assert.Throws<DataFileException>(() => GrdcDischarge.Read(path));

        Assert.Contains("Discharge_bad.csv, " + message, e.Message);
    }

    [RealDataTheory(DataSet)]
    [InlineData("lobith")]
    [InlineData("basel")]
    [InlineData("maxau")]
    [InlineData("cochem")]
    [InlineData("borgharen")]
    public void Read_RhineMeuseGauges_Complete2001To2010(string gauge)
    {
        var path = Path.Combine(TestPaths.RealData(DataSet), "discharge", $"Discharge_{gauge}.csv");

        var q = GrdcDischarge.Read(path);
        var decade = q.Daily(new DateOnly(2001, 1, 1), new DateOnly(2010, 12, 31));

        Assert.Equal(gauge, q.Gauge);
        Assert.Equal(3652, decade.Length);
        Assert.All(decade, v => Assert.InRange(v, 1f, 15000f));                            // m³/s, no gaps (PROVENANCE.md)
    }
}
