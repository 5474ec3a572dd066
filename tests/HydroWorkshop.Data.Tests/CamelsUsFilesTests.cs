using HydroWorkshop.TestSupport;
using Xunit;

namespace HydroWorkshop.Data.Tests;

public class CamelsUsFilesTests
{
    [Fact]
    public void ReadForcing_MalformedNumber_NamesFileLineAndText()
    {
        using var temp = new TempFolder();
        var path = temp.File("01000000_lump_cida_forcing_leap.txt",
            "  44.82\n 133.00\n 587675987\nYear Mnth Day Hr dayl(s) prcp(mm/day) srad(W/m2) swe(mm) tmax(C) tmin(C) vp(Pa)\n" +
            "2000 01 01 12\t31185.97\t0.00\t189.56\t0.00\t-2.36\t-14.36\t202.51\n" +
            "2000 01 02 12\t31302.05\t0.x0\t200.48\t0.00\t4.81\t-8.61\t319.42\n");
        var error = Assert.Throws<DataFileException>(() => CamelsUsFiles.ReadForcing(path));
        Assert.Equal(6, error.LineNumber);
        Assert.Contains(path, error.Message);
        Assert.Contains("line 6", error.Message);
        Assert.Contains("0.x0", error.Message);
        Assert.Contains("prcp(mm/day)", error.Message);
    }

    [Fact]
    public void ReadForcing_MissingField_ReportsFieldCount()
    {
        using var temp = new TempFolder();
        var path = temp.File("f.txt", " 40\n 100\n 1000000\nYear Mnth Day Hr dayl(s) prcp(mm/day)\n2000 01 01 12\t31185.97\n");
        var error = Assert.Throws<DataFileException>(() => CamelsUsFiles.ReadForcing(path));
        Assert.Contains("line 5", error.Message);
        Assert.Contains("expected 6 fields, found 5", error.Message);
    }

    [Fact]
    public void ReadForcing_BadDate_IsRejected()
    {
        using var temp = new TempFolder();
        var path = temp.File("f.txt", " 40\n 100\n 1000000\nYear Mnth Day Hr prcp(mm/day)\n2001 02 29 12\t1.0\n");
        var error = Assert.Throws<DataFileException>(() => CamelsUsFiles.ReadForcing(path));
        Assert.Contains("2001-02-29 is not a date", error.Message);
    }

    [Fact]
    public void ReadStreamflow_MissingAndNegative_BecomeNaN()
    {
        using var temp = new TempFolder();
        var path = temp.File("01000000_streamflow_qc.txt",
            "01000000 2000 01 01   255.00 A:e\n01000000 2000 01 02  -999.00 M\n01000000 2000 01 03    -5.00 A\n01000000 2000 01 04     0.00 A\n");
        var rows = CamelsUsFiles.ReadStreamflow(path, "01000000");
        var q = rows.Layout(new DateOnly(2000, 1, 1), 5)["discharge(ft3/s)"];
        Assert.Equal(255f, q[0]);
        Assert.True(float.IsNaN(q[1]));
        Assert.True(float.IsNaN(q[2]));
        Assert.Equal(0f, q[3]);
        Assert.True(float.IsNaN(q[4]));   // no row for that day
    }

    [Fact]
    public void ReadStreamflow_UnknownFlagOrRepeatedDate_NamesLine()
    {
        using var temp = new TempFolder();
        var flag = temp.File("a.txt", "01000000 2000 01 01   255.00 X\n");
        Assert.Contains("line 1", Assert.Throws<DataFileException>(() => CamelsUsFiles.ReadStreamflow(flag, "01000000")).Message);
        var repeated = temp.File("b.txt", "01000000 2000 01 01   255.00 A\n01000000 2000 01 01   256.00 A\n");
        var error = Assert.Throws<DataFileException>(() => CamelsUsFiles.ReadStreamflow(repeated, "01000000")
            .Layout(new DateOnly(2000, 1, 1), 1));
        Assert.Contains("line 2", error.Message);
        Assert.Contains("first on line 1", error.Message);
    }

    [RealDataFact("camels_us_nh_testdata")]
    public void ReadForcing_RealDaymet_HeaderAndRowMatchRawFile()
    {
        var path = Path.Combine(TestPaths.RealData("camels_us_nh_testdata"), "basin_mean_forcing", "daymet",
            "01547700_lump_cida_forcing_leap.txt");
        var forcing = CamelsUsFiles.ReadForcing(path);
        Assert.Equal(114169652, forcing.AreaSquareMetres);
        // raw row: 2001 07 15 12  52876.81  0.00  472.40  0.00  25.20  10.55  1284.16
        var columns = forcing.Rows.Layout(new DateOnly(2001, 7, 15), 1);
        Assert.Equal(52876.81f, columns["dayl(s)"][0]);
        Assert.Equal(472.40f, columns["srad(W/m2)"][0]);
        Assert.Equal(25.20f, columns["tmax(C)"][0]);
        Assert.Equal(10.55f, columns["tmin(C)"][0]);
        Assert.Equal(1284.16f, columns["vp(Pa)"][0]);
    }
}
