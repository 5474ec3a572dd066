using System.Diagnostics;
using HydroWorkshop.Torch;
using Xunit;
using static HydroWorkshop.Torch.torch;

namespace HydroWorkshop.Torch.Tests;

/// <summary>
/// Debian's libtorch-dev pulls the reference BLAS (about 6 GFLOP/s in sgemm here); OpenBLAS is about 35x
/// faster. These fail when the slow one is what libtorch calls.
/// </summary>
public class BlasTests(ITestOutputHelper output)
{
    [Fact]
    public void BlasLibrary_Loaded_IsNotTheReferenceBlas()
    {
        var blas = blas_library();
        output.WriteLine($"BLAS: {blas ?? "(none mapped)"}; OPENBLAS_CORETYPE={Environment.GetEnvironmentVariable("OPENBLAS_CORETYPE") ?? "(unset)"}");
        // PyTorch's own builds link MKL in and map no separate BLAS; Debian's libtorch always maps one.
        Assert.SkipWhen(blas is null && config().Contains("MKL"), "libtorch links MKL in (no separate BLAS library to check)");
        Assert.NotNull(blas);
        Assert.DoesNotContain("/blas/libblas", blas);
    }

    [Fact]
    public void Sgemm_1024Cubed_FasterThanReferenceBlasByFar()
    {
        using var scope = NewDisposeScope();
        var a = randn(1024, 1024);
        var b = randn(1024, 1024);
        using (a.matmul(b)) { }
        var best = double.MaxValue;
        for (var k = 0; k < 5; k++)
        {
            var watch = Stopwatch.StartNew();
            using (a.matmul(b)) { }
            best = Math.Min(best, watch.Elapsed.TotalSeconds);
        }
        var gflops = 2.0 * 1024 * 1024 * 1024 / best / 1e9;
        output.WriteLine($"sgemm 1024^3: {gflops:F1} GFLOP/s with {get_num_threads()} threads");
        // The reference BLAS manages about 6; OpenBLAS over 100 per core. 20 leaves room for a busy machine.
        Assert.True(gflops > 20, $"sgemm at {gflops:F1} GFLOP/s: libtorch is using a slow BLAS ({blas_library()})");
    }
}
