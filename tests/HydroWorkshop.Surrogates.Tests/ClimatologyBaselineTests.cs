using Xunit;

namespace HydroWorkshop.Surrogates.Tests;

public sealed class ClimatologyBaselineTests
{
    private static readonly MapSequences Training = TinyMaps.Of([0, 0, 1, 0, 2, 1], [0, 0, 3, 1, 4, 3]);

    [Fact]
    public void MeanDepth_TwoEvents_PerFrameAndCellMean()
    {
        var climatology = new ClimatologyBaseline(Training);
        Assert.Equal([0f, 0, 2, 0.5f, 3, 2], climatology.MeanDepth);
        Assert.Equal(2, climatology.Events);
    }

    [Fact]
    public void Predict_AnyEvent_SameMeanFromTheFirstPredictedFrame()
    {
        var climatology = new ClimatologyBaseline(Training);
        var other = TinyMaps.Of([9, 9, 9, 9, 9, 9]);
        Assert.Equal([2f, 0.5f, 3, 2], climatology.Predict(other, 0, 1, default));
        Assert.Equal([3f, 2], climatology.Predict(Training, 1, 2, default));
    }

    [Fact]
    public void Predict_OtherFrameCount_ThrowsNamingBoth()
    {
        var longer = new MapSequences([new MapEvent("x", new float[8], [0f, 0f], [0f, 0f], new float[4], null)], 4, 1, 2, ["step"], []);
        var error = Assert.Throws<ArgumentException>(() => new ClimatologyBaseline(Training).Predict(longer, 0, 1, default));
        Assert.Contains("3 frames of 1 x 2", error.Message);
        Assert.Contains("4 of 1 x 2", error.Message);
    }
}
