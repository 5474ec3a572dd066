using System.Runtime.InteropServices;
using HydroWorkshop.Build;

namespace HydroWorkshop.Engine;

/// <summary>
/// Turns TorchSharp's generic load failure ("doesn't contain a reference to libtorch-cpu-linux-x64") into its real
/// cause: each <c>libLibTorchSharp.so</c> this process could load, and the library versions it needs that this
/// system lacks (docs/articles/engine.md, "Old libstdc++").
/// </summary>
internal static class EngineLoadDiagnosis
{
    public static string Explain(Exception failure) => Explain(failure, LibTorchSharpResolver.Candidates());

    /// <summary>The message for <paramref name="failure"/>, from the <c>libLibTorchSharp.so</c> files this process could have
    /// loaded.</summary>
    internal static string Explain(Exception failure, IEnumerable<string> candidates)
    {
        var first = failure.Message.Split('\n')[0].Trim();
        if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux)) return $"TorchSharp could not load libtorch: {first}";
        var causes = new List<string>();
        foreach (var candidate in candidates)
        {
            IReadOnlyList<VersionNeed> missing;
            try
            {
                missing = ElfVersionNeeds.MissingNeeds(candidate);
            }
            catch (InvalidDataException e)
            {
                causes.Add($"{candidate} is not a readable ELF library ({e.Message})");
                continue;
            }
            if (missing.Count == 0) continue;
            var system = string.Join(", ", missing.Select(n => n.File).Distinct().Select(f =>
                $"{ElfVersionNeeds.FindSystemLibrary(f) ?? f}"));
            causes.Add($"{candidate} needs {string.Join(", ", missing)}, which this system's {system} lacks");
        }
        if (causes.Count == 0)
            return
                $"TorchSharp could not load libtorch: {first} (no missing library version found; is the libtorch-cpu package for {RuntimeInformation.RuntimeIdentifier} restored?)";
        return "TorchSharp's native library cannot load: " + string.Join("; ", causes) + ". The kit fixes its own copy " +
            "at build time and, failing that, at run time (docs/articles/engine.md, \"Old libstdc++\"): check that neither -p:HwLibStdCxxCompat=false " +
            "nor HW_LIBSTDCXX_COMPAT=0 is set, or install GCC 13's libstdc++ (or newer).";
    }
}
