using HydroWorkshop.Physics.Vegetation;
using Xunit;

namespace HydroWorkshop.Physics.Tests.Vegetation;

public class HargreavesEvapotranspirationTests
{
    [Fact]
    public void Reference_HandComputedCase_Matches()
    {
        // 0.0023 × (20 + 17.8) × √9 × 0.408 × 40 = 4.2567 mm/day.
        Assert.Equal(4.2567, HargreavesEvapotranspiration.Reference(20, 40, 9), 3);
    }

    [Fact]
    public void Reference_BelowMinus17Point8_IsZero()
    {
        Assert.Equal(0, HargreavesEvapotranspiration.Reference(-25, 10, 8));
    }

    [Fact]
    public void FromDailyMean_RainyDay_IsBelowDryDay()
    {
        double dry = HargreavesEvapotranspiration.FromDailyMean(18, 40, 0);
        double wet = HargreavesEvapotranspiration.FromDailyMean(18, 40, 10);
        Assert.Equal(HargreavesEvapotranspiration.Reference(18, 40, HargreavesEvapotranspiration.DryDayTemperatureRange), dry, 12);
        Assert.True(wet < dry);
    }

    [Fact]
    public void Reference_NegativeRange_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => HargreavesEvapotranspiration.Reference(10, 20, -1));
    }
}
