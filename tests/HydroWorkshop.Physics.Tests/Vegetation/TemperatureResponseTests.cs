using HydroWorkshop.Physics.Vegetation;
using Xunit;

namespace HydroWorkshop.Physics.Tests.Vegetation;

public class TemperatureResponseTests
{
    [Fact]
    public void Beta_AtOptimum_IsOneAndZeroOutsideBaseAndMaximum()
    {
        Assert.Equal(1, TemperatureResponse.Beta(20, 5, 20, 35), 12);
        Assert.Equal(0, TemperatureResponse.Beta(5, 5, 20, 35));
        Assert.Equal(0, TemperatureResponse.Beta(-10, 5, 20, 35));
        Assert.Equal(0, TemperatureResponse.Beta(40, 5, 20, 35));
    }

    [Fact]
    public void Beta_BetweenBaseAndOptimum_RisesMonotonically()
    {
        double previous = 0;
        for (double t = 5.5; t <= 20; t += 0.5)
        {
            double value = TemperatureResponse.Beta(t, 5, 20, 35);
            Assert.True(value > previous, $"response at {t} °C ({value}) not above {previous}");
            previous = value;
        }
    }

    [Fact]
    public void Beta_OptimumNotBetween_ThrowsNamingTheTemperatures()
    {
        var error = Assert.Throws<ArgumentException>(() => TemperatureResponse.Beta(10, 20, 15, 30));
        Assert.Contains("base < optimum < maximum", error.Message);
    }

    [Fact]
    public void For_EveryClass_IsOneAtItsOptimum()
    {
        foreach (var landCover in Enum.GetValues<LandCover>())
        {
            var p = LandCoverParameters.For(landCover);
            Assert.Equal(1, TemperatureResponse.For(p, p.OptimumTemperature), 12);
        }
    }
}
