using HydroWorkshop.Physics.Vegetation;
using Xunit;

namespace HydroWorkshop.Physics.Tests.Vegetation;

public class DisturbanceTests
{
    [Fact]
    public void Covers_RadiusOne_IsTheCentreAndItsFourNeighbours()
    {
        var storm = new Disturbance(0, 5, 5, 1, DisturbanceKind.Storm, 0.5);
        Assert.True(storm.Covers(5, 5));
        Assert.True(storm.Covers(4, 5));
        Assert.True(storm.Covers(5, 6));
        Assert.False(storm.Covers(4, 4));
        Assert.False(storm.Covers(7, 5));
    }

    [Fact]
    public void LossFor_StormAndClearCut_HitForestsHardest()
    {
        var storm = new Disturbance(0, 0, 0, 0, DisturbanceKind.Storm, 0.5);
        var cut = new Disturbance(0, 0, 0, 0, DisturbanceKind.ClearCut, 0.3);
        Assert.Equal(0.5, storm.LossFor(LandCover.EvergreenForest, 1), 12);
        Assert.Equal(0.1, storm.LossFor(LandCover.Cropland, 1), 12);
        Assert.Equal(0.3, cut.LossFor(LandCover.DeciduousForest, 1), 12);
        Assert.Equal(0, cut.LossFor(LandCover.Grassland, 1));
    }

    [Fact]
    public void LossFor_Fire_BurnsOnlyDryCells()
    {
        var fire = new Disturbance(0, 0, 0, 0, DisturbanceKind.Fire, 0.6);
        Assert.Equal(0, fire.LossFor(LandCover.Grassland, 0.9));
        Assert.Equal(0.6, fire.LossFor(LandCover.Grassland, 0.3), 12);
    }
}
