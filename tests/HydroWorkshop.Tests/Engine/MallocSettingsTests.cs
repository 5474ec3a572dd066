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
    [InlineData(null, false, false)]          // not Linux: no glibc to ask
    public void ShouldFix_Choices_FixedUnlessDefaultOrNotLinux(string? choice, bool linux, bool expected) =>
        Assert.Equal(expected, MallocSettings.ShouldFix(choice, linux));

    [LinuxFact]
    public unsafe void EnsureLoaded_Linux_BlockBelowTheThresholdComesFromTheHeap()
    {
        // A 24 MiB block: above glibc's default mmap threshold, and above any block a test here frees, which is how glibc
        // raises its dynamic threshold. With the kit's settings it comes from the heap: no new mapping.
        EngineInfo.EnsureLoaded();
        if (Environment.GetEnvironmentVariable(MallocSettings.Variable) == "default")
        {
            Assert.StartsWith("glibc's own", MallocSettings.Applied);
            return;
        }
        Assert.StartsWith("fixed", MallocSettings.Applied);
        Assert.Contains("malloc: fixed", EngineInfo.Describe(), StringComparison.Ordinal);
        var mappedBefore = mallinfo2().MappedBlocks;
        var block = NativeMemory.Alloc(24 << 20);
        try
        {
            Assert.Equal(mappedBefore, mallinfo2().MappedBlocks);
        }
        finally
        {
            NativeMemory.Free(block);
        }
    }

    /// <summary>glibc's <c>struct mallinfo2</c> (malloc.h, glibc 2.33 and later): ten size_t fields.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct MallInfo2
    {
        public nuint Arena, OrdinaryBlocks, SmallBlocks, MappedBlocks, MappedBytes, UsedSmall, FreeSmall, Used, Free, KeepCost;
    }

    [DllImport("libc", ExactSpelling = true)]
    private static extern MallInfo2 mallinfo2();
}
