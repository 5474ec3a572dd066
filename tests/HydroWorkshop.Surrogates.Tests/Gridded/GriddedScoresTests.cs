using HydroWorkshop.Data;
using HydroWorkshop.Surrogates.Gridded;
using Xunit;

namespace HydroWorkshop.Surrogates.Tests.Gridded;

public sealed class GriddedScoresTests
{
    private static readonly DateOnly[] Dates = [new(2009, 1, 1), new(2009, 1, 2), new(2009, 1, 3), new(2009, 1, 4)];

    /// <summary>Three cells: a perfect one (NSE 1), one predicting its mean (NSE 0), one off land (no target).</summary>
    private static GriddedScores Scores() => new("test", new Period(Dates[0], Dates[^1]),
        new GriddedPrediction(["cell_0_0", "cell_0_1", "cell_0_2"], Dates,
            [[1, 2, 3, 4], [2, 4, 6, 8], [double.NaN, double.NaN, double.NaN, double.NaN]],
            [[1, 2, 3, 4], [5, 5, 5, 5], [0, 0, 0, 0]]),
        ["Cropland", "Grassland", ""], "out")
    {
        Baselines = new Dictionary<string, double> { ["class climatology"] = 0.25 },
    };

    [Fact]
    public void MedianNse_CellsByLandCover_EachGroupAndAllLandCells()
    {
        var scores = Scores();
        Assert.Equal(1.0, scores.MedianNse("Cropland"), 12);
        Assert.Equal(0.0, scores.MedianNse("Grassland"), 12);
        Assert.Equal(0.5, scores.MedianNse(), 12);                                       // every land cell, off-land left out
        Assert.True(double.IsNaN(scores.Nse[2]));
    }

    [Fact]
    public void Summary_WithBaselines_PrintsThemBelowTheModelsScores()
    {
        var lines = Scores().Summary().Split('\n');
        var all = Array.FindIndex(lines, l => l.Contains("all land cells"));
        var baseline = Array.FindIndex(lines, l => l.Contains("baseline: class climatology median NSE 0.250"));
        Assert.True(all > 0 && baseline > all, string.Join("\n", lines));
        Assert.Contains(lines, l => l.Contains("Grassland") && l.Contains("0.000 over 1 cells"));
    }
}
