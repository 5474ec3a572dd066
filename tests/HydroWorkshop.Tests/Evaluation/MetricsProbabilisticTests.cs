using HydroWorkshop.Evaluation;
using Xunit;

namespace HydroWorkshop.Tests.Evaluation;

public class MetricsProbabilisticTests
{
    [Fact]
    public void Crps_ThreeMembers_MatchesHandComputedValue()
    {
        // y = 3, members 1, 2, 4: E|X − y| = (2 + 1 + 1)/3 = 4/3; E|X − X'| = (2·(1 + 3 + 2))/9 = 4/3; CRPS = 4/3 − 2/3 = 2/3.
        Assert.Equal(2.0 / 3.0, Metrics.Crps(3, [4, 1, 2]), 12);
    }

    [Fact]
    public void Crps_OneMember_IsTheAbsoluteError()
    {
        Assert.Equal(2.5, Metrics.Crps(1, [3.5]), 12);
    }

    [Fact]
    public void Crps_NaNObservationOrMembers_AreLeftOutOrNaN()
    {
        Assert.True(double.IsNaN(Metrics.Crps(double.NaN, [1, 2])));
        Assert.True(double.IsNaN(Metrics.Crps(1, [double.NaN])));
        Assert.Equal(Metrics.Crps(3, [1, 2, 4]), Metrics.Crps(3, [1, double.NaN, 2, 4]), 12);
    }

    [Fact]
    public void CrpsGaussian_StandardNormalAtItsMean_Is2PhiOf0MinusOneOverRootPi()
    {
        // 2φ(0) − 1/√π = √(2/π) − 1/√π = 0.2336949772...
        Assert.Equal(Math.Sqrt(2 / Math.PI) - 1 / Math.Sqrt(Math.PI), Metrics.CrpsGaussian(0, 0, 1), 7);
    }

    [Theory]
    [InlineData(2.0, 1.0, 2.0)]
    [InlineData(-3.0, 0.5, 1.5)]
    public void Crps_LargeGaussianEnsemble_ApproachesTheClosedForm(double observed, double mean, double sigma)
    {
        // 200 000 Box–Muller draws: the ensemble estimator's bias is O(σ/m) and its sampling error ~0.1 %.
        var random = new Random(17);
        var members = new double[200_000];
        for (var i = 0; i < members.Length; i += 2)
        {
            var radius = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble()));
            var angle = 2 * Math.PI * random.NextDouble();
            members[i] = mean + sigma * radius * Math.Cos(angle);
            members[i + 1] = mean + sigma * radius * Math.Sin(angle);
        }
        var expected = Metrics.CrpsGaussian(observed, mean, sigma);
        Assert.InRange(Metrics.Crps(observed, members), expected * 0.99, expected * 1.01);
    }

    [Fact]
    public void MeanCrps_Series_AveragesStepsWithObservations()
    {
        double[][] members = [[1, 0, 5], [2, 0, 5], [4, 0, 5]];                  // [member][time]
        var expected = (Metrics.Crps(3, [1, 2, 4]) + Metrics.Crps(1, [0, 0, 0])) / 2;
        Assert.Equal(expected, Metrics.MeanCrps([3, 1, double.NaN], members), 12);
    }

    [Fact]
    public void IntervalCoverage_MixedSteps_CountsObservationsInsideTheBand()
    {
        // inside: 1 in [0, 2], 3 in [2, 4]; outside: 2 below 2.5, 5 above 4; the NaN step is skipped.
        Assert.Equal(0.5, Metrics.IntervalCoverage([1, 2, 3, double.NaN, 5], [0, 2.5, 2, 0, 0], [2, 3, 4, 1, 4]), 12);
    }

    [Fact]
    public void IntervalCoverage_AllMissing_IsNaN()
    {
        Assert.True(double.IsNaN(Metrics.IntervalCoverage([double.NaN], [0], [1])));
    }

    [Fact]
    public void Quantile_FourValues_InterpolatesAsNumpy()
    {
        // numpy.quantile([1, 2, 3, 4], [0.05, 0.5, 0.95]) = [1.15, 2.5, 3.85]
        Assert.Equal(1.15, Metrics.Quantile([1, 2, 3, 4], 0.05), 12);
        Assert.Equal(2.5, Metrics.Quantile([1, 2, 3, 4], 0.5), 12);
        Assert.Equal(3.85, Metrics.Quantile([1, 2, 3, 4], 0.95), 12);
    }
}
