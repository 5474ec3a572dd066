using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace HydroWorkshop.Torch.Native;

/// <summary>
/// Finds libhwtorch.so: <c>$HYDROWORKSHOP_NATIVE</c> (a file), next to this assembly (the build copies it
/// there), else <c>lib/native/build</c> of the repository this assembly was built in. libtorch itself is
/// found through the shim's RUNPATH, i.e. wherever CMake found it at build time.
/// </summary>
internal static class NativeLibraryLoader
{
    private const string FileName = "libhwtorch.so";

    // The resolver must be in place before the first P/Invoke from any entry point (notebook, test, tool).
#pragma warning disable CA2255
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Register() =>
        NativeLibrary.SetDllImportResolver(typeof(NativeLibraryLoader).Assembly, Resolve);

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (name != NativeMethods.Library) return IntPtr.Zero;
        var tried = new List<string>();
        foreach (var candidate in Candidates())
        {
            tried.Add(candidate);
            if (!File.Exists(candidate)) continue;
            try
            {
                return NativeLibrary.Load(candidate);
            }
            catch (DllNotFoundException e)
            {
                throw new DllNotFoundException(
                    $"{candidate} exists but could not be loaded (is libtorch still where it was at build time? " +
                    $"rebuild with scripts/setup.sh): {e.Message}", e);
            }
        }
        throw new DllNotFoundException(
            $"{FileName} (the libtorch shim) was not found; looked in: {string.Join(", ", tried)}. " +
            "Build it with `bash scripts/setup.sh` or set HYDROWORKSHOP_NATIVE to its path.");
    }

    private static IEnumerable<string> Candidates()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("HYDROWORKSHOP_NATIVE");
        if (!string.IsNullOrEmpty(fromEnvironment)) yield return fromEnvironment;
        var assemblyDir = Path.GetDirectoryName(typeof(NativeLibraryLoader).Assembly.Location);
        if (!string.IsNullOrEmpty(assemblyDir)) yield return Path.Combine(assemblyDir, FileName);
        yield return Path.Combine(AppContext.BaseDirectory, FileName);
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "HydroWorkshop.sln")))
            {
                yield return Path.Combine(dir.FullName, "lib", "native", "build", FileName);
                yield break;
            }
        }
    }
}
