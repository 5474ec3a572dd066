using System.Runtime.InteropServices;
using System.Text;
using HydroWorkshop.Engine;
using Xunit;
using static TorchSharp.torch;

namespace HydroWorkshop.Tests.Engine;

// Beside the oneDNN guard's tests, not in parallel with others: these switch NNPACK and redirect the process's stderr.
[Collection(nameof(OneDnnGuardTests))]
public class NnpackSwitchTests
{
    [Theory]
    [InlineData(null, true, true)]
    [InlineData("", true, true)]
    [InlineData("1", true, false)]         // the user leaves NNPACK on
    [InlineData(null, false, false)]       // oneDNN off (HW_ONEDNN=0): NNPACK may be the fast path for big batches
    [InlineData(null, null, false)]        // libtorch's context cannot be asked (not Linux)
    public void ShouldSwitchOff_Choices_OffWhileOneDnnOnUnlessLeftOn(string? choice, bool? oneDnnEnabled, bool expected) =>
        Assert.Equal(expected, NnpackSwitch.ShouldSwitchOff(choice, oneDnnEnabled));

    [Fact]
    public void EnsureLoaded_ThisProcess_NnpackAsDecided()
    {
        EngineInfo.EnsureLoaded();
        if (!OperatingSystem.IsLinux()) return;                                    // libtorch's context is asked on Linux only
        var choice = Environment.GetEnvironmentVariable(NnpackSwitch.Variable);
        var off = NnpackSwitch.ShouldSwitchOff(choice == "1" ? "1" : null, OneDnnGuard.Enabled());
        Assert.Equal(!off, NnpackSwitch.Enabled());
        Assert.Equal(off, NnpackSwitch.Applied?.Contains("switched off", StringComparison.Ordinal) ?? false);
        Assert.DoesNotContain(EngineStartup.Failures, f => f.StartsWith(nameof(NnpackSwitch), StringComparison.Ordinal));
        Assert.Contains("NNPACK: " + (off ? "off" : "on"), EngineInfo.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void SmallInferenceConvolution_NnpackOff_PrintsNoNnpackWarning()
    {
        // Batch 1 and a small map (1,024 values): oneDNN declines it ("native is faster") and libtorch asks NNPACK next;
        // on an AMD EPYC VM every such call printed "Could not initialize NNPACK! Reason: Unsupported hardware." with
        // NNPACK on.
        EngineInfo.EnsureLoaded();
        if (!OperatingSystem.IsLinux()) return;
        var before = NnpackSwitch.Enabled()!.Value;
        try
        {
            Assert.True(NnpackSwitch.SetEnabled(false));
            var off = NativeStderrOf(RunSmallConvolutions);
            Assert.Contains(Marker, off);                                          // the capture works
            Assert.DoesNotContain("NNPACK", off);
            // With NNPACK on, the same calls print the warning on a processor NNPACK does not support; elsewhere nothing.
            Assert.True(NnpackSwitch.SetEnabled(true));
            var on = NativeStderrOf(RunSmallConvolutions);
            Assert.Contains(Marker, on);
            var warned = on.Contains("Could not initialize NNPACK", StringComparison.Ordinal);
            Assert.True(warned || !on.Contains("NNPACK", StringComparison.Ordinal), on);
        }
        finally
        {
            NnpackSwitch.SetEnabled(before);
        }
    }

    private const string Marker = "nnpack-test-marker";

    private static void RunSmallConvolutions()
    {
        manual_seed(3);
        using var convolution = nn.Conv2d(4, 4, 3, padding: 1);
        using var noGrad = no_grad();
        for (var k = 0; k < 5; k++)
        {
            using var scope = NewDisposeScope();
            var y = convolution.forward(randn(1, 4, 16, 16));
            Assert.True(y.isfinite().all().item<bool>());
        }
    }

    // What native code writes to file descriptor 2 while `action` runs (libtorch logs there, not to Console.Error).
    private static string NativeStderrOf(Action action)
    {
        var path = Path.GetTempFileName();
        try
        {
            var saved = dup(2);
            Assert.True(saved >= 0);
            try
            {
                using (var file = File.OpenHandle(path, FileMode.Create, FileAccess.Write))
                {
                    Assert.True(dup2((int)file.DangerousGetHandle(), 2) >= 0);
                }
                action();
                var marker = Encoding.ASCII.GetBytes(Marker + "\n");
                _ = write(2, marker, marker.Length);
            }
            finally
            {
                dup2(saved, 2);
                close(saved);
            }
            return File.ReadAllText(path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int dup(int fd);

    [DllImport("libc", SetLastError = true)]
    private static extern int dup2(int fd, int fd2);

    [DllImport("libc", SetLastError = true)]
    private static extern int close(int fd);

    [DllImport("libc", SetLastError = true)]
    private static extern nint write(int fd, byte[] buffer, nint count);
}
