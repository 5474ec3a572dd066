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
        Assert.Contains(name, Assert.Throws<ArgumentException>(() => new MapTrainingOptions { WetCellWeight = wetCell, WetPositiveWeight = wetPositive }.Validate()).Message);
}
