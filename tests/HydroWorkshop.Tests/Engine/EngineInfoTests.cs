using HydroWorkshop.Engine;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace HydroWorkshop.Tests.Engine;

/// <summary>Which engine runs: TorchSharp with libtorch 2.10, its build configuration, and why CUDA is unavailable.</summary>
public sealed class EngineInfoTests
{
    [Fact]
    public void EnsureLoaded_TwiceOnThisMachine_DoesNotThrow()
    {
        EngineInfo.EnsureLoaded();
        EngineInfo.EnsureLoaded();
    }

    [Fact]
    public void LoadForNotebook_NativeLibraryBesideTheTests_LoadsWithTheKitsSettingsAndReportsNothing()
    {
        var reports = new List<string>();

        var loaded = EngineInfo.LoadForNotebook(reports.Add);

        Assert.Empty(reports);
        Assert.Equal(EngineInfo.NativeLibraryFound(), loaded);
        if (loaded && OperatingSystem.IsLinux()) Assert.NotNull(MallocSettings.Applied);      // set by EnsureLoaded only
    }

    [Fact]
    public void Describe_Always_NamesTorchSharpLibtorchAndThreads()
    {
        var text = EngineInfo.Describe();
        Assert.Contains($"engine: TorchSharp {EngineInfo.TorchSharpVersion}, libtorch 2.10", text);
        Assert.StartsWith("0.107", EngineInfo.TorchSharpVersion);
        Assert.Contains($"{get_num_threads()} intra-op", text);
        Assert.Contains("cuda: ", text);
    }

    [Fact]
    public void BuildConfig_OnLinux_MentionsMklOrOneDnn()
    {
        var config = EngineInfo.BuildConfig();
        if (!OperatingSystem.IsLinux())
        {
            Assert.Null(config);
            return;
        }
        Assert.NotNull(config);
        Assert.True(config.Contains("Math Kernel Library", StringComparison.Ordinal) || config.Contains("oneDNN", StringComparison.Ordinal)
            || config.Contains("MKL-DNN", StringComparison.Ordinal), config);
        Assert.NotNull(EngineInfo.ParallelInfo());
    }

    [Fact]
    public void NativeLibraryFound_TestHost_TrueOnLinux()
    {
        // The test host carries TorchSharp's native library in its runtimes folder, as the kernel's output does.
        Assert.Equal(OperatingSystem.IsLinux(), EngineInfo.NativeLibraryFound());
    }

    [Fact]
    public void NativeLibraryPath_OnLinux_IsTheLoadedLibTorchSharp()
    {
        if (!OperatingSystem.IsLinux()) return;
        var path = EngineInfo.NativeLibraryPath();
        Assert.NotNull(path);
        Assert.True(File.Exists(path), path);
    }

    [Fact]
    public void CudaUnavailableReason_Always_AgreesWithDevicesBest()
    {
        var reason = EngineInfo.CudaUnavailableReason();
        if (reason is null) Assert.Equal(DeviceType.CUDA, Devices.Best().type);
        else
        {
            Assert.Equal(DeviceType.CPU, Devices.Best().type);
            Assert.False(string.IsNullOrWhiteSpace(reason));
            if (EngineInfo.Backend == "cpu") Assert.Contains("HwTorchBackend=cuda", reason);
        }
    }
}
