using Xunit;

namespace HydroWorkshop.Physics.Tests;

public class BreachInflowVolumeTests
{
    [Fact]
    public void Between_WholeFrames_TheTrapezoidalIntegral()
    {
        var inflow = new BreachInflowVolume([0, 40, 80, 20], 600);

        Assert.Equal(0.5 * (0 + 40) * 600, inflow.Between(0, 600), 9);
        Assert.Equal((20 + 60 + 50) * 600.0, inflow.Between(0, 1800), 9);
    }

    [Fact]
    public void Between_InsideAFrame_TheIntegralOfTheLinearDischarge()
    {
        // 40 -> 80 m3/s over 600 s: q(t) = 40 + t / 15; from 150 s to 450 s the mean is q(300 s) = 60 m3/s.
        var inflow = new BreachInflowVolume([0, 40, 80, 20], 600);

        Assert.Equal(60 * 300.0, inflow.Between(600 + 150, 600 + 450), 9);
    }

    [Fact]
    public void Between_PiecesOfAnInterval_AddUpToTheWhole()
    {
        var inflow = new BreachInflowVolume([5, 40, 0, 20, 20], 1800);
        double[] times = [0, 17, 999, 1800, 2000, 4321, 5400, 7200];

        var pieces = times.Zip(times.Skip(1)).Sum(p => inflow.Between(p.First, p.Second));

        Assert.Equal(inflow.Between(0, 7200), pieces, 6);
    }

    [Fact]
    public void Between_BeforeTheFirstOrAfterTheLastFrame_NoVolume()
    {
        var inflow = new BreachInflowVolume([20, 0], 600);

        Assert.Equal(0, inflow.Between(600, 900));
        Assert.Equal(0, inflow.Between(-100, 0));
        Assert.Equal(0, new BreachInflowVolume([50], 600).Between(0, 600));
    }
}
