using HydroWorkshop.Data.Synthetic;
using Xunit;

namespace HydroWorkshop.Data.Tests;

public class HbvModelTests
{
    private static readonly HbvParameters Parameters = new()
    {
        ThresholdTemperature = 0, DegreeDayFactor = 3, FieldCapacity = 250, Beta = 2, EvaporationThreshold = 0.7,
        FastRecession = 0.2, UpperRecession = 0.1, LowerRecession = 0.02, Percolation = 1.5, UpperThreshold = 20, RoutingDays = 2.5,
    };

    [Fact]
    public void RoutingWeights_BaseFour_Triangle()
    {
        // CDF of a triangle on [0, 4]: 2t^2/16 up to 2, then 1 - 2(4-t)^2/16.
        Assert.Equal([0.125, 0.375, 0.375, 0.125], HbvModel.RoutingWeights(4));
        Assert.Equal(1.0, HbvModel.RoutingWeights(3.5).Sum(), 12);
    }

    [Fact]
    public void Run_AlwaysFrozen_AllPrecipitationBecomesSnowAndFlowRecedes()
    {
        var days = 200;
        var p = Enumerable.Range(0, days).Select(d => d % 3 == 0 ? 4f : 0f).ToArray();
        var cold = Enumerable.Repeat(-10f, days).ToArray();
        var result = HbvModel.Run(Parameters, p, cold, cold, new float[days]);
        for (var d = 1; d < days; d++)
        {
            Assert.Equal(result.SnowWaterEquivalent[d - 1] + p[d], result.SnowWaterEquivalent[d], 3);   // nothing melts
            Assert.True(result.Discharge[d] <= result.Discharge[d - 1] + 1e-6f);                        // only recession
        }
    }

    [Fact]
    public void Run_Warm_MeltsAndConservesWater()
    {
        var days = 3000;
        var random = new SeededRandom(5);
        var p = Enumerable.Range(0, days).Select(_ => random.NextDouble() < 0.3 ? (float)random.Gamma(0.8, 10) : 0f).ToArray();
        var warm = Enumerable.Repeat(15f, days).ToArray();
        var result = HbvModel.Run(Parameters, p, warm, warm, Enumerable.Repeat(1.5f, days).ToArray(), warmUpDays: 0);
        Assert.All(result.SnowWaterEquivalent, s => Assert.Equal(0, s));
        // Outflow cannot exceed rain plus the initial storages (soil 125, upper 5, lower 20 mm), nor be negative.
        Assert.InRange(result.Discharge.Sum(v => (double)v), 0.1 * p.Sum(), p.Sum() + 150);
    }
}
