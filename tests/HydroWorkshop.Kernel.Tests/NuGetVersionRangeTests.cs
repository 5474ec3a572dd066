using HydroWorkshop.Kernel.Execution;
using Xunit;

namespace HydroWorkshop.Kernel.Tests;

public class NuGetVersionRangeTests
{
    [Theory]
    [InlineData("10.1.403", "10.1.403", true)]
    [InlineData("10.1.403", "11.0.101", true)]
    [InlineData("10.1.403", "10.1.300", false)]
    [InlineData("[10.1.201, 11.0.0)", "10.1.403", true)]
    [InlineData("[10.1.201, 11.0.0)", "11.0.0", false)]
    [InlineData("[10.1.201, 11.0.0)", "10.1.201", true)]
    [InlineData("(10.1.201, 11.0.0]", "10.1.201", false)]
    [InlineData("(10.1.201, 11.0.0]", "11.0.0", true)]
    [InlineData("[6.0.0]", "6.0.0", true)]
    [InlineData("[6.0.0]", "6.0.1", false)]
    [InlineData("(, 2.0]", "0.1", true)]
    [InlineData("6.*", "6.9.1", true)]
    [InlineData("6.*", "7.0.0", false)]
    [InlineData("*", "0.0.1", true)]
    [InlineData(null, "3.0", true)]
    [InlineData("1.0.0-beta.26120.1", "1.0.0", true)]
    public void Contains_NuGetRangeSpellings(string? range, string version, bool expected)
    {
        Assert.Equal(expected, NuGetVersionRange.Parse(range).Contains(NuGetVersionRange.ParseVersion(version)));
    }

    [Fact]
    public void ParseVersion_TwoAndThreeParts_Equal()
    {
        Assert.Equal(NuGetVersionRange.ParseVersion("6.0"), NuGetVersionRange.ParseVersion("6.0.0"));
        Assert.Equal("10.1.403", NuGetVersionRange.Display(NuGetVersionRange.ParseVersion("10.1.403-beta")));
    }

    [Theory]
    [InlineData("[10.1.201, 11.0.0)", "[10.1.201, 11.0.0)")]
    [InlineData("10.1.403", ">= 10.1.403")]
    [InlineData("[6.0.0]", "[6.0.0]")]
    [InlineData("", "*")]
    public void ToString_ReadableInErrors(string range, string expected)
    {
        Assert.Equal(expected, NuGetVersionRange.Parse(range).ToString());
    }
}
