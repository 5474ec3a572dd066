using HydroWorkshop.Evaluation;
using Xunit;

namespace HydroWorkshop.Tests.Evaluation;

/// <summary>Metrics against values computed by hand: obs = [1, 2, 3, 4], sim = [1, 2, 3, 5] gives
/// Σ(sim − obs)² = 1, Σ(obs − 2.5)² = 5, means 2.5 and 2.75, σ_obs = √1.25, σ_sim = √2.1875,
/// cov·n = 6.5, so r = 6.5/√43.75, α = √1.75, β = 1.1.</summary>
public class MetricsTests
{
    private static readonly double[] Observed = [1, 2, 3, 4];
    private static readonly double[] Simulated = [1, 2, 3, 5];

    [Fact]
    public void Nse_HandExample_IsOneMinusOneFifth() => Assert.Equal(0.8, Metrics.Nse(Observed, Simulated), 12);

    [Fact]
    public void Nse_PerfectAndMeanPredictor_OneAndZero()
    {
        Assert.Equal(1.0, Metrics.Nse(Observed, Observed), 12);
        Assert.Equal(0.0, Metrics.Nse(Observed, [2.5, 2.5, 2.5, 2.5]), 12);
    }

    [Fact]
    public void Kge_HandExample_MatchesComponents()
    {
        var (r, alpha, beta) = Metrics.KgeComponents(Observed, Simulated);
        Assert.Equal(6.5 / Math.Sqrt(43.75), r, 12);
        Assert.Equal(Math.Sqrt(1.75), alpha, 12);
        Assert.Equal(1.1, beta, 12);
        var expected = 1 - Math.Sqrt((r - 1) * (r - 1) + (alpha - 1) * (alpha - 1) + 0.01);
        Assert.Equal(expected, Metrics.Kge(Observed, Simulated), 12);
        Assert.Equal(0.66155, Metrics.Kge(Observed, Simulated), 4);
    }

    [Fact]
    public void ErrorMeasures_HandExample_Exact()
    {
        Assert.Equal(0.5, Metrics.Rmse(Observed, Simulated), 12);
        Assert.Equal(0.25, Metrics.Mae(Observed, Simulated), 12);
        Assert.Equal(0.25, Metrics.Bias(Observed, Simulated), 12);
        Assert.Equal(10.0, Metrics.PercentBias(Observed, Simulated), 12);
        Assert.Equal(Math.Sqrt(1.75), Metrics.AlphaNse(Observed, Simulated), 12);
        Assert.Equal(0.25 / Math.Sqrt(1.25), Metrics.BetaNse(Observed, Simulated), 12);
        Assert.Equal(6.5 / Math.Sqrt(43.75), Metrics.PearsonR(Observed, Simulated), 12);
    }

    [Fact]
    public void Nse_GapsInObservations_AreSkipped()
    {
        double[] observed = [1, double.NaN, 2, 3, double.NaN, 4];
        double[] simulated = [1, 100, 2, 3, -7, 5];
        Assert.Equal(0.8, Metrics.Nse(observed, simulated), 12);
        Assert.Equal(0.5, Metrics.Rmse(observed, simulated), 12);
    }

    [Fact]
    public void Nse_ConstantObservations_IsNaN()
    {
        Assert.True(double.IsNaN(Metrics.Nse([2, 2, 2], [1, 2, 3])));
        Assert.True(double.IsNaN(Metrics.Kge([2, 2, 2], [1, 2, 3])));
    }

    [Fact]
    public void Metrics_AllMissing_AreNaN()
    {
        double[] missing = [double.NaN, double.NaN];
        Assert.True(double.IsNaN(Metrics.Nse(missing, [1, 2])));
        Assert.True(double.IsNaN(Metrics.Rmse(missing, [1, 2])));
        Assert.True(double.IsNaN(Metrics.Fhv(missing, [1, 2])));
    }

    [Fact]
    public void Nse_DifferentLengths_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => Metrics.Nse([1, 2, 3], [1, 2]));
        Assert.Contains("3", e.Message);
    }

    [Fact]
    public void Fhv_TenPercentHigher_IsTen()
    {
        var observed = Enumerable.Range(1, 100).Select(v => (double)v).ToArray();
        var simulated = observed.Select(v => v * 1.1).ToArray();
        Assert.Equal(10.0, Metrics.Fhv(observed, simulated), 9);          // top 2 %: 99 and 100
    }

    [Fact]
    public void Flv_SquaredFlows_DoubleTheLogRangeIsMinus100()
    {
        var observed = Enumerable.Range(1, 100).Select(v => 1.0 + v / 10.0).ToArray();
        Assert.Equal(0.0, Metrics.Flv(observed, observed), 6);
        Assert.Equal(0.0, Metrics.Flv(observed, observed.Select(v => 3 * v).ToArray()), 6); // scale-invariant in log space
        Assert.Equal(-100.0, Metrics.Flv(observed, observed.Select(v => v * v).ToArray()), 3);
    }

    [Fact]
    public void Fms_SquaredFlows_DoubleTheSlopeIs100()
    {
        var observed = Enumerable.Range(1, 100).Select(v => 1.0 + v / 10.0).ToArray();
        Assert.Equal(0.0, Metrics.Fms(observed, observed), 6);
        Assert.Equal(100.0, Metrics.Fms(observed, observed.Select(v => v * v).ToArray()), 3);
    }

    [Fact]
    public void PeakTiming_SimulationTwoDaysLate_IsTwo()
    {
        static double Storms(int day, int shift) =>
            1 + 10 * Math.Exp(-Math.Pow(day - 150 - shift, 2) / 20) + 8 * Math.Exp(-Math.Pow(day - 400 - shift, 2) / 20);
        var observed = Enumerable.Range(0, 600).Select(d => Storms(d, 0)).ToArray();
        var simulated = Enumerable.Range(0, 600).Select(d => Storms(d, 2)).ToArray();
        Assert.Equal(2.0, Metrics.PeakTiming(observed, simulated));
        Assert.Equal(0.0, Metrics.PeakTiming(observed, observed));
    }

    [Fact]
    public void FindPeaks_TwoStormsAndNoise_FindsTheStorms()
    {
        var values = Enumerable.Range(0, 600).Select(d => 1 + 0.01 * (d % 2) + 10 * Math.Exp(-Math.Pow(d - 150, 2) / 20) +
            8 * Math.Exp(-Math.Pow(d - 400, 2) / 20)).ToArray();
        Assert.Equal([150, 400], Metrics.FindPeaks(values, 1.0, 100));
    }

    [Fact]
    public void Median_NaNAndEvenCount_SkipsNaNAndAveragesTheMiddleTwo()
    {
        Assert.Equal(2.0, Metrics.Median([3, double.NaN, 1, 2]));
        Assert.Equal(2.5, Metrics.Median([4, 1, 2, 3]));
        Assert.True(double.IsNaN(Metrics.Median([double.NaN])));
    }
}
