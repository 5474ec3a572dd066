using System.Reflection;
using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace HydroWorkshop.Engine;

/// <summary>
/// Which engine this process runs: TorchSharp's version, the libtorch build (CPU or CUDA) and its version, the
/// native library actually loaded, its BLAS/oneDNN configuration and thread counts, and why CUDA is unavailable
/// when it is. <c>hw info</c> and notebook 00 print <see cref="Describe"/>.
/// </summary>
public static class EngineInfo
{
    /// <summary>The libtorch package family this kit was built against: <c>cpu</c> or <c>cuda</c> (MSBuild property
    /// HwTorchBackend).</summary>
    public static string Backend => typeof(EngineInfo).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .FirstOrDefault(a => a.Key == "HwTorchBackend")?.Value ?? "cpu";

    /// <summary>TorchSharp's package version, e.g. <c>0.107.0</c>.</summary>
    public static string TorchSharpVersion =>
        typeof(torch).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? typeof(torch).Assembly.GetName().Version?.ToString() ?? "?";

    /// <summary>libtorch's version, e.g. <c>2.10.0</c>.</summary>
    public static string LibTorchVersion => __version__;

    /// <summary>True when the loaded TorchSharp.dll is the build's woven copy, whose Scalar objects stay alive
    /// while libtorch uses them (lib/build/TorchSharpKeepAlive.cs; docs/articles/engine.md, "Finalizer race").
    /// False for the package's file as shipped: then a garbage collection on another thread can, rarely, free a
    /// temporary Scalar under a running operation.</summary>
    public static bool KeepsArgumentsAlive =>
        Build.TorchSharpKeepAlive.IsWoven(typeof(Scalar));

    /// <summary>
    /// Loads the native engine now, so that a failure names its cause (e.g. a missing GLIBCXX version) instead of
    /// TorchSharp's generic "doesn't contain a reference to libtorch-cpu" message at the first tensor, then applies the
    /// settings that need it loaded (<see cref="NnpackSwitch"/>) and the allocator settings for tensor work
    /// (<see cref="MallocSettings"/>).
    /// </summary>
    public static void EnsureLoaded()
    {
        if (loaded) return;
        try
        {
            InitializeDeviceType(DeviceType.CPU);
            loaded = true;
        }
        catch (Exception e) when (e is NotSupportedException or InvalidOperationException or DllNotFoundException
            or TypeInitializationException)
        {
            var cause = e is TypeInitializationException { InnerException: { } inner } ? inner : e;
            throw new InvalidOperationException(EngineLoadDiagnosis.Explain(cause), e);
        }
        (string Step, Action Apply)[] settings =
            [(nameof(NnpackSwitch), NnpackSwitch.Apply), (nameof(MallocSettings), MallocSettings.Apply)];
        foreach (var (step, apply) in settings)
        {
            try
            {
                apply();
            }
#pragma warning disable CA1031 // a setting that could not be made leaves the engine as it was; hw info shows why
            catch (Exception e)
#pragma warning restore CA1031
            {
                EngineStartup.Record(step, e);
            }
        }
    }

    private static bool loaded;

    /// <summary>
    /// What the kit's kernel does before the first cell, for a host that can go on without the engine (an exported notebook
    /// app; a notebook need not use tensors): where TorchSharp's native library is in place (<see cref="NativeLibraryFound"/>,
    /// Linux), loads it with the kit's settings (<see cref="EnsureLoaded"/>); elsewhere leaves it to the first tensor. A load
    /// failure goes to <paramref name="report"/>, not thrown (the first tensor says it again). True when it loaded.
    /// </summary>
    public static bool LoadForNotebook(Action<string>? report = null)
    {
        if (!NativeLibraryFound()) return false;
        try
        {
            EnsureLoaded();
            return true;
        }
        catch (InvalidOperationException e)
        {
            report?.Invoke("the engine did not load (the first cell that uses a tensor will say why): " + e.Message);
            return false;
        }
    }

    /// <summary>Whether TorchSharp's native library (<c>libLibTorchSharp.so</c>) is where this process would load it from
    /// without looking further (beside the app or TorchSharp.dll, or in their <c>runtimes</c> folders); Linux only, false
    /// elsewhere. Cheap: no library is loaded.</summary>
    public static bool NativeLibraryFound() => OperatingSystem.IsLinux() && LibTorchSharpResolver.Candidates().Any();

    /// <summary>Null when a CUDA device can be used; otherwise why not, in words a participant can act on.</summary>
    public static string? CudaUnavailableReason()
    {
        EnsureLoaded();
        if (Backend != "cuda")
            return
                "this kit is built with TorchSharp's CPU libtorch; rebuild with -p:HwTorchBackend=cuda on a machine with an NVIDIA driver (docs/articles/engine.md, \"Packages, platforms and GPU\")";
        if (!TryInitializeDeviceType(DeviceType.CUDA))
            return "TorchSharp's CUDA libtorch did not load (is the NVIDIA driver installed and the CUDA package restored?)";
        if (!cuda.is_available())
            return "TorchSharp's CUDA libtorch loaded but sees no GPU (driver too old, or CUDA_VISIBLE_DEVICES hides every device)";
        return null;
    }

