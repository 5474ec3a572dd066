using HydroWorkshop.Evaluation;
using Xunit;

namespace HydroWorkshop.Tests.Evaluation;

public class EnsembleEvaluationTests
{
    private static readonly DateOnly[] Dates = [new(2004, 1, 1), new(2004, 1, 2)];

    private static BasinPredictions Member(double a, double b) => new("01", Dates, [1.0, 2.0], [a, b]);

    [Fact]
    public void Combine_ThreeMembers_MeanBandCoverageAndCrps()
    {
        var ensemble = EnsembleEvaluation.Combine([[Member(0, 2)], [Member(1, 4)], [Member(2, 6)]], 0.05, 0.95).Single();
        Assert.Equal([1.0, 4.0], ensemble.Mean);
        Assert.Equal([0.1, 2.2], ensemble.Lower.Select(v => Math.Round(v, 12)));
        Assert.Equal([1.9, 5.8], ensemble.Upper.Select(v => Math.Round(v, 12)));
        var scores = ensemble.Scores();
        Assert.Equal(0.5, scores["Coverage"]);                                   // 1 in [0.1, 1.9]; 2 below 2.2
        Assert.Equal((Metrics.Crps(1, [0, 1, 2]) + Metrics.Crps(2, [2, 4, 6])) / 2, scores["CRPS"], 12);
    }

    [Fact]
    public void ToCsv_WithArea_HasLowerUpperAndCubicMetreColumns()
    {
        var ensemble = EnsembleEvaluation.Combine([[Member(0, 2)], [Member(2, 6)]]).Single();
        var lines = ensemble.ToCsv(areaSquareKilometres: 86.4).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(
            "Date,Observed_mm_d,Predicted_mm_d,Residual_mm_d,Lower_mm_d,Upper_mm_d,Observed_m3s,Predicted_m3s,Residual_m3s,Lower_m3s,Upper_m3s", lines[0]);
        Assert.StartsWith("2004-01-01,1,1,0,0.1,1.9,1,1,0,0.1,1.9", lines[1]);        // 1 mm/day over 86.4 km² = 1 m³/s
        Assert.Equal("Date,Predicted_mm_d,Lower_mm_d,Upper_mm_d", ensemble.ToCsv(withObserved: false).Split('\n')[0]);
    }

    [Fact]
    public void Combine_MembersOnOtherDates_SaysWhichMemberAndBasin()
    {
        var other = new BasinPredictions("01", [new(2005, 1, 1), new(2005, 1, 2)], [1.0, 2.0], [0, 0]);
        var e = Assert.Throws<InvalidOperationException>(() => EnsembleEvaluation.Combine([[Member(0, 2)], [other]]));
        Assert.Contains("member 2", e.Message);
        Assert.Contains("basin 01", e.Message);
    }
}
