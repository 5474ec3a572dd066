using Xunit;

namespace HydroWorkshop.Torch.Tests;

/// <summary>
/// For tests that need a GPU: skipped, with libtorch's own reason shown (a CPU-only build, or no device),
/// where CUDA cannot be used. CI has no GPU; README's "Checking a CUDA build" runs them on one.
/// </summary>
public static class CudaOnly
{
    /// <summary>Tolerances for CUDA against PyTorch's CPU fixtures: CUDA's reductions and cuBLAS/cuDNN sum
    /// in another order than the CPU kernels. Parity runs go through <see cref="WithoutTf32"/>, since TF32
    /// alone puts cuDNN's LSTM 5e-4 (relative) off.</summary>
    public const double ValueRtol = 1e-4, ValueAtol = 1e-5, GradRtol = 1e-3, GradAtol = 1e-4;

    public static void SkipUnlessAvailable()
    {
        var available = torch.cuda.is_available(out var reason);
        Assert.SkipUnless(available, $"needs CUDA: {reason}");
    }

    /// <summary>Runs <paramref name="check"/> with TF32 off in cuDNN and cuBLAS, then restores both.</summary>
    public static void WithoutTf32(Action check)
    {
        var (cudnn, matmul) = (torch.backends.cudnn.allow_tf32, torch.backends.cuda.matmul.allow_tf32);
        torch.backends.cudnn.allow_tf32 = false;
        torch.backends.cuda.matmul.allow_tf32 = false;
        try { check(); }
        finally
        {
            torch.backends.cudnn.allow_tf32 = cudnn;
            torch.backends.cuda.matmul.allow_tf32 = matmul;
        }
    }

    /// <summary>Runs <paramref name="check"/> on every case with TF32 off and fails once, listing every case that
    /// failed (one test for all of them, so a machine without CUDA shows one skip, not a hundred).</summary>
    public static void EveryCase(string what, IEnumerable<string> names, Action<string> check)
    {
        SkipUnlessAvailable();
        var all = names.Order().ToList();
        var failures = new List<string>();
        foreach (var name in all)
        {
            try { WithoutTf32(() => check(name)); }
            catch (Exception e) { failures.Add($"{name}: {e.GetType().Name}: {e.Message}"); }
        }
        Assert.True(failures.Count == 0, $"{failures.Count} of {all.Count} {what} fail on CUDA:\n{string.Join("\n", failures)}");
    }
}
