using HydroWorkshop.Common;
using Xunit;

namespace HydroWorkshop.Kernel.Tests;

[Collection(KernelCollection.Name)]
public class WorkshopModeTests
{
    [Theory]
    [InlineData("1", true)]
    [InlineData("true", true)]
    [InlineData(" Yes ", true)]
    [InlineData("ON", true)]
    [InlineData("0", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    [InlineData("fast", false)]
    public void IsFastValue_EnvironmentSpellings_Recognised(string? value, bool fast) =>
        Assert.Equal(fast, WorkshopMode.IsFastValue(value));

    [Fact]
    public void Pick_ForcedModes_ChooseFullOrFastAndOutputFolderSeparates()
    {
        try
        {
            WorkshopMode.Force(true);
            Assert.True(WorkshopMode.Fast);
            Assert.Equal(2, WorkshopMode.Pick(full: 20, fast: 2));
            Assert.Contains("fast mode", WorkshopMode.Describe(), StringComparison.Ordinal);
            var fastFolder = WorkshopMode.OutputFolder("runs", "01-lstm");
            WorkshopMode.Force(false);
            Assert.Equal(20, WorkshopMode.Pick(full: 20, fast: 2));
            var fullFolder = WorkshopMode.OutputFolder("runs", "01-lstm");
            Assert.EndsWith(Path.Combine("out", "runs", "01-lstm"), fullFolder, StringComparison.Ordinal);
            Assert.EndsWith(Path.Combine("out", "fast", "runs", "01-lstm"), fastFolder, StringComparison.Ordinal);
        }
        finally
        {
            WorkshopMode.Force(null);
        }
    }

    [Fact]
    public void Fast_NotForced_FollowsEnvironment()
    {
        var previous = Environment.GetEnvironmentVariable(WorkshopMode.Variable);
        try
        {
            WorkshopMode.Force(null);
            Environment.SetEnvironmentVariable(WorkshopMode.Variable, "1");
            Assert.True(WorkshopMode.Fast);
            Environment.SetEnvironmentVariable(WorkshopMode.Variable, null);
            Assert.False(WorkshopMode.Fast);
        }
        finally
        {
            Environment.SetEnvironmentVariable(WorkshopMode.Variable, previous);
        }
    }
}
