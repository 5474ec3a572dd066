using System.Runtime.InteropServices;
using HydroWorkshop.Torch.Native;

namespace HydroWorkshop.Torch;

public static partial class torch
{
    static torch()
    {
        // Start with OpenBLAS's pool the size of libtorch's (physical cores): an OpenBLAS worker spinning on a
        // hyper-threaded sibling made the workshop LSTM step 25 % slower on a 2-vCPU machine.
        NativeMethods.hw_runtime_blas_threads_set(Math.Max(1, NativeMethods.hw_runtime_threads_get()));
    }

    /// <summary>Threads libtorch uses inside one operator (intra-op parallelism).</summary>
    public static int get_num_threads() => Checked(NativeMethods.hw_runtime_threads_get(), "get_num_threads");

    /// <summary>Sets libtorch's intra-op threads and, when the BLAS is OpenBLAS, its thread pool to the same
    /// count (PyTorch leaves OpenBLAS's pool at every core).</summary>
    public static void set_num_threads(int threads)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        Checked(NativeMethods.hw_runtime_threads_set(threads), "set_num_threads");
        Checked(NativeMethods.hw_runtime_blas_threads_set(threads), "set_num_threads (BLAS)");
    }

    /// <summary>True when gradients are being recorded on this thread.</summary>
    public static bool is_grad_enabled() => NativeMethods.hw_autograd_is_enabled() != 0;

    /// <summary>Stops recording gradients on this thread until disposed:
    /// <c>using (torch.no_grad()) { ... }</c>.</summary>
    public static GradMode no_grad() => new(false);

    /// <summary>Records gradients on this thread until disposed (inside a no_grad block).</summary>
    public static GradMode enable_grad() => new(true);

    /// <summary>Any ATen operator by its qualified name, e.g.
    /// <c>torch.ops("aten::logit").Call(x, 1e-6)</c>; see <see cref="Operator"/>.</summary>
    public static Operator ops(string qualifiedName) => Operator.Get(qualifiedName);

    /// <summary>CUDA devices: whether one can be used, and if not, why.</summary>
    public static class cuda
    {
        /// <summary>True when libtorch was built with CUDA and sees at least one device.</summary>
        public static bool is_available() => is_available(out _);

        /// <summary>As <see cref="is_available()"/>, with the reason when it is not.</summary>
        public static bool is_available(out string reason)
        {
            if (Checked(NativeMethods.hw_runtime_cuda_compiled(), "cuda.is_available") == 0)
            {
                reason = $"libtorch {version} at {library_path} is a CPU-only build (no CUDA support compiled in); " +
                         "point LIBTORCH at a CUDA build of libtorch and rebuild the shim to use a GPU";
                return false;
            }
            if (device_count() == 0)
            {
                reason = "libtorch has CUDA support but sees no device: check the NVIDIA driver (nvidia-smi) and CUDA_VISIBLE_DEVICES";
                return false;
            }
            reason = $"{device_count()} CUDA device(s) available";
            return true;
        }

        public static int device_count() => Checked(NativeMethods.hw_runtime_cuda_device_count(), "cuda.device_count");

        public static void manual_seed_all(ulong seed) => torch.manual_seed(seed);
    }

    /// <summary>libtorch's version, e.g. <c>1.13.0</c>.</summary>
    public static string version => Marshal.PtrToStringUTF8(NativeMethods.hw_runtime_version()) ?? "?";

    /// <summary>The path of the libtorch library actually loaded.</summary>
    public static string library_path => NativeMethods.TakeString(NativeMethods.hw_runtime_library_path(), "library_path");

    /// <summary>libtorch's build configuration (BLAS, OpenMP, CPU capability...), as <c>torch.__config__.show()</c>.</summary>
    public static string config() => NativeMethods.TakeString(NativeMethods.hw_runtime_config(), "config");

    /// <summary>The BLAS library mapped into this process (after a first matrix product), e.g.
    /// <c>/usr/lib/x86_64-linux-gnu/openblas-pthread/libblas.so.3</c>; null when none is mapped.
    /// The reference BLAS is about 35x slower than OpenBLAS for training.</summary>
    public static string? blas_library()
    {
        using (no_grad())
        using (var a = ones(64, 64))
        using (var b = a.matmul(a)) { }
        const string maps = "/proc/self/maps";
        if (!File.Exists(maps)) return null;
        string? found = null;
        foreach (var line in File.ReadLines(maps))
        {
            var slash = line.IndexOf('/');
            if (slash < 0) continue;
            var path = line[slash..];
            // libtorch calls sgemm through libblas.so.3; the Debian alternative decides which one that is
            // (openblas-pthread/libblas.so.3 fast, blas/libblas.so.3 the slow reference).
            if (Path.GetFileName(path).StartsWith("libblas.so", StringComparison.Ordinal)) return path;
            if (Path.GetFileName(path).Contains("mkl_rt", StringComparison.Ordinal)) found ??= path;
        }
        return found;
    }

    private static int Checked(int status, string context) => status >= 0 ? status : throw NativeMethods.LastError(context);
}

/// <summary>Switches gradient recording on this thread and restores it when disposed.</summary>
public sealed class GradMode : IDisposable
{
    private readonly bool previous;
    private bool disposed;

    internal GradMode(bool enabled)
    {
        previous = NativeMethods.hw_autograd_is_enabled() != 0;
        NativeMethods.hw_autograd_set_enabled(enabled ? 1 : 0);
    }

    public void Dispose()
    {
        if (disposed) return;
        disposed = true;
        NativeMethods.hw_autograd_set_enabled(previous ? 1 : 0);
    }
}
