using HydroWorkshop.TestSupport;
using Xunit;

namespace HydroWorkshop.Data.Tests;

public class CamelsUsTests
{
    private const string Flat = "camels_us_nh_testdata", Huc = "camels_us_nwc_sample";

    [RealDataFact(Flat)]
    public void Open_FlatLayout_FindsFourBasinsInEveryProduct()
    {
        var root = TestPaths.RealData(Flat);
        foreach (var product in new[] { "daymet", "maurer", "maurer_extended", "nldas" })
        {
            var camels = CamelsUs.Open(root, [product]);
            Assert.Equal(["01022500", "01547700", "02064000", "03015500"], camels.BasinIds);
        }
    }

    [RealDataFact(Flat)]
    public void ReadBasin_ThreeProducts_ValuesMatchRawFilesAndDischargeInMillimetres()
    {
        var camels = CamelsUs.Open(TestPaths.RealData(Flat), ["daymet", "maurer", "nldas"]);
        var record = camels.ReadBasin("01547700");
        var day = new DateOnly(2001, 7, 15);
        // daymet: 2001 07 15 12 52876.81 0.00 472.40 0.00 25.20 10.55 1284.16
        Assert.Equal(472.40f, record.ValueOn("srad(W/m2)_daymet", day));
        Assert.Equal(10.55f, record.ValueOn("tmin(C)_daymet", day));
        // maurer: ... 0.84 395.33 0.00 18.38 18.38 1293.39 (upper-case header PRCP, same canonical name)
        Assert.Equal(0.84f, record.ValueOn("prcp(mm/day)_maurer", day));
        Assert.Equal(1293.39f, record.ValueOn("vp(Pa)_maurer", day));
        // nldas: ... 0.00 479.57 0.00 19.17 19.17 1542.42
        Assert.Equal(479.57f, record.ValueOn("srad(W/m2)_nldas", day));
        // streamflow: 01547700 2001 07 15 4.30 A; area 114169652 m2 -> 0.092146 mm/day
        Assert.Equal(0.092146, record.ValueOn(CamelsUs.Discharge, day), 5);
        Assert.Equal(114169652, record.AreaSquareMetres);
        Assert.Equal(40.98, record.Latitude!.Value, 2);   // header line 1 (the basin, not gauge_lat 41.06)
    }

    [RealDataFact(Flat)]
    public void AreaSquareMetres_Basin_IsTheForcingHeadersAreaAndNullForAnUnknownBasin()
    {
        var camels = CamelsUs.Open(TestPaths.RealData(Flat), ["maurer"]);
        Assert.Equal(587675987, camels.AreaSquareMetres("01022500"));          // header line 3 of 01022500_lump_maurer_forcing_leap.txt
        Assert.Equal(camels.ReadBasin("01022500").AreaSquareMetres, camels.AreaSquareMetres("1022500"));
        Assert.Null(camels.AreaSquareMetres("09999999"));
    }

    [RealDataFact(Flat)]
    public void ReadBasin_MaurerExtendedTabHeader_Parses()
    {
        var record = CamelsUs.Open(TestPaths.RealData(Flat), ["maurer_extended"]).ReadBasin("01022500");
        // raw: 2000 1 2 12 31302.07 4.21 198.52 0.0 4.18 -10.29 308.07
        Assert.Equal(4.21f, record.ValueOn("prcp(mm/day)", new DateOnly(2000, 1, 2)));
        Assert.Equal(-10.29f, record.ValueOn("tmin(C)", new DateOnly(2000, 1, 2)));
        Assert.Equal(1.061600, record.ValueOn(CamelsUs.Discharge, new DateOnly(2000, 1, 1)), 5);   // 255 ft3/s
    }

    [RealDataFact(Flat)]
    public void Attributes_AllSevenFiles_JoinedByGauge()
    {
        var attributes = CamelsUs.Open(TestPaths.RealData(Flat)).Attributes;
        // camels_topo.txt: 01547700;41.05951;-77.60583;353.57;43.0263;113.54;115.19
        var values = attributes.Values(["01547700", "01022500"], ["area_gages2", "elev_mean", "gauge_lat"]);
        Assert.Equal([113.54f, 353.57f, 41.05951f, 573.6f, 92.68f, 44.60797f], values);
        Assert.Equal(7, attributes.Files.Count);
        Assert.Contains("high_prec_timing", attributes.CategoricalNames);
    }

