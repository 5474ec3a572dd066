using HydroWorkshop.Physics.Vegetation;
using Xunit;

namespace HydroWorkshop.Physics.Tests.Vegetation;

public class SoilWaterBucketTests
{
    [Fact]
    public void Step_RandomDays_WaterBalanceCloses()
    {
        var random = new Random(7);
        double storage = 80, capacity = 150, start = storage, rainSum = 0, etSum = 0, drainageSum = 0;
        for (int day = 0; day < 2000; day++)
        {
            double rain = random.NextDouble() < 0.4 ? random.NextDouble() * 40 : 0;
            double before = storage;
            var fluxes = SoilWaterBucket.Step(ref storage, capacity, rain, random.NextDouble() * 6, random.NextDouble() * 6);
            Assert.Equal(fluxes.Rain - fluxes.Evapotranspiration - fluxes.Drainage, fluxes.StorageChange, 10);
            Assert.Equal(storage - before, fluxes.StorageChange, 12);
            Assert.InRange(storage, 0, capacity);
            rainSum += rain; etSum += fluxes.Evapotranspiration; drainageSum += fluxes.Drainage;
        }
        Assert.Equal(rainSum - etSum - drainageSum, storage - start, 8);
        Assert.True(drainageSum > 0 && etSum > 0, "the series must exercise both outflows");
    }

    [Fact]
    public void Step_RainAboveCapacity_DrainsTheExcess()
    {
        double storage = 90;
        var fluxes = SoilWaterBucket.Step(ref storage, 100, 30, 0, 0);
        Assert.Equal(20, fluxes.Drainage, 12);
        Assert.Equal(100, storage, 12);
    }

    [Fact]
    public void Step_DryingBucket_EvaporatesLessAndNeverGoesNegative()
    {
        double storage = 100, previousEt = double.MaxValue;
        for (int day = 0; day < 200; day++)
        {
            var fluxes = SoilWaterBucket.Step(ref storage, 100, 0, 5, 4);
            Assert.True(fluxes.Evapotranspiration <= previousEt + 1e-12, $"day {day}: ET rose to {fluxes.Evapotranspiration}");
            previousEt = fluxes.Evapotranspiration;
            Assert.True(storage >= 0);
        }
        Assert.True(storage < 5, $"200 dry days left {storage} mm");
    }

    [Fact]
    public void StressFactor_AboveReadilyAvailable_IsOneAndFallsToZero()
    {
        Assert.Equal(1, SoilWaterBucket.StressFactor(60, 100));
        Assert.Equal(0.5, SoilWaterBucket.StressFactor(25, 100), 12);
        Assert.Equal(0, SoilWaterBucket.StressFactor(0, 100));
    }

    [Fact]
    public void Step_NegativeRain_ThrowsNamingIt()
    {
        double storage = 10;
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => SoilWaterBucket.Step(ref storage, 100, -1, 2, 1));
        Assert.Equal("rain", error.ParamName);
    }
}
