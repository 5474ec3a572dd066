using System.Diagnostics;
using System.Globalization;
using System.Text;
using HydroWorkshop.Torch;
using static HydroWorkshop.Torch.torch;

namespace HydroWorkshop.Common;

/// <summary>
/// What the tensor engine runs on, so that a participant sees at once why something is slow or where a GPU
/// went: libtorch and where it was loaded from, the BLAS (and whether it is the slow reference one), threads,
/// CUDA (and why not), and which data sets are present. Used by <c>hw info</c> and notebook 00.
/// </summary>
public static class EnvironmentReport
{
    /// <summary>The report as aligned text lines.</summary>
    public static string Describe()
    {
        var text = new StringBuilder();
        void Line(string name, string value) => text.Append(CultureInfo.InvariantCulture, $"{name,-12} {value}\n");
        Line("libtorch", $"{version} ({library_path})");
        var blas = blas_library() ?? "(none mapped)";
        Line("BLAS", blas + (IsReferenceBlas(blas) ? "  <- the slow reference BLAS: apt-get install libopenblas0-pthread" : ""));
        Line("core type", $"OPENBLAS_CORETYPE={Environment.GetEnvironmentVariable("OPENBLAS_CORETYPE") ?? "(unset: auto-detected)"}");
        Line("threads", $"{get_num_threads()} of {Environment.ProcessorCount} cores");
        cuda.is_available(out var reason);
        Line("CUDA", reason);
        Line("device", $"{Device.Best()} (Device.Best())");
        Line("real data", ProjectPaths.SharedDataRoot() ?? "none (../shared/data absent): the notebooks use synthetic data");
        return text.ToString();
    }

    /// <summary>True for Debian's reference BLAS, about 35x slower than OpenBLAS.</summary>
    public static bool IsReferenceBlas(string? blasPath) => blasPath?.Contains("/blas/libblas", StringComparison.Ordinal) == true;

    /// <summary>Single-precision matrix-product speed in GFLOP/s (best of a few 1024³ products): about 6 with
    /// the reference BLAS, 100+ per core with OpenBLAS.</summary>
    public static double MatrixProductGflops(int size = 1024, int repeats = 3)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var a = randn(size, size);
        var b = randn(size, size);
        a.matmul(b);
        var best = double.MaxValue;
        for (var k = 0; k < repeats; k++)
        {
            var watch = Stopwatch.StartNew();
            a.matmul(b);
            best = Math.Min(best, watch.Elapsed.TotalSeconds);
        }
        return 2.0 * size * size * size / best / 1e9;
    }
}
