using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace HydroWorkshop.Engine;

/// <summary>
/// Keeps libtorch's oneDNN convolutions off their AVX2 and AVX-512 kernels on AMD processors with AVX-512, where they gave
/// NaN for finite inputs and weights, forward and backward (docs/articles/engine.md, "NaN from oneDNN on AMD"): sets
/// <c>ONEDNN_MAX_CPU_ISA=SSE41</c> in the C library's environment before the first convolution, unless the user chose an
/// ISA (<c>ONEDNN_MAX_CPU_ISA</c> or <c>DNNL_MAX_CPU_ISA</c>). <c>HW_ONEDNN=1</c> leaves oneDNN alone; <c>HW_ONEDNN=0</c>
/// turns it off altogether (PyTorch's <c>torch.backends.mkldnn.enabled = False</c>, which TorchSharp lacks: libtorch's
/// <c>at::globalContext().setUserEnabledMkldnn(false)</c>, Linux only), for a machine where SSE4.1 kernels fail too;
/// convolutions then run several times slower. Run once when HydroWorkshop.dll loads (<see cref="EngineStartup"/>).
/// </summary>
public static class OneDnnGuard
{
    /// <summary>The kit's switch: <c>1</c> leaves oneDNN alone, <c>0</c> turns it off.</summary>
    public const string Variable = "HW_ONEDNN";

    /// <summary>The variable oneDNN reads at its first primitive, and its older name.</summary>
    public const string IsaVariable = "ONEDNN_MAX_CPU_ISA", OldIsaVariable = "DNNL_MAX_CPU_ISA";

    /// <summary>The instruction set the guard holds oneDNN to.</summary>
    public const string Isa = "SSE41";

    /// <summary>What the guard did when the library loaded: null when nothing, otherwise what and why.</summary>
    public static string? Applied { get; private set; }

    internal static void Register()
    {
        var choice = Environment.GetEnvironmentVariable(Variable);
        if (choice == "0")
        {
            Applied = SetEnabled(false) ? $"off ({Variable}=0)" : $"{Variable}=0 ignored: it works on Linux only";
            return;
        }
        if (!string.IsNullOrEmpty(choice) && choice != "1")
        {
            Applied = $"{Variable}={choice} ignored: 0 (off) or 1 (left alone)";
            choice = null;
        }
        if (ShouldLimit(X86Base.IsSupported ? Vendor() : "", Avx512F.IsSupported, choice,
                Environment.GetEnvironmentVariable(IsaVariable), Environment.GetEnvironmentVariable(OldIsaVariable))
            && SetNative(IsaVariable, Isa))
            Applied = (Applied is null ? "" : Applied + "; ")
                + $"{IsaVariable}={Isa} (an AMD processor with AVX-512; {Variable}=1 leaves oneDNN alone)";
    }

    /// <summary>Whether to hold oneDNN to <see cref="Isa"/>: on an AMD processor (<paramref name="vendor"/>
    /// "AuthenticAMD") with AVX-512, unless <paramref name="choice"/> (<see cref="Variable"/>) is set or the user chose an
    /// ISA (<paramref name="isa"/>, <paramref name="oldIsa"/>).</summary>
    public static bool ShouldLimit(string vendor, bool avx512, string? choice, string? isa, string? oldIsa) =>
        vendor == "AuthenticAMD" && avx512 && string.IsNullOrEmpty(choice) && string.IsNullOrEmpty(isa) && string.IsNullOrEmpty(oldIsa);

    /// <summary>The processor's vendor string from CPUID leaf 0 (e.g. "AuthenticAMD", "GenuineIntel"); empty off x86.</summary>
    public static string Vendor()
    {
        if (!X86Base.IsSupported) return "";
        var (_, ebx, ecx, edx) = X86Base.CpuId(0, 0);
        Span<byte> text = stackalloc byte[12];
        BitConverter.TryWriteBytes(text[..4], ebx);
        BitConverter.TryWriteBytes(text[4..8], edx);
        BitConverter.TryWriteBytes(text[8..], ecx);
        return System.Text.Encoding.ASCII.GetString(text);
    }

    /// <summary>A variable as native code (oneDNN's getenv) sees it: on Linux .NET's <see cref="Environment"/> keeps its
    /// own copy and does not write the C library's.</summary>
    public static string? ReadNative(string name)
    {
        if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows)) return Environment.GetEnvironmentVariable(name);
        var value = getenv(name);
        return value == IntPtr.Zero ? null : Marshal.PtrToStringUTF8(value);
    }

    /// <summary>Whether libtorch uses oneDNN (<c>at::globalContext().userEnabledMkldnn()</c>); null where it cannot be
    /// asked (not Linux).</summary>
    public static bool? Enabled() => LibTorchContext.Enabled(LibTorchContext.Mkldnn);

    /// <summary>Turns oneDNN on or off in libtorch; false where it cannot (not Linux).</summary>
    public static bool SetEnabled(bool enabled) => LibTorchContext.SetEnabled(LibTorchContext.Mkldnn, enabled);

    private static bool SetNative(string name, string value)
    {
        // Both copies: .NET's for child processes and readers in this process, the C library's for oneDNN.
        Environment.SetEnvironmentVariable(name, value);
        try
        {
            return RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? _putenv_s(name, value) == 0 : setenv(name, value, 0) == 0;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    [DllImport("libc", CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    private static extern int setenv(string name, string value, int overwrite);

    [DllImport("libc", CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    private static extern IntPtr getenv(string name);

    [DllImport("ucrtbase", CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    private static extern int _putenv_s(string name, string value);
}
