using HydroWorkshop.Physics.Vegetation;
using Xunit;

namespace HydroWorkshop.Physics.Tests.Vegetation;

public class LandCoverParametersTests
{
    [Fact]
    public void For_EveryClass_HasPlausibleConsistentValues()
    {
        foreach (var landCover in Enum.GetValues<LandCover>())
        {
            var p = LandCoverParameters.For(landCover);
            Assert.Equal(landCover, p.Class);
            Assert.InRange(p.MinimumLai, 0, p.MaximumLai);
            Assert.InRange(p.MaximumLai, 0.5, 6);
            Assert.True(p.BaseTemperature < p.OptimumTemperature && p.OptimumTemperature < p.MaximumTemperature,
                $"{landCover}: temperatures out of order");
            Assert.InRange(p.SoilWaterCapacity, 20, 400);
            Assert.InRange(p.DroughtLaiFraction, 0, 1);
            Assert.InRange(p.GrowthRate, 0.01, 0.5);
            Assert.InRange(p.SenescenceRate, 0.001, 0.5);
            Assert.True(p.RecoveryDays >= 1);
        }
    }

    [Fact]
    public void For_Evergreen_KeepsMoreWinterLaiThanDeciduous()
    {
        Assert.True(LandCoverParameters.EvergreenForest.Evergreen);
        Assert.False(LandCoverParameters.DeciduousForest.Evergreen);
        Assert.True(LandCoverParameters.EvergreenForest.MinimumLai > 3 * LandCoverParameters.DeciduousForest.MinimumLai);
    }

    [Fact]
    public void For_UndefinedClass_Throws()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => LandCoverParameters.For((LandCover)99));
        Assert.Equal("landCover", error.ParamName);
    }
}
