using System.Runtime.InteropServices;
using TorchSharp;

namespace HydroWorkshop.Engine;

/// <summary>
/// Switches of libtorch's global context that PyTorch exposes (<c>torch.backends.mkldnn.enabled</c>,
/// <c>torch.backends.nnpack.set_flags</c>) and TorchSharp does not: called through libtorch's exported C++ symbols
/// (Itanium ABI names: <c>at::globalContext()</c>, then the member function with <c>this</c> as its first argument) in
/// <c>libtorch_cpu.so</c>, so on Linux only (macOS names the library differently, Windows mangles differently);
/// elsewhere every call answers null or false.
/// </summary>
internal static class LibTorchContext
{
    /// <summary>oneDNN (MKL-DNN) convolutions.</summary>
    internal const string Mkldnn = "Mkldnn";

    /// <summary>NNPACK convolutions.</summary>
    internal const string Nnpack = "NNPACK";

    /// <summary><c>at::globalContext().userEnabled&lt;switch&gt;()</c>; null where it cannot be asked.</summary>
    internal static unsafe bool? Enabled(string name)
    {
        if (Member($"_ZNK2at7Context{11 + name.Length}userEnabled{name}Ev") is not var (self, get)) return null;
        return ((delegate* unmanaged<IntPtr, byte>)get)(self) != 0;
    }

    /// <summary><c>at::globalContext().setUserEnabled&lt;switch&gt;(enabled)</c>; false where it cannot be called.</summary>
    internal static unsafe bool SetEnabled(string name, bool enabled)
    {
        if (Member($"_ZN2at7Context{14 + name.Length}setUserEnabled{name}Eb") is not var (self, set)) return false;
        ((delegate* unmanaged<IntPtr, byte, void>)set)(self, enabled ? (byte)1 : (byte)0);
        return true;
    }

    // libtorch_cpu.so and at::globalContext(), looked up once (a failure to load libtorch is not kept: the next call tries
    // again); null off Linux or when not found.
    private static readonly Lazy<(IntPtr Library, IntPtr Context)?> Context = new(Find, LazyThreadSafetyMode.PublicationOnly);

    private static (IntPtr Library, IntPtr Context)? Find()
    {
        if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux)) return null;
        torch.InitializeDeviceType(DeviceType.CPU);
        if (!NativeLibrary.TryLoad("libtorch_cpu.so", typeof(torch).Assembly, null, out var library)
            || !NativeLibrary.TryGetExport(library, "_ZN2at13globalContextEv", out var context)) return null;
        unsafe
        {
            return (library, ((delegate* unmanaged<IntPtr>)context)());
        }
    }

    private static (IntPtr Self, IntPtr Function)? Member(string symbol)
    {
        if (Context.Value is not var (library, self) || !NativeLibrary.TryGetExport(library, symbol, out var function)) return null;
        return (self, function);
    }
}
