using System.Runtime.CompilerServices;
using System.Runtime.Versioning;
using System.Text;
using HydroWorkshop.Build;
using HydroWorkshop.TestSupport;
using Xunit;

namespace HydroWorkshop.Tests.Build;

/// <summary>The ELF version reader and the weak-flag patch behind lib/build/LibTorchSharp.targets
/// (docs/articles/engine.md, "Old libstdc++"), run on TorchSharp's own libLibTorchSharp.so: copies of it in temp
/// folders, never the cache's file. The skip attributes set Skip in their constructors, so the file compiles under
/// xunit 2 and xunit v3 alike.</summary>
public sealed class LibTorchSharpCompatTests
{
    private const string LibStdCxx = "libstdc++.so.6";
    private const string IosBaseLibraryInitVersion = "GLIBCXX_3.4.32";   // GCC 13; Debian 12's libstdc++ stops at 3.4.30

    [LibTorchSharpFact]
    public void ReadNeeds_TorchSharpLibrary_ListsGlibcxx3432FromLibStdCxx()
    {
        var needs = ElfVersionNeeds.ReadNeeds(LibTorchSharpFactAttribute.CacheLibrary);

        var need = Assert.Single(needs, n => n.Version == IosBaseLibraryInitVersion);
        Assert.Equal(LibStdCxx, need.File);
        Assert.False(need.IsWeak);
        Assert.Contains(needs, n => n.File == "libc.so.6" && n.Version == "GLIBC_2.2.5");
        Assert.All(needs, n => Assert.InRange(n.FlagsOffset, 64, new FileInfo(LibTorchSharpFactAttribute.CacheLibrary).Length - 2));
    }

    [LinuxFact]
    public void ReadDefinitions_SystemLibStdCxx_DefinesGlibcxx34()
    {
        var path = ElfVersionNeeds.FindSystemLibrary(LibStdCxx);
        Assert.NotNull(path);

        var definitions = ElfVersionNeeds.ReadDefinitions(path);

        Assert.NotEmpty(definitions);
        Assert.Contains("GLIBCXX_3.4", definitions);
        Assert.Contains("CXXABI_1.3", definitions);
        Assert.DoesNotContain(LibStdCxx, definitions);   // the base definition only names the file
    }

    [LibTorchSharpFact]
    public void RelocatedSymbols_IosBaseLibraryInitNeed_NoneSoWeakIsSafe()
    {
        var needs = ElfVersionNeeds.ReadNeeds(LibTorchSharpFactAttribute.CacheLibrary);

        Assert.Empty(ElfVersionNeeds.RelocatedSymbols(LibTorchSharpFactAttribute.CacheLibrary,
            needs.Single(n => n.Version == IosBaseLibraryInitVersion)));
        // The check does see real bindings: condition_variable::wait is called through the PLT.
        Assert.Contains("_ZNSt18condition_variable4waitERSt11unique_lockISt5mutexE",
            ElfVersionNeeds.RelocatedSymbols(LibTorchSharpFactAttribute.CacheLibrary, needs.Single(n => n.Version == "GLIBCXX_3.4.30")));
    }

    [LibTorchSharpFact]
    [SupportedOSPlatform("linux")]
    public void Apply_CopyOfTorchSharpLibrary_MarksOnlyWhatTheSystemLacksAndIsIdempotent()
    {
        using var folder = new TempFolder();
        var copy = Path.Combine(folder.Path, "libLibTorchSharp.so");
        File.Copy(LibTorchSharpFactAttribute.CacheLibrary, copy);
        var before = File.ReadAllBytes(copy);
        var mode = File.GetUnixFileMode(copy);
        var need = ElfVersionNeeds.ReadNeeds(copy).Single(n => n.Version == IosBaseLibraryInitVersion);
        var systemLacksIt = !ElfVersionNeeds.ReadDefinitions(ElfVersionNeeds.FindSystemLibrary(LibStdCxx)!)
            .Contains(IosBaseLibraryInitVersion);
        var lines = new List<string>();

        var first = CompatPatch.Apply(copy, lines.Add);

        var after = File.ReadAllBytes(copy);
        Assert.Empty(first.Unfixable);
        Assert.Equal(systemLacksIt, first.Changed);
        Assert.Equal(systemLacksIt, ElfVersionNeeds.ReadNeeds(copy).Single(n => n.Version == IosBaseLibraryInitVersion).IsWeak);
        Assert.Equal(systemLacksIt ? new[] { need.FlagsOffset } : Array.Empty<long>(), ChangedOffsets(before, after));
        if (systemLacksIt)
        {
            Assert.Equal((byte)(before[need.FlagsOffset] | ElfVersionNeeds.WeakFlag), after[need.FlagsOffset]);
            Assert.Equal(IosBaseLibraryInitVersion, Assert.Single(first.Patched).Version);
            Assert.Equal(ElfVersionNeeds.FindSystemLibrary(LibStdCxx), first.SystemLibraries[LibStdCxx]);
        }
        Assert.DoesNotContain(ElfVersionNeeds.MissingNeeds(copy), n => n.File == LibStdCxx);
        Assert.Equal(mode, File.GetUnixFileMode(copy));
        Assert.Equal(new[] { copy }, Directory.GetFiles(folder.Path));                  // no temporary file left behind
        Assert.NotEmpty(lines);

        var written = File.GetLastWriteTimeUtc(copy);
        var second = CompatPatch.Apply(copy, _ => { });

        Assert.False(second.Changed);
        Assert.Equal(systemLacksIt ? 1 : 0, second.AlreadyWeak.Count);
        Assert.Equal(after, File.ReadAllBytes(copy));
        Assert.Equal(written, File.GetLastWriteTimeUtc(copy));                   // not even rewritten
    }

