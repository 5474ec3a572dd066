using HydroWorkshop.TestSupport;
using Xunit;

namespace HydroWorkshop.Data.Tests;

public class BasinListsTests
{
    [RealDataFact("camels_us_nwc_sample")]
    public void Read_RealListsWithoutTrailingNewline_ReadsEveryId()
    {
        var root = TestPaths.RealData("camels_us_nwc_sample");
        var train = BasinLists.Read(Path.Combine(root, "train_basins.txt"));
        Assert.Equal(14, train.Count);
        Assert.Equal("01333000", train[0]);
        Assert.Equal("12010000", train[^1]);
        Assert.Equal(21, BasinLists.Read(Path.Combine(root, "sample_basins.txt")).Count);
    }

    [Fact]
    public void Read_DuplicateOrEmpty_NamesLine()
    {
        using var temp = new TempFolder();
        var duplicate = temp.File("l.txt", "01\n# comment\n02\n01\n");
        var error = Assert.Throws<DataFileException>(() => BasinLists.Read(duplicate));
        Assert.Contains("line 4", error.Message);
        Assert.Contains("first on line 1", error.Message);
        Assert.Throws<DataFileException>(() => BasinLists.Read(temp.File("e.txt", "\n\n")));
        var roundTrip = Path.Combine(temp.Path, "r.txt");
        BasinLists.Write(roundTrip, ["a", "b"]);
        Assert.Equal(["a", "b"], BasinLists.Read(roundTrip));
    }
}
