using Xunit;

namespace HydroWorkshop.Surrogates.Tests;

public sealed class FloodScoreColumnTests
{
    private static FloodScoreColumn Column(string name) => FloodScoreColumn.All.Single(c => c.Name == name);

    [Fact]
    public void All_EveryScoreOnceInTableOrder() =>
        Assert.Equal(["mae_m", "rmse_m", "wet_mae_m", "wet_rmse_m", "csi_0.05m", "csi_0.3m", "arrival_error_h", "flooded_in_one_only",
            "volume_error_last", "volume_error_largest"], FloodScoreColumn.All.Select(c => c.Name));

    [Fact]
    public void All_ValueReadsItsOwnField()
    {
        var s = new FloodEventScores("e", 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, []);
        Assert.Equal(Enumerable.Range(1, 10).Select(v => (double)v), FloodScoreColumn.All.Select(c => c.Value(s)));
    }

    [Theory]
    [InlineData("mae_m", 0.1, 0.2, true)]
    [InlineData("mae_m", 0.2, 0.2, false)]                              // a tie is no win
    [InlineData("csi_0.05m", 0.9, 0.8, true)]
    [InlineData("csi_0.05m", 0.8, 0.9, false)]
    [InlineData("volume_error_last", -0.1, 0.2, true)]                  // by magnitude
    [InlineData("volume_error_last", 0.3, -0.2, false)]
    [InlineData("mae_m", double.NaN, 0.2, false)]
    [InlineData("mae_m", 0.2, double.NaN, true)]
    public void IsBetter_Direction(string column, double a, double b, bool expected) =>
        Assert.Equal(expected, Column(column).IsBetter(a, b));

    [Fact]
    public void Worst_EachDirection_LargestErrorLowestCsiLargestMagnitudeWithSign()
    {
        FloodEventScores[] events =
        [
            FloodEventScoresTests.Uniform("a", 0.2),
            FloodEventScoresTests.Uniform("b", -0.5),
            FloodEventScoresTests.Uniform("c", double.NaN),
            FloodEventScoresTests.Uniform("d", 0.4),
        ];
        Assert.Equal(0.4, Column("mae_m").Worst(events));
        Assert.Equal(-0.5, Column("csi_0.05m").Worst(events));
        Assert.Equal(-0.5, Column("volume_error_last").Worst(events));
        Assert.True(double.IsNaN(Column("mae_m").Worst([FloodEventScoresTests.Uniform("n", double.NaN)])));
    }
}
