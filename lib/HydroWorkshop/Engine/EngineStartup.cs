using System.Runtime.CompilerServices;

namespace HydroWorkshop.Engine;

/// <summary>What HydroWorkshop.dll does to the engine when it loads, in this order: point TorchSharp at a native library
/// this system can load (<see cref="LibTorchSharpResolver"/>), then settle oneDNN (<see cref="OneDnnGuard"/>).</summary>
internal static class EngineStartup
{
#pragma warning disable CA2255 // a module initializer is the only hook that runs before TorchSharp's first native call
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Run()
    {
        LibTorchSharpResolver.Register();
        OneDnnGuard.Register();
    }
}
