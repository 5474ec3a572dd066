using System.Runtime.CompilerServices;

namespace HydroWorkshop.Engine;

/// <summary>What HydroWorkshop.dll does to the engine when it loads, in this order: point TorchSharp at a native library
/// this system can load (<see cref="LibTorchSharpResolver"/>), settle oneDNN (<see cref="OneDnnGuard"/>), then switch off
/// NNPACK where it is unused (<see cref="NnpackSwitch"/>, which loads libtorch).</summary>
public static class EngineStartup
{
    private static readonly List<string> FailureList = [];

    /// <summary>Steps that threw at start-up (step, exception type and message), for <c>hw info</c>; empty when none did.</summary>
    public static IReadOnlyList<string> Failures => FailureList;

    /// <summary>Runs the steps; called by the runtime when the module loads.</summary>
#pragma warning disable CA2255 // a module initializer is the only hook that runs before TorchSharp's first native call
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Run()
    {
        // An exception here would make every later use of HydroWorkshop.dll throw TypeInitializationException; a step that
        // fails leaves the engine as TorchSharp sets it up, and EngineInfo.EnsureLoaded names a load failure at first use.
        foreach (var step in new Action[] { LibTorchSharpResolver.Register, OneDnnGuard.Register, NnpackSwitch.Register })
        {
            try
            {
                step();
            }
#pragma warning disable CA1031 // see above: nothing may escape a module initializer
            catch (Exception e)
#pragma warning restore CA1031
            {
                FailureList.Add($"{step.Method.DeclaringType?.Name}: {e.GetType().Name}: {e.Message}");
            }
        }
    }
}
