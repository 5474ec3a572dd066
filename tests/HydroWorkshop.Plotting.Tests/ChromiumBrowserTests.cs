using HydroWorkshop.Plotting;
using Xunit;

namespace HydroWorkshop.Plotting.Tests;

public sealed class ChromiumBrowserTests
{
    [Fact]
    public void Launch_MissingExecutable_SaysHowToInstall()
    {
        var error = Assert.Throws<FileNotFoundException>(() => ChromiumBrowser.Launch("/nonexistent/chromium"));
        Assert.Contains("/nonexistent/chromium", error.Message);
        Assert.Contains("30-plotting.sh", error.Message);
    }

    [Fact]
    public void FindExecutable_OnThisMachine_FindsChromium() =>
        Assert.NotNull(ChromiumBrowser.FindExecutable()); // scripts/setup.d/30-plotting.sh installs it
}
