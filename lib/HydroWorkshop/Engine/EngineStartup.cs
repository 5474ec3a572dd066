using System.Runtime.CompilerServices;

namespace HydroWorkshop.Engine;

/// <summary>What HydroWorkshop.dll does to the engine when it loads, in this order: point TorchSharp at a native library
/// this system can load (<see cref="LibTorchSharpResolver"/>), then settle oneDNN (<see cref="OneDnnGuard"/>). Neither loads
/// libtorch (unless <c>HW_ONEDNN=0</c>); what needs it waits for <see cref="EngineInfo.EnsureLoaded"/>.</summary>
public static class EngineStartup
{
    private static readonly List<string> FailureList = [];

    /// <summary>Steps that threw at start-up (step, exception type and message), for <c>hw info</c>; empty when none did.</summary>
    public static IReadOnlyList<string> Failures => FailureList;

    /// <summary>Records a start-up step that threw, for <see cref="Failures"/>.</summary>
    internal static void Record(string step, Exception e)
    {
        lock (FailureList) FailureList.Add($"{step}: {e.GetType().Name}: {e.Message}");
    }

    /// <summary>Runs the steps; called by the runtime when the module loads.</summary>
#pragma warning disable CA2255 // a module initializer is the only hook that runs before TorchSharp's first native call
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Run()
    {
        // An exception here would make every later use of HydroWorkshop.dll throw TypeInitializationException; a step that
        // fails leaves the engine as TorchSharp sets it up, and EngineInfo.EnsureLoaded names a load failure at first use.
        foreach (var step in new Action[] { LibTorchSharpResolver.Register, OneDnnGuard.Register })
        {
            try
            {
                step();
            }
#pragma warning disable CA1031 // see above: nothing may escape a module initializer
            catch (Exception e)
#pragma warning restore CA1031
            {
                Record(step.Method.DeclaringType?.Name ?? "?", e);
            }
        }
    }
}
