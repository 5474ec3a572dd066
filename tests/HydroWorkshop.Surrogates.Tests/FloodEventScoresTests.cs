using Xunit;

namespace HydroWorkshop.Surrogates.Tests;

public sealed class FloodEventScoresTests
{
    internal static FloodEventScores Uniform(string name, double value, params double[] maeOverTime) =>
        new(name, value, value, value, value, value, value, value, value, value, value, maeOverTime);

    [Fact]
    public void Median_OddCount_MiddleValueOfEveryScoreAndFrame()
    {
        var median = FloodEventScores.Median([Uniform("a", 3, 1, 10), Uniform("b", 1, 2, 30), Uniform("c", 2, 3, 20)]);
        Assert.Equal("median", median.Event);
        Assert.Equal(Uniform("median", 2), median with { MaeOverTime = [] });
        Assert.Equal([2.0, 20.0], median.MaeOverTime);
    }

    [Fact]
    public void Median_EvenCountWithNaN_MeanOfTheMiddleDefinedValues()
    {
        var median = FloodEventScores.Median([Uniform("a", 4), Uniform("b", double.NaN), Uniform("c", 1), Uniform("d", 2),
            Uniform("e", 8)]);
        Assert.Equal(3.0, median.Mae);                                   // 1 2 | 4 8 → 3; NaN left out
        Assert.Equal(3.0, median.VolumeErrorLargest);
    }

    [Fact]
    public void Median_NothingDefined_NaN() =>
        Assert.True(double.IsNaN(FloodEventScores.Median([Uniform("a", double.NaN)]).Csi));

    [Fact]
    public void Median_NoEvents_Throws() => Assert.Throws<ArgumentException>(() => FloodEventScores.Median([]));

    [Fact]
    public void Median_InfiniteScore_LeftOut() =>
        Assert.Equal(2.0, FloodEventScores.Median([Uniform("a", 2), Uniform("b", double.PositiveInfinity)]).Mae);
}
