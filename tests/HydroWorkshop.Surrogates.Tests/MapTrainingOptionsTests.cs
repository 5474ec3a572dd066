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
}
