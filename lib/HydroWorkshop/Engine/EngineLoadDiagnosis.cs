using System.Runtime.InteropServices;

namespace HydroWorkshop.Engine;

/// <summary>
/// Turns TorchSharp's generic load failure into its real cause. Today it names the one known case: a Linux system
/// libstdc++ older than the one <c>libLibTorchSharp.so</c> was linked against (README "Old libstdc++").
/// </summary>
internal static class EngineLoadDiagnosis
{
    public static string Explain(Exception failure)
    {
        var first = failure.Message.Split('\n')[0];
        if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux)) return $"TorchSharp could not load libtorch: {first}";
        return $"TorchSharp could not load libtorch: {first}";
    }
}
