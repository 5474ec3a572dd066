using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.Loader;

namespace HydroWorkshop.Kernel.Execution;

/// <summary>
/// Loads the assemblies of <c>#r "nuget: …"</c> packages into the default load context, one copy per name, and
/// binds every request for a name to that copy whatever version it asks for. Without it, Roslyn's script loader
/// gives each package folder its own context and honours strong-name versions exactly: Plotly.NET 6 runs on
/// FSharp.Core 10.1, but its dependency DynamicObj was built against FSharp.Core 5.0, whose request then fails
/// ("Could not load file or assembly 'FSharp.Core, Version=5.0.0.0'"). A .NET app binds such a request to the
/// newer FSharp.Core it ships; the kernel does the same for the package versions <see cref="NuGetResolver"/> chose.
/// </summary>
/// <remarks>Roslyn's loader asks the default context (and so its <c>Resolving</c> event) before resolving by itself,
/// precisely so that a host can load assemblies once; the runtime's own assemblies and the kernel's are found
/// before the event and never replaced.</remarks>
public static class PackageAssemblyLoader
{
    /// <summary>File per assembly simple name; the first registration of a name wins (the session's one version).</summary>
    private static readonly ConcurrentDictionary<string, string> Paths = new(StringComparer.OrdinalIgnoreCase);
    private static int installed;

    /// <summary>Makes <paramref name="assemblyPaths"/> loadable by name from now on (idempotent).</summary>
    public static void Register(IEnumerable<string> assemblyPaths)
    {
        if (Interlocked.Exchange(ref installed, 1) == 0) AssemblyLoadContext.Default.Resolving += Resolve;
        foreach (var path in assemblyPaths) Paths.TryAdd(Path.GetFileNameWithoutExtension(path), path);
    }

    /// <summary>The registered file of an assembly name, if any (for tests and diagnostics).</summary>
    public static string? PathOf(string assemblyName) => Paths.GetValueOrDefault(assemblyName);

    private static Assembly? Resolve(AssemblyLoadContext context, AssemblyName name)
    {
        if (name.Name is null || !Paths.TryGetValue(name.Name, out var path)) return null;
        // Loaded already (by an earlier request for another version): the same copy again.
        var loaded = context.Assemblies.FirstOrDefault(a => string.Equals(a.GetName().Name, name.Name, StringComparison.OrdinalIgnoreCase));
        if (loaded is not null) return loaded;
        try
        {
            return context.LoadFromAssemblyPath(path);
        }
        catch (Exception e) when (e is IOException or BadImageFormatException)
        {
            KernelLog.Write($"cannot load {name} from {path}: {e.Message}");
            return null;
        }
    }
}
