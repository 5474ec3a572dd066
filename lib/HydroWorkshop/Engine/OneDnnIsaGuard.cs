using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace HydroWorkshop.Engine;

/// <summary>
/// Keeps libtorch's convolutions (oneDNN) off their AVX-512 kernels on AMD processors, where they return NaN now and then
/// for finite inputs and weights (docs/articles/engine.md, "NaN from oneDNN's AVX-512 kernels on AMD"). Sets
/// <c>ONEDNN_MAX_CPU_ISA=AVX2</c> in the process environment before libtorch's first convolution, unless the user set
/// it (or <c>DNNL_MAX_CPU_ISA</c>) already: <c>ONEDNN_MAX_CPU_ISA=ALL</c> turns the guard off. Registered when
/// HydroWorkshop.dll loads.
/// </summary>
public static class OneDnnIsaGuard
{
    /// <summary>The variable oneDNN reads once, at its first primitive.</summary>
    public const string Variable = "ONEDNN_MAX_CPU_ISA";

    /// <summary>Its older name, which oneDNN still reads.</summary>
    public const string OldVariable = "DNNL_MAX_CPU_ISA";

    /// <summary>What the guard did when the library loaded: null when it did not apply, otherwise the reason.</summary>
    public static string? Applied { get; private set; }

#pragma warning disable CA2255 // a module initializer is the only hook that runs before the first convolution of a notebook
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Register()
    {
        var vendor = X86Base.IsSupported ? Vendor() : "";
        if (!ShouldLimit(vendor, Avx512F.IsSupported, Environment.GetEnvironmentVariable(Variable),
                Environment.GetEnvironmentVariable(OldVariable)))
            return;
        if (SetNative(Variable, "AVX2"))
            Applied = $"{Variable}=AVX2 (an AMD processor with AVX-512)";
    }

    /// <summary>Whether to limit oneDNN: on an AMD processor (<paramref name="vendor"/> "AuthenticAMD") with AVX-512, when
    /// the user has not chosen (<paramref name="setting"/> and <paramref name="oldSetting"/> unset or empty).</summary>
    public static bool ShouldLimit(string vendor, bool avx512, string? setting, string? oldSetting) =>
        vendor == "AuthenticAMD" && avx512 && string.IsNullOrEmpty(setting) && string.IsNullOrEmpty(oldSetting);

    /// <summary>The processor's vendor string from CPUID leaf 0 (e.g. "AuthenticAMD", "GenuineIntel").</summary>
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

    /// <summary>The variable as native code (oneDNN's getenv) sees it: .NET's <see cref="Environment"/> keeps its own copy
    /// on Linux and does not write the C library's.</summary>
    public static string? ReadNative(string name)
    {
        if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows)) return Environment.GetEnvironmentVariable(name);
        var value = getenv(name);
        return value == IntPtr.Zero ? null : Marshal.PtrToStringUTF8(value);
    }

    private static bool SetNative(string name, string value)
    {
        // Both copies: .NET's for child processes and for readers in this process, the C library's for oneDNN.
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
