using Xunit;

namespace HydroWorkshop.Surrogates.Tests;

public sealed class PersistenceBaselineTests
{
    private static readonly MapSequences Data = TinyMaps.Of([0.01f, 0, 0.5f, 0.2f, 1, 0.6f]);

    [Fact]
    public void Predict_FromFrameOne_InitialMapRepeated() =>
        Assert.Equal([0.01f, 0, 0.01f, 0], new PersistenceBaseline().Predict(Data, 0, 1, default));

    [Fact]
    public void Predict_FromFrameTwo_LastSeenFrameRepeated() =>
        Assert.Equal([0.5f, 0.2f], new PersistenceBaseline().Predict(Data, 0, 2, default));

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public void Predict_NoSeenOrNoPredictedFrame_Throws(int firstFrame) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new PersistenceBaseline().Predict(Data, 0, firstFrame, default));

    [Fact]
    public void NameAndRole_Baseline() =>
        Assert.Equal(("persistence", FloodPredictorRole.Baseline), (new PersistenceBaseline().Name, new PersistenceBaseline().Role));
}
