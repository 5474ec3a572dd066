using HydroWorkshop.Physics.Vegetation;
using Xunit;

namespace HydroWorkshop.Physics.Tests.Vegetation;

public class LandCoverMapTests
{
    const int Rows = 10, Columns = 12;

    static LandCover[,] Lowland(int seed, double temperature = 10, double precipitation = 950) =>
        LandCoverMap.FromClimate(Fill(temperature), Fill(precipitation), Rows, Columns, seed);

    static double[] Fill(double value) => Enumerable.Repeat(value, Rows * Columns).ToArray();

    [Fact]
    public void FromClimate_SameSeed_SameMapAndDifferentSeed_DifferentMap()
    {
        Assert.Equal(Lowland(3), Lowland(3));
        Assert.NotEqual(Lowland(3), Lowland(4));
    }

    [Fact]
    public void FromClimate_ColdAndCoolCells_AreAlpineAndEvergreen()
    {
        var temperature = Fill(10);
        temperature[0] = 1; temperature[1] = 5;
        var map = LandCoverMap.FromClimate(temperature, Fill(1000), Rows, Columns, 1);
        Assert.Equal(LandCover.AlpineSparse, map[0, 0]);
        Assert.Equal(LandCover.EvergreenForest, map[0, 1]);
    }

    [Fact]
    public void FromClimate_Lowland_IsAPatchworkOfCropGrassAndForest()
    {
        var map = Lowland(11);
        var counts = Enum.GetValues<LandCover>().ToDictionary(c => c, c => map.Cast<LandCover>().Count(x => x == c));
        Assert.Equal(0, counts[LandCover.AlpineSparse]);
        Assert.Equal(0, counts[LandCover.EvergreenForest]);
        Assert.InRange(counts[LandCover.Cropland], 40, 70);     // 1 − 2 × (0.20 + 0.15 × 0.5) = 45 % of 120 = 54
        Assert.InRange(counts[LandCover.Grassland], 20, 45);
        Assert.InRange(counts[LandCover.DeciduousForest], 20, 45);
    }

    [Fact]
    public void FromClimate_WetterClimate_HasLessCropland()
    {
        int Crop(LandCover[,] map) => map.Cast<LandCover>().Count(x => x == LandCover.Cropland);
        Assert.True(Crop(Lowland(5, precipitation: 1300)) < Crop(Lowland(5, precipitation: 700)));
    }

    [Fact]
    public void FromClimate_WrongLength_ThrowsNamingTheGrid()
    {
        var error = Assert.Throws<ArgumentException>(() => LandCoverMap.FromClimate(new double[5], new double[5], Rows, Columns, 1));
        Assert.Contains("10 × 12", error.Message);
    }
}
