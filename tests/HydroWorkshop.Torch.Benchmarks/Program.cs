using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using HydroWorkshop.Torch;
using HydroWorkshop.Torch.Benchmarks;
using static HydroWorkshop.Torch.torch;

// Usage: dotnet run -c Release --project tests/HydroWorkshop.Torch.Benchmarks [-- --threads N --repeats N]
// Runs the LSTM training step from C# and, in the same run, from PyTorch (Debian's /usr/bin/python3 with
// python3-torch), alternating rounds so that both see the same machine state; prints both medians and the ratio.
const int Batch = 256, Steps = 365, Inputs = 5, Hidden = 64, Warmup = 3;
var threads = Option("--threads", Environment.ProcessorCount);
var repeats = Option("--repeats", 10);
var rounds = Option("--rounds", 2);
var python = Environment.GetEnvironmentVariable("DEBIAN_PYTHON") ?? "/usr/bin/python3";
set_num_threads(threads);

Console.WriteLine("HydroWorkshop tensor-engine benchmark: one LSTM training step");
Console.WriteLine($"  batch {Batch}, {Steps} steps, {Inputs} inputs, hidden {Hidden}; aten::lstm + linear head + MSE + Adam (tensor ops)");
Console.WriteLine($"  libtorch {version} ({library_path})");
Console.WriteLine($"  BLAS {blas_library() ?? "(none mapped)"}; OPENBLAS_CORETYPE={Environment.GetEnvironmentVariable("OPENBLAS_CORETYPE") ?? "(unset)"}");
Console.WriteLine($"  threads {get_num_threads()}; {repeats} timed steps after {Warmup} warm-up, {rounds} alternating rounds");

var csharpTimes = new List<double>();
var pythonTimes = new List<double>();
string? pythonVersion = null;
for (var round = 0; round < rounds; round++)
{
    using (var step = new LstmTrainingStep(Batch, Steps, Inputs, Hidden))
    {
        for (var k = 0; k < Warmup; k++) step.Step();
        for (var k = 0; k < repeats; k++)
        {
            var watch = Stopwatch.StartNew();
            step.Step();
            csharpTimes.Add(watch.Elapsed.TotalSeconds);
        }
    }
    var result = RunPython();
    pythonVersion = result.GetProperty("torch").GetString();
    pythonTimes.AddRange(result.GetProperty("times_s").EnumerateArray().Select(e => e.GetDouble()));
    Console.WriteLine($"  round {round + 1}: C# median {Median(csharpTimes[^repeats..]) * 1000:F1} ms, PyTorch median {Median(pythonTimes[^repeats..]) * 1000:F1} ms");
}

var csharp = Median(csharpTimes);
var pytorch = Median(pythonTimes);
Console.WriteLine();
Console.WriteLine($"  C# (HydroWorkshop.Torch)   median {csharp * 1000,8:F1} ms/step");
Console.WriteLine($"  Python (PyTorch {pythonVersion})  median {pytorch * 1000,8:F1} ms/step");
Console.WriteLine($"  ratio C# / Python          {csharp / pytorch,8:F3}   (goal <= 1.05)");
return 0;

JsonElement RunPython()
{
    var script = Path.Combine(AppContext.BaseDirectory, "lstm_step.py");
    var info = new ProcessStartInfo(python)
    {
        RedirectStandardOutput = true,
        RedirectStandardError = true,
        ArgumentList = { script, $"{Batch}", $"{Steps}", $"{Inputs}", $"{Hidden}", $"{threads}", $"{Warmup}", $"{repeats}" },
    };
    using var process = Process.Start(info) ?? throw new InvalidOperationException($"cannot start {python}");
    var stdout = process.StandardOutput.ReadToEnd();
    var stderr = process.StandardError.ReadToEnd();
    process.WaitForExit();
    if (process.ExitCode != 0)
        throw new InvalidOperationException($"{python} {script} failed ({process.ExitCode}); is python3-torch installed? {stderr}");
    return JsonDocument.Parse(stdout).RootElement.Clone();
}

static double Median(IEnumerable<double> values)
{
    var sorted = values.Order().ToArray();
    return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
}

int Option(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
}
