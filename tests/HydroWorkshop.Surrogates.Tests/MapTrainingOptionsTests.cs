using Xunit;

namespace HydroWorkshop.Surrogates.Tests;

public sealed class MapTrainingOptionsTests
{
    [Fact]
    public void Validate_Defaults_Pass() => new MapTrainingOptions().Validate();

    [Fact]
    public void Validate_WindowNotLongerThanWarmup_NamesBoth()
    {
        var error = Assert.Throws<ArgumentException>(() => new MapTrainingOptions { WarmupFrames = 4, WindowFrames = 4 }.Validate());
        Assert.Contains("WindowFrames (4)", error.Message);
        Assert.Contains("WarmupFrames (4)", error.Message);
    }

    [Fact]
    public void Validate_NegativeThreshold_Throws() =>
        Assert.Throws<ArgumentException>(() => new MapTrainingOptions { WetThreshold = -0.1 }.Validate());

    [Theory]
    [InlineData(0.0, 1.0, "WetCellWeight")]
    [InlineData(1.0, -1.0, "WetPositiveWeight")]
    public void Validate_NonPositiveLossWeight_NamesIt(double wetCell, double wetPositive, string name) =>
        Assert.Contains(name,
            Assert.Throws<ArgumentException>(() => new MapTrainingOptions { WetCellWeight = wetCell,
                WetPositiveWeight = wetPositive }.Validate()).Message);

    [Theory]
    [InlineData(1, 3)]      // epochs 1-5: 2 predicted steps
    [InlineData(5, 3)]
    [InlineData(6, 5)]      // epochs 6-10: 4
    [InlineData(11, 9)]     // 8
    [InlineData(16, 17)]    // 16
    [InlineData(26, 20)]    // 64 steps, capped at the 20-frame window
    [InlineData(1000, 20)]
    public void Curriculum_DoublesEveryFiveEpochs_CappedByTheWindow(int epoch, int frames) =>
        Assert.Equal(frames,
            new RolloutCurriculum(StartSteps: 2, EpochsPerDoubling: 5).WindowFrames(epoch, warmupFrames: 1, maxFrames: 20));

    [Fact]
    public void Validate_CurriculumWithoutSteps_Throws() =>
        Assert.Contains("StartSteps",
            Assert.Throws<ArgumentException>(() => new MapTrainingOptions { Curriculum = new(0, 5) }.Validate()).Message);
}

