using HydroWorkshop.TestSupport;
using Xunit;

namespace HydroWorkshop.Data.Tests;

public class CsvBasinsTests
{
    [Fact]
    public void ReadBasin_OwnBasins_GapsAndDatesByValue()
    {
        using var temp = new TempFolder();
        temp.File("ts/b1.csv", "date,precip,flow\n2000-01-01,1.5,0.2\n2000-01-03,nan,0.4\n2000-01-02,2,\n");
        temp.File("ts/b2.csv", "date,precip,flow\n2000-01-01,0,1\n");
        var attributes = temp.File("attributes.csv", "gauge_id,area\nb1,10\nb2,20\n");
        var source = new CsvBasins(Path.Combine(temp.Path, "ts"), [attributes], "flow");
        Assert.Equal(["b1", "b2"], source.BasinIds);
        Assert.Equal(["precip", "flow"], source.VariableNames);
        var b1 = source.ReadBasin("b1");
        Assert.Equal(3, b1.Days);
        Assert.Equal([1.5f, 2f, float.NaN], b1["precip"]);
        Assert.Equal([0.2f, float.NaN, 0.4f], b1["flow"]);
        Assert.Equal([20f], source.Attributes.Values(["b2"], ["area"]));
    }

    [Fact]
    public void ReadFile_MalformedRow_NamesFileLineAndText()
    {
        using var temp = new TempFolder();
        var path = temp.File("b.csv", "date,precip\n2000-01-01,1\n2000-01-02,one\n");
        var error = Assert.Throws<DataFileException>(() => CsvBasins.ReadFile("b", path));
        Assert.Contains("line 3", error.Message);
        Assert.Contains("'2000-01-02,one'", error.Message);
        var badDate = temp.File("c.csv", "date,precip\n01/02/2000,1\n");
        Assert.Contains("not a date", Assert.Throws<DataFileException>(() => CsvBasins.ReadFile("c", badDate)).Message);
        var noDate = temp.File("d.csv", "day,precip\n");
        Assert.Contains("'date'", Assert.Throws<DataFileException>(() => CsvBasins.ReadFile("d", noDate)).Message);
    }

    [Fact]
    public void ReadBasin_UnknownBasin_ListsSome()
    {
        using var temp = new TempFolder();
        temp.File("ts/b1.csv", "date,p\n2000-01-01,1\n");
        var error = Assert.Throws<FileNotFoundException>(() => new CsvBasins(Path.Combine(temp.Path, "ts"), []).ReadBasin("b9"));
        Assert.Contains("b1", error.Message);
    }
}
