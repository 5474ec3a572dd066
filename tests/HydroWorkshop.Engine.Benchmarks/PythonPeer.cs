using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace HydroWorkshop.Engine.Benchmarks;

/// <summary>
/// training_steps.py in one long-lived PyTorch process (Debian's /usr/bin/python3 with python3-torch), driven one
/// JSON line per request, so that its rounds interleave with the kit's and torch is imported once. It waits on its
/// standard input while the kit's rounds run.
/// </summary>
public sealed class PythonPeer : IDisposable
{
    private readonly Process process;

    /// <param name="python">The interpreter with torch.</param>
    /// <param name="openBlasThreads">OPENBLAS_NUM_THREADS for the peer.</param>
    /// <param name="libraryPath">A folder put first on the peer's LD_LIBRARY_PATH (e.g. an OpenBLAS libblas.so.3), or null.</param>
    public PythonPeer(string python, int openBlasThreads, string? libraryPath = null)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "training_steps.py");
        var info = new ProcessStartInfo(python)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = false,
            ArgumentList = { script },
        };
        // Debian's PyTorch does its matrix products in OpenBLAS, whose own thread pool torch.set_num_threads does not
        // size; left at every core it fights libtorch's OpenMP threads (measured with the old binding: 25 % slower).
        info.Environment["OPENBLAS_NUM_THREADS"] = $"{openBlasThreads}";
        if (libraryPath is not null)
            info.Environment["LD_LIBRARY_PATH"] = Environment.GetEnvironmentVariable("LD_LIBRARY_PATH") is { Length: > 0 } rest
                ? $"{libraryPath}:{rest}" : libraryPath;
        process = Process.Start(info) ?? throw new InvalidOperationException($"cannot start {python}");
        Hello = Read() ?? throw new InvalidOperationException($"{python} {script} exited at start; is python3-torch installed?");
    }

    /// <summary>The first line: torch version, <c>torch.__config__.show()</c> and <c>parallel_info()</c>.</summary>
    public JsonNode Hello { get; }

    public JsonNode Request(object request)
    {
        process.StandardInput.WriteLine(JsonSerializer.Serialize(request));
        process.StandardInput.Flush();
        var reply = Read() ?? throw new InvalidOperationException("training_steps.py exited");
        if (reply["error"] is { } error) throw new InvalidOperationException($"training_steps.py: {error}");
        return reply;
    }

    private JsonNode? Read()
    {
        var line = process.StandardOutput.ReadLine();
        return line is null ? null : JsonNode.Parse(line);
    }

    public void Dispose()
    {
        process.StandardInput.Close();
        if (!process.WaitForExit(10_000)) process.Kill();
        process.Dispose();
    }
}
