using System.Diagnostics;
using System.Globalization;
using System.Text;
using HydroWorkshop.Engine;
using static TorchSharp.torch;

namespace HydroWorkshop.Common;

/// <summary>
/// What the tensor engine runs on, so that a participant sees at once why something is slow or where a GPU
/// went: TorchSharp and libtorch (version, CPU or CUDA build, MKL/oneDNN, where it was loaded from), threads,
/// CUDA (and why not), and which data sets are present. Used by <c>hw info</c> and notebook 00.
/// </summary>
public static class EnvironmentReport
{
    /// <summary>The report as text lines.</summary>
    public static string Describe()
    {
        var text = new StringBuilder();
        text.Append(EngineInfo.Describe()).Append('\n');
        text.Append(CultureInfo.InvariantCulture, $"device: {Devices.Name(Devices.Best())} (Devices.Best())\n");
        text.Append(CultureInfo.InvariantCulture,
            $"real data: {ProjectPaths.SharedDataRoot() ?? "none (../shared/data absent): the notebooks use synthetic data"}\n");
        return text.ToString();
    }

    /// <summary>Single-precision matrix-product speed in GFLOP/s (best of a few 1024³ products) with libtorch's
    /// MKL at the current thread count: a quick check that the engine runs at the speed this machine allows.</summary>
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
