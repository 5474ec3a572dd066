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
    [InlineData(null, null, true)]
    [InlineData("", "", true)]
    [InlineData("0", null, true)]
    [InlineData(null, "1", true)]          // oneDNN left alone: still on, still first
    [InlineData("1", null, false)]         // the user leaves NNPACK on
    [InlineData(null, "0", false)]         // oneDNN off: NNPACK may be the fast path for big batches
    public void ShouldSwitchOff_Choices_OffUnlessLeftOnOrOneDnnOff(string? choice, string? oneDnnChoice, bool expected) =>
        Assert.Equal(expected, NnpackSwitch.ShouldSwitchOff(choice, oneDnnChoice));

    [Fact]
    public void Register_ThisProcess_NnpackAsDecided()
    {
        if (!OperatingSystem.IsLinux()) return;                                    // libtorch's context is asked on Linux only
        var off = NnpackSwitch.ShouldSwitchOff(Environment.GetEnvironmentVariable(NnpackSwitch.Variable),
            Environment.GetEnvironmentVariable(OneDnnGuard.Variable));
        Assert.Equal(!off, NnpackSwitch.Enabled());
        Assert.Equal(off, NnpackSwitch.Applied is not null);
        Assert.DoesNotContain(EngineStartup.Failures, f => f.StartsWith(nameof(NnpackSwitch), StringComparison.Ordinal));
    }

    [Fact]
    public void SmallInferenceConvolution_NnpackOff_PrintsNoNnpackWarning()
    {
        // Batch 1, 3 x 3, a small map, one thread, no gradient: oneDNN declines it ("native is faster") and libtorch asks
        // NNPACK next; on an AMD EPYC VM every such call printed "Could not initialize NNPACK! Reason: Unsupported
        // hardware." with NNPACK on.
        if (!OperatingSystem.IsLinux()) return;
        var before = NnpackSwitch.Enabled()!.Value;
        var threads = get_num_threads();
        try
        {
            set_num_threads(1);
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
            set_num_threads(threads);
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
        var text = File.ReadAllText(path);
        File.Delete(path);
        return text;
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
