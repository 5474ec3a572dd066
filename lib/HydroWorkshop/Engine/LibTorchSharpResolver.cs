using System.Reflection;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using HydroWorkshop.Build;
using TorchSharp;

namespace HydroWorkshop.Engine;

/// <summary>
/// The run-time half of "Old libstdc++" (docs/articles/engine.md), for hosts whose build did not fix TorchSharp's
/// native library (a notebook kernel that restores TorchSharp from the NuGet cache, e.g.
/// <c>#r "nuget: HydroWorkshop"</c>): on Linux, when the <c>libLibTorchSharp.so</c> TorchSharp would load needs a
/// libstdc++ version this system lacks, a fixed copy is made once in the user's cache folder
/// (<c>~/.cache/hydroworkshop</c>, never the NuGet cache) and TorchSharp is pointed at it. Everywhere else it does
/// nothing. Registered when HydroWorkshop.dll loads (EngineStartup); <c>HW_LIBSTDCXX_COMPAT=0</c> turns it off.
/// </summary>
internal static class LibTorchSharpResolver
{
    // Decided once: TorchSharp asks for "LibTorchSharp" at the first call of each of its hundreds of P/Invokes.
    private static readonly Lazy<IntPtr> Fixed = new(LoadFixedCopy);

    /// <summary>Called once when HydroWorkshop.dll loads (<see cref="EngineStartup"/>).</summary>
    internal static void Register()
    {
        if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux) || Environment.GetEnvironmentVariable("HW_LIBSTDCXX_COMPAT") == "0") return;
        try
        {
            NativeLibrary.SetDllImportResolver(typeof(torch).Assembly, Resolve);
        }
        catch (InvalidOperationException)
        {
            // Another component already resolves TorchSharp's native libraries: leave it to that one.
            return;
        }
        // TorchSharp's own first load (NativeLibrary.TryLoad by name) does not consult the resolver; loading the fixed
        // copy now makes that load find it by its soname.
        _ = Fixed.Value;
    }

    /// <summary>The <c>libLibTorchSharp.so</c> files this process would consider, in TorchSharp's order.</summary>
    internal static IEnumerable<string> Candidates()
    {
        var torchSharp = Path.GetDirectoryName(typeof(torch).Assembly.Location);
        var folders = new List<string?> { AppContext.BaseDirectory, torchSharp };
        foreach (var baseFolder in new[] { AppContext.BaseDirectory, torchSharp })
        {
            if (baseFolder is null) continue;
            folders.Add(Path.Combine(baseFolder, "runtimes", RuntimeInformation.RuntimeIdentifier, "native"));
            // TorchSharp inside the NuGet cache: .../torchsharp/<version>/lib/<tfm>/TorchSharp.dll
            folders.Add(Path.GetFullPath(Path.Combine(baseFolder, "..", "..", "runtimes", RuntimeInformation.RuntimeIdentifier, "native")));
        }
        return folders.OfType<string>().Select(f => Path.Combine(f, "libLibTorchSharp.so")).Where(File.Exists).Distinct();
    }

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath) =>
        name == "LibTorchSharp" ? Fixed.Value : IntPtr.Zero;

    private static IntPtr LoadFixedCopy()
    {
        {
            var original = Candidates().FirstOrDefault();
            if (original is null) return IntPtr.Zero;
            try
            {
                if (ElfVersionNeeds.MissingNeeds(original).Count == 0) return IntPtr.Zero;   // loads as it is
                var copy = FixedCopy(original, CacheFolder());
                if (copy is null) return IntPtr.Zero;
                // The copy's RUNPATH ($ORIGIN) no longer finds its libtorch siblings: load them first by their full path.
                var folder = Path.GetDirectoryName(original)!;
                var libtorch = LibTorchFolder(folder);
                foreach (var sibling in new[] { "libc10.so", "libtorch_cpu.so", "libtorch.so" })
                {
                    var path = Path.Combine(libtorch, sibling);
                    if (File.Exists(path)) NativeLibrary.TryLoad(path, out _);
                }
                return NativeLibrary.TryLoad(copy, out var handle) ? handle : IntPtr.Zero;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
            {
                return IntPtr.Zero;   // TorchSharp's own attempt follows; EngineInfo.EnsureLoaded explains a failure
            }
        }
    }

    /// <summary>The folder of libtorch's own libraries: beside <c>libLibTorchSharp.so</c> in an output folder, or, in the
    /// NuGet cache (<c>&lt;packages&gt;/torchsharp/&lt;version&gt;/runtimes/&lt;rid&gt;/native</c>), the newest
    /// <c>&lt;packages&gt;/libtorch-cpu-&lt;rid&gt;/&lt;version&gt;/runtimes/&lt;rid&gt;/native</c> (torch.__version__ is not
    /// readable here: this runs inside TorchSharp's own initialisation).</summary>
    internal static string LibTorchFolder(string torchSharpNative)
    {
        if (File.Exists(Path.Combine(torchSharpNative, "libtorch_cpu.so"))) return torchSharpNative;
        var rid = RuntimeInformation.RuntimeIdentifier;
        // native -> <rid> -> runtimes -> <version> -> torchsharp -> the packages folder
        var package = Path.GetFullPath(Path.Combine(torchSharpNative, "..", "..", "..", "..", "..", $"libtorch-cpu-{rid}"));
        if (!Directory.Exists(package)) return torchSharpNative;
        return Directory.GetDirectories(package).Select(v => Path.Combine(v, "runtimes", rid, "native"))
            .Where(d => File.Exists(Path.Combine(d, "libtorch_cpu.so"))).Order(StringComparer.Ordinal).LastOrDefault() ?? torchSharpNative;
    }

    /// <summary><c>$XDG_CACHE_HOME/hydroworkshop</c>, else <c>~/.cache/hydroworkshop</c>.</summary>
    internal static string CacheFolder()
    {
        var cache = Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg
            ? xdg : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        return Path.Combine(cache, "hydroworkshop");
    }

    /// <summary>A fixed copy of <paramref name="original"/> under <paramref name="cacheFolder"/>, keyed by the original's
    /// content and made once (atomically, so concurrent kernels agree); null when a missing version cannot be fixed.</summary>
    internal static string? FixedCopy(string original, string cacheFolder)
    {
        var bytes = File.ReadAllBytes(original);
        var key = Convert.ToHexString(SHA256.HashData(bytes))[..16].ToLowerInvariant();
        var folder = Path.Combine(cacheFolder, "libtorchsharp-" + key);
        var copy = Path.Combine(folder, "libLibTorchSharp.so");
        if (File.Exists(copy) && ElfVersionNeeds.MissingNeeds(copy).Count == 0) return copy;
        Directory.CreateDirectory(folder);
        var temporary = copy + $".{Environment.ProcessId}.tmp";
        File.WriteAllBytes(temporary, bytes);
        var result = CompatPatch.Apply(temporary, _ => { });
        if (result.Unfixable.Count > 0) { File.Delete(temporary); return null; }
        File.Move(temporary, copy, overwrite: true);
        return copy;
    }
}
