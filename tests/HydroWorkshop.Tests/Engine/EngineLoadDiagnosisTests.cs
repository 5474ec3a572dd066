using HydroWorkshop.Build;
using HydroWorkshop.Engine;
using HydroWorkshop.Tests.Build;
using Xunit;

namespace HydroWorkshop.Tests.Engine;

/// <summary>A failed engine load is explained by its cause: the library, the missing version, the system library.</summary>
public sealed class EngineLoadDiagnosisTests
{
    private static readonly Exception TorchSharpFailure =
        new NotSupportedException(
            "This application or script uses TorchSharp but doesn't contain a reference to libtorch-cpu-linux-x64, Version=2.10.0.0.\n\nConsider ...");

    [LibTorchSharpFact]
    public void Explain_ShippedLibraryOnOldLibStdCxx_NamesMissingVersionAndSystemLibrary()
    {
        var original = LibTorchSharpFactAttribute.CacheLibrary;
        var missing = ElfVersionNeeds.MissingNeeds(original);
        var message = EngineLoadDiagnosis.Explain(TorchSharpFailure, [original]);
        if (missing.Count == 0)
        {
            // A libstdc++ from GCC 13 or newer: nothing is missing, and the message says so.
            Assert.Contains("no missing library version found", message, StringComparison.Ordinal);
            return;
        }
        Assert.Contains(original, message, StringComparison.Ordinal);
        Assert.Contains("GLIBCXX_3.4.32", message, StringComparison.Ordinal);
        Assert.Contains(ElfVersionNeeds.FindSystemLibrary("libstdc++.so.6")!, message, StringComparison.Ordinal);
        Assert.Contains("Old libstdc++", message, StringComparison.Ordinal);
    }

    [LinuxFact]
    public void Explain_NoCandidateLibrary_KeepsTorchSharpsFirstLine()
    {
        var message = EngineLoadDiagnosis.Explain(TorchSharpFailure, []);

        Assert.Contains("doesn't contain a reference to libtorch-cpu-linux-x64", message, StringComparison.Ordinal);
        Assert.DoesNotContain("Consider", message, StringComparison.Ordinal);
    }

    [LinuxFact]
    public void LoadedEngine_BuiltByThisRepository_NeedsNoMissingVersion()
    {
        // The build's fix (lib/build/LibTorchSharp.targets) or the run-time copy made the loaded library loadable.
        EngineInfo.EnsureLoaded();
        var loaded = EngineInfo.NativeLibraryPath();
        Assert.NotNull(loaded);
        Assert.Empty(ElfVersionNeeds.MissingNeeds(loaded));
    }
}
