using HydroWorkshop.Physics;
using Xunit;

namespace HydroWorkshop.Physics.Tests;

public class HydrographTests
{
    [Fact]
    public void At_BetweenAndBeyondPoints_InterpolatesAndHolds()
    {
        var hydrograph = new Hydrograph([0, 10, 20], [0, 2, 1]);

        Assert.Equal(0, hydrograph.At(-5));
        Assert.Equal(1, hydrograph.At(5), 12);
        Assert.Equal(2, hydrograph.At(10));
        Assert.Equal(1.5, hydrograph.At(15), 12);
        Assert.Equal(1, hydrograph.At(100));
    }

    [Fact]
    public void Constructor_DecreasingTimes_ThrowsNamingThePoint()
    {
        var error = Assert.Throws<ArgumentException>(() => new Hydrograph([0, 5, 4], [0, 1, 2]));

        Assert.Contains("point 2", error.Message);
    }

    [Fact]
    public void Constructor_NegativeDischarge_ThrowsNamingTime()
    {
        var error = Assert.Throws<ArgumentException>(() => new Hydrograph([0, 5], [0, -1]));

        Assert.Contains("t = 5 s", error.Message);
    }
}