    /// <summary>
    /// libtorch's own build description (PyTorch's <c>torch.__config__.show()</c>: compiler, MKL, oneDNN, OpenMP, CPU
    /// capability), read from <c>at::show_config()</c>; null where this platform's C++ ABI is not the one read here
    /// (anything but Linux x64 and arm64).
    /// </summary>
    public static string? BuildConfig() => CallStringFunction("_ZN2at11show_configB5cxx11Ev");

    /// <summary>libtorch's threading report (PyTorch's <c>torch.__config__.parallel_info()</c>); null as
    /// <see cref="BuildConfig"/>.</summary>
    public static string? ParallelInfo() => CallStringFunction("_ZN2at17get_parallel_infoB5cxx11Ev");

    /// <summary>The path of the loaded <c>libLibTorchSharp</c> (Linux: from /proc/self/maps); null when not found.</summary>
    public static string? NativeLibraryPath()
    {
        EnsureLoaded();
        const string maps = "/proc/self/maps";
        if (!File.Exists(maps)) return null;
        foreach (var line in File.ReadLines(maps))
        {
            var slash = line.IndexOf('/');
            if (slash >= 0 && line.EndsWith("libLibTorchSharp.so", StringComparison.Ordinal)) return line[slash..];
        }
        return null;
    }

    /// <summary>A few lines for <c>hw info</c> and notebook 00.</summary>
    public static string Describe()
    {
        EnsureLoaded();
        var lines = new List<string>
        {
            $"engine: TorchSharp {TorchSharpVersion}, libtorch {LibTorchVersion} ({Backend} build, {RuntimeInformation.RuntimeIdentifier})",
            $"threads: {get_num_threads()} intra-op, {get_num_interop_threads()} inter-op ({Environment.ProcessorCount} logical cores)",
        };
        var config = BuildConfig();
        if (config is not null)
        {
            foreach (var line in config.Split('\n'))
            {
                var t = line.Trim().TrimStart('-').Trim();
                if (t.Contains("Math Kernel Library", StringComparison.Ordinal)
                    || t.StartsWith("Intel(R) MKL-DNN", StringComparison.Ordinal)
                    || t.StartsWith("OpenMP", StringComparison.Ordinal) || t.StartsWith("CPU capability", StringComparison.Ordinal)
                    || t.StartsWith("oneDNN", StringComparison.Ordinal) || t.StartsWith("LAPACK", StringComparison.Ordinal))
                    lines.Add("  " + t);
            }
        }
        if (NativeLibraryPath() is { } native) lines.Add($"native: {native}");
        lines.Add("keep-alive: " + (KeepsArgumentsAlive
            ? "on (Scalar arguments live through each native call)"
            : "OFF: this TorchSharp.dll is not the build's woven copy; rare crashes under garbage collection (docs/articles/engine.md, 'Finalizer race')"));
        lines.Add("oneDNN: " + (OneDnnGuard.Applied is { } guard ? guard + " (docs/articles/engine.md, 'NaN from oneDNN on AMD')"
            : OneDnnGuard.Enabled() == false ? "off"
            : OneDnnGuard.ReadNative(OneDnnGuard.IsaVariable) is { } isa ? $"{OneDnnGuard.IsaVariable}={isa}" : "every ISA it finds"));
        lines.Add("LSTM: " + (NativeLstm.Active
            ? "libtorch's own in the kit's models where faster (oneDNN held to SSE4.1; docs/articles/engine.md, 'LSTM on AMD')"
            : "as libtorch chooses (oneDNN's while oneDNN is on)"));
        lines.Add("NNPACK: " + NnpackSwitch.Enabled() switch { true => "on", false => "off", null => "as libtorch sets it" }
            + (NnpackSwitch.Applied is { } nnpack ? $" ({nnpack})" : ""));
        lines.Add("malloc: " + (MallocSettings.Applied ?? "the C library's own"));
        foreach (var failure in EngineStartup.Failures) lines.Add("start-up step failed: " + failure);
        var why = CudaUnavailableReason();
        lines.Add("cuda: " + (why is null ? $"{cuda.device_count()} device(s)" : "unavailable: " + why));
        return string.Join(Environment.NewLine, lines);
    }

    // A function returning std::string by value: with the Itanium C++ ABI (Linux) the caller passes the address
    // of a 32-byte std::string as a hidden first argument; libstdc++ keeps {char* data, size_t size, ...} there.
    // The returned string's heap buffer is not freed: a few kilobytes, once per call.
    private static unsafe string? CallStringFunction(string mangledName)
    {
        EnsureLoaded();
        if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux)) return null;
        if (!NativeLibrary.TryLoad("libtorch_cpu.so", typeof(torch).Assembly, null, out var library)
            || !NativeLibrary.TryGetExport(library, mangledName, out var function)) return null;
        var result = stackalloc byte[32];
        ((delegate* unmanaged<byte*, void>)function)(result);
        var data = *(IntPtr*)result;
        var size = *(long*)(result + 8);
        return size is < 0 or > 1 << 20 ? null : Marshal.PtrToStringUTF8(data, (int)size);
    }
}
