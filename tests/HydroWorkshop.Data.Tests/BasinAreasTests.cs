using HydroWorkshop.Common;
using HydroWorkshop.TestSupport;
using Xunit;

namespace HydroWorkshop.Data.Tests;

public class BasinAreasTests
{
    [Fact]
    public void SquareKilometres_CsvSourceWithAreaAttribute_ReadsTheAttributeAndLeavesOutUnknown()
    {
        using var temp = new TempFolder();
        temp.File("ts/b1.csv", "date,precip\n2000-01-01,1\n");
        temp.File("ts/b2.csv", "date,precip\n2000-01-01,1\n");
        temp.File("ts/b3.csv", "date,precip\n2000-01-01,1\n");
        var attributes = temp.File("attributes.csv", "gauge_id,area_gages2\nb1,86.4\nb2,-1\n");
        var source = new CsvBasins(Path.Combine(temp.Path, "ts"), [attributes]);

        var areas = BasinAreas.SquareKilometres(source, ["b1", "b2", "b3"]);

        Assert.Equal(86.4, areas["b1"]);
        Assert.False(areas.ContainsKey("b2"));                 // not positive
        Assert.False(areas.ContainsKey("b3"));                 // no row
    }

    [Fact]
    public void SquareKilometres_CamelsBasinWithoutAttributes_ComesFromTheForcingHeader()
    {
        using var temp = new TempFolder();
        temp.File("basin_mean_forcing/daymet/01/01031500_lump_cida_forcing_leap.txt",
            "45.2\n120.5\n 298000000\nYear Mnth Day Hr\tdayl(s)\tprcp(mm/day)\tsrad(W/m2)\tswe(mm)\ttmax(C)\ttmin(C)\tvp(Pa)\n" +
            "2000 01 01 12\t30000\t1.5\t100\t0\t2\t-5\t500\n");
        temp.File("usgs_streamflow/01/01031500_streamflow_qc.txt", "01031500 2000 01 01 100.0 A\n");
        temp.File("camels_attributes_v2.0/camels_topo.txt", "gauge_id;area_gages2\n01013500;2252.7\n");
        var camels = CamelsUs.Open(temp.Path);

        var areas = BasinAreas.SquareKilometres(camels, ["01031500"]);

        Assert.Equal(298.0, areas["01031500"], 9);
    }

    [RealDataFact("camels_us_nh_testdata")]
    public void SquareKilometres_CamelsBasin_IsTheAreaDischargeWasConvertedWith()
    {
        // 01022500: header 587675987 m² (area_gages2 573.6 km²); with it, mm/day back to m³/s is the gauge's ft³/s.
        var camels = CamelsUs.Open(TestPaths.RealData("camels_us_nh_testdata"), ["daymet"]);
        var area = BasinAreas.SquareKilometres(camels, ["01022500"])["01022500"];
        Assert.Equal(587.675987, area, 6);
        // usgs_streamflow: 01022500 2000 01 01   255.00 A:e (ft³/s)
        var depth = camels.ReadBasin("01022500").ValueOn(CamelsUs.Discharge, new DateOnly(2000, 1, 1));       // mm/day
        Assert.Equal(255.00 * DischargeUnits.CubicFootInCubicMetres, depth * area * 1000.0 / 86400.0, 3);
    }
}
