using HydroWorkshop.Common;
using HydroWorkshop.Torch;
using static HydroWorkshop.Torch.torch;

namespace HydroWorkshop.Cli;

/// <summary><c>hw info</c>: what the tensor engine runs on, so a participant can see at once why
/// something is slow or where a GPU went.</summary>
internal static class EnvironmentReport
{
    public static int Print()
    {
        Console.WriteLine($"libtorch     {version} ({library_path})");
        var blas = blas_library() ?? "(none mapped)";
        var slow = blas.Contains("/blas/libblas", StringComparison.Ordinal) ? "  <- the slow reference BLAS: apt-get install libopenblas0-pthread" : "";
        Console.WriteLine($"BLAS         {blas}{slow}");
        Console.WriteLine($"core type    OPENBLAS_CORETYPE={Environment.GetEnvironmentVariable("OPENBLAS_CORETYPE") ?? "(unset: auto-detected)"}");
        Console.WriteLine($"threads      {get_num_threads()} of {Environment.ProcessorCount} cores");
        cuda.is_available(out var reason);
        Console.WriteLine($"CUDA         {reason}");
        Console.WriteLine($"device       {Device.Best()} (Device.Best())");
        Console.WriteLine($"real data    {ProjectPaths.SharedDataRoot() ?? "none (../shared/data absent): notebooks use synthetic basins"}");
        return 0;
    }
}
