using System.Runtime.InteropServices;
using HydroWorkshop.Engine;
using HydroWorkshop.Tests.Build;
using Xunit;

namespace HydroWorkshop.Tests.Engine;

public class MallocSettingsTests
{
    [Theory]
    [InlineData(null, true, true)]
    [InlineData("", true, true)]
    [InlineData("fast", true, true)]          // not a choice: reported and ignored
    [InlineData("default", true, false)]      // the user keeps glibc's own thresholds
    [InlineData(" Default ", true, false)]
    [InlineData(null, false, false)]          // not Linux: no glibc to ask
    public void ShouldFix_Choices_FixedUnlessDefaultOrNotLinux(string? choice, bool linux, bool expected) =>
        Assert.Equal(expected, MallocSettings.ShouldFix(choice, linux));

    [Theory]
    [InlineData("MALLOC_MMAP_THRESHOLD_", "65536", "MALLOC_MMAP_THRESHOLD_")]
    [InlineData("MALLOC_TRIM_THRESHOLD_", "0", "MALLOC_TRIM_THRESHOLD_")]
    [InlineData("GLIBC_TUNABLES", "glibc.malloc.arena_max=2", "GLIBC_TUNABLES")]
    [InlineData("GLIBC_TUNABLES", "glibc.cpu.hwcaps=-AVX512F", null)]   // tunables, but none of malloc's
    [InlineData("OTHER", "1", null)]
    public void UserSettings_Environment_NamesTheUsersMallocSetting(string name, string value, string? expected) =>
        Assert.Equal(expected, MallocSettings.UserSettings(n => n == name ? value : null));

    [LinuxFact]
    public unsafe void EnsureLoaded_Linux_BlockBelowTheThresholdComesFromTheHeap()
    {
        // A 31 MiB block: above glibc's default mmap threshold (128 KiB, raised only to the size of a mapped block freed
        // before, at most 32 MiB). With the kit's settings it comes from the heap, which glibc marks in the chunk's header
        // (the size word before the block; bit 2 is IS_MMAPPED): per block, so tests running beside this one do not matter.
        EngineInfo.EnsureLoaded();
        if (!MallocSettings.ShouldFix(Environment.GetEnvironmentVariable(MallocSettings.Variable), linux: true))
        {
            Assert.StartsWith("glibc's own", MallocSettings.Applied);
            return;
        }
        if (MallocSettings.UserSettings(Environment.GetEnvironmentVariable) is { } user)
        {
            Assert.StartsWith($"the user's own ({user}", MallocSettings.Applied);
            return;
        }
        Assert.StartsWith("fixed", MallocSettings.Applied);
        Assert.Contains("malloc: fixed", EngineInfo.Describe(), StringComparison.Ordinal);
        var block = NativeMemory.Alloc(31 << 20);
        try
        {
            Assert.Equal(0u, ((nuint*)block)[-1] & 2);
        }
        finally
        {
            NativeMemory.Free(block);
        }
    }
}