    [RealDataFact(Flat)]
    public void Open_UnknownForcing_ListsValidNames()
    {
        var error = Assert.Throws<ArgumentException>(() => CamelsUs.Open(TestPaths.RealData(Flat), ["daymt"]));
        Assert.Contains("'daymt'", error.Message);
        Assert.Contains("daymet, maurer, maurer_extended, nldas", error.Message);
    }

    [RealDataFact(Huc)]
    public void Open_HucLayout_FindsNineteenBasins()
    {
        var camels = CamelsUs.Open(TestPaths.RealData(Huc), ["nldas"]);
        Assert.Equal(19, camels.BasinIds.Count);
        Assert.EndsWith(Path.Combine("nldas", "12", "08023080_lump_nldas_forcing_leap.txt"), camels.ForcingFile("08023080", "nldas"));
    }

    [RealDataFact(Huc)]
    public void ReadBasin_MisalignedFiles_JoinedByDateNotRow()
    {
        // Forcing starts 1993-09-29, streamflow 1993-10-08: row k of one file is not row k of the other.
        var record = CamelsUs.Open(TestPaths.RealData(Huc), ["nldas"]).ReadBasin("08023080");
        Assert.Equal(new DateOnly(1993, 9, 29), record.Start);
        var day = new DateOnly(2005, 3, 10);
        // forcing: 2005 03 10 12 41817.60 0.00 465.81 0.00 10.40 10.40 810.61; flow: 08023080 2005 03 10 82.00 A; area 187693872 m2
        Assert.Equal(465.81f, record.ValueOn("srad(W/m2)", day));
        Assert.Equal(810.61f, record.ValueOn("vp(Pa)", day));
        Assert.Equal(1.068864, record.ValueOn(CamelsUs.Discharge, day), 5);
        // The first streamflow day is 0.00 ft3/s; the days before it have no observation.
        Assert.Equal(0f, record.ValueOn(CamelsUs.Discharge, new DateOnly(1993, 10, 8)));
        Assert.True(float.IsNaN(record.ValueOn(CamelsUs.Discharge, new DateOnly(1993, 10, 7))));
        Assert.Equal(515.65f, record.ValueOn("srad(W/m2)", new DateOnly(1993, 9, 29)));
    }

    [RealDataFact(Huc)]
    public void ReadBasin_MissingFlag_IsNaNAndRecordExtendsToLastFlowDay()
    {
        var record = CamelsUs.Open(TestPaths.RealData(Huc), ["nldas"]).ReadBasin("06221400");
        // Streamflow runs to 2014-12-31, forcing stops 2013-10-03: the record is their union.
        Assert.Equal(new DateOnly(2014, 12, 31), record.End);
        Assert.True(float.IsNaN(record.ValueOn(CamelsUs.Discharge, new DateOnly(2014, 10, 27))));   // -999.00 M
        Assert.True(float.IsNaN(record.ValueOn("prcp(mm/day)", new DateOnly(2014, 1, 1))));
    }

    [RealDataFact(Huc)]
    public void ReadBasin_AbsentBasin_NamesWhereItLooked()
    {
        var camels = CamelsUs.Open(TestPaths.RealData(Huc), ["nldas"]);
        var error = Assert.Throws<FileNotFoundException>(() => camels.ReadBasin("01423000"));   // listed in sample_basins.txt, hourly only
        Assert.Contains("01423000", error.Message);
        Assert.Contains("basin_mean_forcing", error.Message);
    }

    [Fact]
    public void NormaliseId_LostLeadingZero_IsRestored()
    {
        Assert.Equal("01022500", CamelsUs.NormaliseId("1022500"));
        Assert.Equal("camelsch_4001", CamelsUs.NormaliseId("camelsch_4001"));
    }

    [Fact]
    public void Open_NotACamelsFolder_SaysWhatIsMissing()
    {
        using var temp = new TempFolder();
        var error = Assert.Throws<DirectoryNotFoundException>(() => CamelsUs.Open(temp.Path));
        Assert.Contains("basin_mean_forcing", error.Message);
    }
}