    [LibTorchSharpFact]
    public void Apply_LibcVersionTheSystemLacks_WritesNothingAndReportsIt()
    {
        using var folder = new TempFolder();
        var copy = Path.Combine(folder.Path, "libLibTorchSharp.so");
        var bytes = File.ReadAllBytes(LibTorchSharpFactAttribute.CacheLibrary);
        // Rename the GLIBC_2.34 need in .dynstr to a version no glibc defines: a need the weak flag must not hide.
        var at = IndexOf(bytes, Encoding.ASCII.GetBytes("\0GLIBC_2.34\0")) + 1;
        Assert.True(at > 0);
        Encoding.ASCII.GetBytes("GLIBC_9.99").CopyTo(bytes, at);
        File.WriteAllBytes(copy, bytes);

        var result = CompatPatch.Apply(copy, _ => { });

        Assert.False(result.Changed);
        Assert.Contains(result.Unfixable, u => u.Need.File == "libc.so.6" && u.Need.Version == "GLIBC_9.99");
        Assert.DoesNotContain(result.Unfixable, u => u.Need.File == LibStdCxx);   // fixable, so at most left alone
        Assert.All(result.LeftAlone, n => Assert.Equal(LibStdCxx, n.File));
        Assert.Equal(bytes, File.ReadAllBytes(copy));
        Assert.Contains(ElfVersionNeeds.MissingNeeds(copy), n => n.Version == "GLIBC_9.99");
    }

    [Fact]
    public void Apply_PathInsideNuGetPackages_Throws()
    {
        using var folder = new TempFolder();
        var library = Path.Combine(folder.Path, ".nuget", "packages", "torchsharp", "0.107.0", "libLibTorchSharp.so");
        Directory.CreateDirectory(Path.GetDirectoryName(library)!);
        File.WriteAllBytes(library, [0x7f, (byte)'E', (byte)'L', (byte)'F']);

        var error = Assert.Throws<ArgumentException>(() => CompatPatch.Apply(library, _ => { }));

        Assert.Contains("NuGet packages folder", error.Message);
        Assert.Equal(new byte[] { 0x7f, (byte)'E', (byte)'L', (byte)'F' }, File.ReadAllBytes(library));
    }

    [LibTorchSharpFact]
    public void Apply_NuGetCacheFile_ThrowsAndLeavesItUnchanged()
    {
        var hash =
            Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(LibTorchSharpFactAttribute.CacheLibrary)));

        Assert.Throws<ArgumentException>(() => CompatPatch.Apply(LibTorchSharpFactAttribute.CacheLibrary, _ => { }));

        Assert.Equal(hash,
            Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(LibTorchSharpFactAttribute.CacheLibrary))));
    }

    [Fact]
    public void ReadNeeds_NotAnElfFile_ThrowsInvalidData()
    {
        using var folder = new TempFolder();
        var path = folder.File("libfake.so", "INPUT ( /lib/x86_64-linux-gnu/libfake.so.1 )\n");

        Assert.Throws<InvalidDataException>(() => ElfVersionNeeds.ReadNeeds(path));
    }

    private static long[] ChangedOffsets(byte[] before, byte[] after)
    {
        Assert.Equal(before.Length, after.Length);
        return Enumerable.Range(0, before.Length).Where(i => before[i] != after[i]).Select(i => (long)i).ToArray();
    }

    private static int IndexOf(byte[] haystack, byte[] needle)
    {
        for (var i = 0; i + needle.Length <= haystack.Length; i++)
        {
            if (haystack.AsSpan(i, needle.Length).SequenceEqual(needle)) return i;
        }
        return -1;
    }
}

/// <summary>A fact that needs Linux (ldconfig, /usr/lib); skipped elsewhere.</summary>
public sealed class LinuxFactAttribute : FactAttribute
{
    public LinuxFactAttribute([CallerFilePath] string? sourceFilePath = null, [CallerLineNumber] int sourceLineNumber = -1)
    {
        _ = (sourceFilePath, sourceLineNumber);   // xunit v3 wants this signature (xUnit3003); xunit 2 has no such base
        if (!OperatingSystem.IsLinux()) Skip = "reads the system's ELF libraries: Linux only";
    }
}

/// <summary>A fact that needs TorchSharp 0.107.0's linux-x64 libLibTorchSharp.so in the NuGet packages folder
/// ($NUGET_PACKAGES or ~/.nuget/packages; a restore of the solution puts it there); skipped, with the reason
/// shown, where it is absent.</summary>
public sealed class LibTorchSharpFactAttribute : FactAttribute
{
    /// <summary>The package version whose shim needs GLIBCXX_3.4.32.</summary>
    public const string TorchSharpVersion = "0.107.0";

    public LibTorchSharpFactAttribute([CallerFilePath] string? sourceFilePath = null, [CallerLineNumber] int sourceLineNumber = -1)
    {
        _ = (sourceFilePath, sourceLineNumber);   // as in LinuxFactAttribute
        if (!OperatingSystem.IsLinux()) Skip = "reads the system's ELF libraries: Linux only";
        else if (!File.Exists(CacheLibrary))
            Skip = $"TorchSharp {TorchSharpVersion}'s libLibTorchSharp.so not found at {CacheLibrary} (restore the solution)";
    }

    /// <summary>The NuGet cache's copy: read it, copy it, never patch it.</summary>
    public static string CacheLibrary { get; } = Path.Combine(
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } packages
            ? packages
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages"),
        "torchsharp", TorchSharpVersion, "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
}
