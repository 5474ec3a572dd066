using HydroWorkshop.Build;
using HydroWorkshop.Engine;
using HydroWorkshop.Tests.Build;
using Xunit;

namespace HydroWorkshop.Tests.Engine;

/// <summary>The run-time fix for hosts that did not run our build: a fixed copy in the user's cache, made once.</summary>
public sealed class LibTorchSharpResolverTests : IDisposable
{
    private readonly string cache = Directory.CreateTempSubdirectory("hw-resolver-").FullName;

    public void Dispose() => Directory.Delete(cache, recursive: true);

    [LibTorchSharpFact]
    public void FixedCopy_ShippedLibrary_CopyLoadsHereAndOriginalIsUntouched()
    {
        var original = LibTorchSharpFactAttribute.CacheLibrary;
        var before = File.ReadAllBytes(original);

        var copy = LibTorchSharpResolver.FixedCopy(original, cache);

        Assert.NotNull(copy);
        Assert.StartsWith(cache, copy, StringComparison.Ordinal);
        Assert.Empty(ElfVersionNeeds.MissingNeeds(copy));
        Assert.Equal(before, File.ReadAllBytes(original));
        var after = File.ReadAllBytes(copy);
        Assert.Equal(before.Length, after.Length);
        // Only version-need flag bytes may differ: at most one byte per need that was missing here.
        var changed = Enumerable.Range(0, before.Length).Count(i => before[i] != after[i]);
        Assert.Equal(ElfVersionNeeds.MissingNeeds(original).Count, changed);
    }

    [LibTorchSharpFact]
    public void FixedCopy_SecondCall_ReusesTheFirstCopy()
    {
        var original = LibTorchSharpFactAttribute.CacheLibrary;
        var first = LibTorchSharpResolver.FixedCopy(original, cache)!;
        var written = File.GetLastWriteTimeUtc(first);

        var second = LibTorchSharpResolver.FixedCopy(original, cache);

        Assert.Equal(first, second);
        Assert.Equal(written, File.GetLastWriteTimeUtc(first));
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(first)!));   // no temporary file left behind
    }

    [Fact]
    public void LibTorchFolder_TorchSharpInNuGetCache_FindsLibTorchPackage()
    {
        var rid = System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier;
        var torchSharpNative = Directory.CreateDirectory(Path.Combine(cache, "torchsharp", "0.107.0", "runtimes", rid, "native")).FullName;
        File.WriteAllText(Path.Combine(torchSharpNative, "libLibTorchSharp.so"), "");
        var libtorch = Directory.CreateDirectory(Path.Combine(cache, $"libtorch-cpu-{rid}", "2.10.0", "runtimes", rid, "native")).FullName;
        File.WriteAllText(Path.Combine(libtorch, "libtorch_cpu.so"), "");

        Assert.Equal(libtorch, LibTorchSharpResolver.LibTorchFolder(torchSharpNative));
    }

    [Fact]
    public void LibTorchFolder_LibTorchBeside_ThatFolder()
    {
        File.WriteAllText(Path.Combine(cache, "libtorch_cpu.so"), "");
        Assert.Equal(cache, LibTorchSharpResolver.LibTorchFolder(cache));
    }

    [Fact]
    public void CacheFolder_Always_EndsInHydroWorkshop()
    {
        Assert.Equal("hydroworkshop", Path.GetFileName(LibTorchSharpResolver.CacheFolder()));
    }
}
