using HydroWorkshop.Engine;

namespace HydroWorkshop.Kernel.Execution;

/// <summary>
/// Loads libtorch during the kernel's warm-up, which every cell waits for, so that the settings that need it loaded
/// (<see cref="EngineInfo.EnsureLoaded"/>: NNPACK off while oneDNN is on, the allocator settings;
/// docs/articles/engine.md) hold from the first cell on, also for a cell that uses TorchSharp before HydroWorkshop. In
/// the background, so <c>kernel_info</c> stays quick; on Linux only, where those settings apply.
/// </summary>
internal static class EnginePreparation
{
    internal static void Run()
    {
        // Without its native library beside the kernel, TorchSharp would look for libtorch elsewhere (and copy it out of
        // the NuGet cache) before any cell asked for a tensor: left to the first cell that does (false off Linux).
        EngineInfo.LoadForNotebook(KernelLog.Write);
        // The module initializer's own failures were logged when the kernel started (KernelServer.Run).
        foreach (var failure in EngineStartup.Failures.Where(f => f.StartsWith(nameof(NnpackSwitch), StringComparison.Ordinal)))
            KernelLog.Write("engine setting failed: " + failure);
    }
}
