using HydroWorkshop.TestSupport;
using Xunit;

namespace HydroWorkshop.Data.Tests;

public class AttributeTableTests
{
    private static AttributeTable Sample(TempFolder temp) => AttributeTable.Read(
    [
        temp.File("camels_geol.txt",
            "gauge_id;geol_1st_class;carbonate_rocks_frac\n01;Metamorphics;0.1\n02;Carbonate sedimentary rocks;0.9\n03;Metamorphics;\n"),
        temp.File("camels_topo.txt", "gauge_id;area_gages2;carbonate_rocks_frac\n01;10.5;0.5\n02;20;0.5\n"),
    ], ';');

    [Fact]
    public void Values_NumericAttributes_JoinedAcrossFilesByGaugeFirstFileWins()
    {
        using var temp = new TempFolder();
        var table = Sample(temp);
        Assert.Equal([10.5f, 0.1f, 20f, 0.9f], table.Values(["01", "02"], ["area_gages2", "carbonate_rocks_frac"]));
    }

    [Fact]
    public void Values_Categorical_RejectedWithCategoriesUnlessIndicator()
    {
        using var temp = new TempFolder();
        var table = Sample(temp);
        var error = Assert.Throws<ArgumentException>(() => table.Values(["01"], ["geol_1st_class"]));
        Assert.Contains("categorical", error.Message);
        Assert.Contains("'Metamorphics'", error.Message);
        Assert.Equal([1f, 0f], table.Values(["01", "02"], ["geol_1st_class=Metamorphics"]));
    }

    [Fact]
    public void Values_EmptyCellOrAbsentBasin_ListedNotFilled()
    {
        using var temp = new TempFolder();
        var table = Sample(temp);
        var empty = Assert.Throws<InvalidDataException>(() => table.Values(["03"], ["carbonate_rocks_frac"]));
        Assert.Contains("basin 03: attribute 'carbonate_rocks_frac' is empty", empty.Message);
        var absent = Assert.Throws<InvalidDataException>(() => table.Values(["03"], ["area_gages2"]));
        Assert.Contains("basin 03 has no row in camels_topo.txt", absent.Message);
    }

    [Fact]
    public void Values_UnknownName_SuggestsAndListsValidNames()
    {
        using var temp = new TempFolder();
        var error = Assert.Throws<KeyNotFoundException>(() => Sample(temp).Values(["01"], ["area"]));
        Assert.Contains("did you mean area_gages2", error.Message);
        Assert.Contains("geol_1st_class", error.Message);
    }

    [Fact]
    public void Read_ShortRow_NamesFileAndLine()
    {
        using var temp = new TempFolder();
        var path = temp.File("camels_x.txt", "gauge_id;a;b\n01;1;2\n02;3\n");
        var error = Assert.Throws<DataFileException>(() => AttributeTable.Read([path], ';'));
        Assert.Contains("line 3", error.Message);
        Assert.Contains("02;3", error.Message);
    }

    [RealDataFact("camels_us_nwc_sample")]
    public void Values_RealSampleWithoutBasin01022500_IsReported()
    {
        // PROVENANCE: 01022500 is in no attribute file of this sample; huc_02 was rewritten as an integer.
        var table = CamelsUs.Open(TestPaths.RealData("camels_us_nwc_sample"), ["nldas"]).Attributes;
        var error = Assert.Throws<InvalidDataException>(() => table.Values(["01022500"], ["p_mean"]));
        Assert.Contains("01022500", error.Message);
        // camels_clim.txt: 01013500;3.12667898699521;1.97155451060917;...
        Assert.Equal([3.12667898699521f, 1.97155451060917f, 1f], table.Values(["01013500"], ["p_mean", "pet_mean", "huc_02"]));
        Assert.Contains("dom_land_cover", table.CategoricalNames);
    }
}
