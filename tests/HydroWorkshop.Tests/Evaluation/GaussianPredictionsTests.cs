using HydroWorkshop.Evaluation;
using Xunit;

namespace HydroWorkshop.Tests.Evaluation;

public class GaussianPredictionsTests
{
    [Theory]
    [InlineData(0.95, 1.6448536269514715)]        // Python: statistics.NormalDist().inv_cdf(p)
    [InlineData(0.025, -1.9599639845400538)]
    [InlineData(0.5, 0.0)]
    [InlineData(1e-4, -3.71901648545568)]
    public void NormalQuantile_KnownProbabilities_MatchPython(double p, double expected)
    {
        Assert.Equal(expected, Metrics.NormalQuantile(p), 7);          // Acklam: relative error below 1.2e-9
    }

    [Fact]
    public void Scores_TwoDays_BandIsMeanPlusZSigmaAndCrpsIsTheClosedForm()
    {
        var basin = new GaussianPredictions("01", [new(2004, 1, 1), new(2004, 1, 2)], [1.0, 5.0], [1.0, 2.0], [0.5, 1.0]);
        Assert.Equal(1 - 1.6448536269514722 * 0.5, basin.Lower[0], 8);
        Assert.Equal(2 + 1.6448536269514722, basin.Upper[1], 8);
        var scores = basin.Scores();
        Assert.Equal(0.5, scores["Coverage"]);                                         // 5 lies above 2 + 1.645
        Assert.Equal((Metrics.CrpsGaussian(1, 1, 0.5) + Metrics.CrpsGaussian(5, 2, 1)) / 2, scores["CRPS"], 12);
        Assert.StartsWith("Date,Observed_mm_d,Predicted_mm_d,Residual_mm_d,Lower_mm_d,Upper_mm_d\n2004-01-01,1,1,0,0.177573,1.82243",
            basin.ToCsv());
    }
}
