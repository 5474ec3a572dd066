using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using HydroWorkshop.Torch.Benchmarks;
using static HydroWorkshop.Torch.torch;

// Usage: dotnet run -c Release --project tests/HydroWorkshop.Torch.Benchmarks [-- --threads N --repeats N --rounds N --models lstm,transformer,convlstm]
// Defaults: libtorch's thread count, 8 timed steps per round, 3 rounds.
// Each training step runs from C# and, in the same run, from PyTorch (Debian's /usr/bin/python3 with python3-torch),
// in alternating rounds so that both see the same machine state; prints both medians and the ratio (goal <= 1.05).
const int Warmup = 3;
// libtorch's default thread count is the number of physical cores. On this machine's 2 vCPUs (one core,
// hyper-threaded) two OpenMP threads make the LSTM step about 3x slower than one, so the default is libtorch's.
var threads = Option("--threads", get_num_threads());
var repeats = Option("--repeats", 8);
var rounds = Option("--rounds", 3);
var models = (OptionText("--models") ?? "lstm,transformer,convlstm").Split(',');
var python = Environment.GetEnvironmentVariable("DEBIAN_PYTHON") ?? "/usr/bin/python3";
set_num_threads(threads);

var steps = new Dictionary<string, (string Description, Func<ITrainingStep> Make)>
{
    ["lstm"] = ("LSTM: batch 256, 365 steps, 5 inputs, hidden 64 (aten::lstm), linear head, MSE, Adam", () => new LstmTrainingStep()),
    ["transformer"] = ("Transformer: 2 encoder layers, d_model 64, 4 heads, ff 256, seq 365, batch 64, dropout 0.1", () => new TransformerTrainingStep()),
    ["convlstm"] = ("ConvLSTM: Conv2d gates, 16 hidden, 3x3, 64x64 grid, 12 steps, batch 8", () => new ConvLstmTrainingStep()),
};

Console.WriteLine("HydroWorkshop tensor-engine benchmark: training steps, C# beside PyTorch in the same run");
Console.WriteLine($"  libtorch {version} ({library_path})");
Console.WriteLine($"  BLAS {blas_library() ?? "(none mapped)"}; OPENBLAS_CORETYPE={Environment.GetEnvironmentVariable("OPENBLAS_CORETYPE") ?? "(unset)"}");
Console.WriteLine($"  threads {get_num_threads()} (libtorch and OpenBLAS, both sides); {repeats} timed steps after {Warmup} warm-up, {rounds} alternating rounds");
var summary = new List<string>();
foreach (var name in models)
{
    if (!steps.TryGetValue(name, out var model)) throw new ArgumentException($"unknown model '{name}'; known: {string.Join(", ", steps.Keys)}");
    Console.WriteLine($"\n{model.Description}");
    var csharpTimes = new List<double>();
    var pythonTimes = new List<double>();
    string? pythonVersion = null;
    for (var round = 0; round < rounds; round++)
    {
        using (var step = model.Make())
        {
            for (var k = 0; k < Warmup; k++) step.Step();
            for (var k = 0; k < repeats; k++)
            {
                var watch = Stopwatch.StartNew();
                step.Step();
                csharpTimes.Add(watch.Elapsed.TotalSeconds);
            }
        }
        var result = RunPython(name);
        pythonVersion = result.GetProperty("torch").GetString();
        pythonTimes.AddRange(result.GetProperty("times_s").EnumerateArray().Select(e => e.GetDouble()));
        Console.WriteLine($"  round {round + 1}: C# median {Median(csharpTimes[^repeats..]) * 1000:F1} ms, PyTorch median {Median(pythonTimes[^repeats..]) * 1000:F1} ms");
    }
    var csharp = Median(csharpTimes);
    var pytorch = Median(pythonTimes);
    Console.WriteLine($"  C# (HydroWorkshop.Torch)   median {csharp * 1000,8:F1} ms/step");
    Console.WriteLine($"  Python (PyTorch {pythonVersion})  median {pytorch * 1000,8:F1} ms/step");
    Console.WriteLine($"  ratio C# / Python          {csharp / pytorch,8:F3}   (goal <= 1.05)");
    summary.Add($"{name,-12} C# {csharp * 1000,8:F1} ms   PyTorch {pytorch * 1000,8:F1} ms   ratio {csharp / pytorch:F3}");
}
Console.WriteLine("\nsummary");
foreach (var line in summary) Console.WriteLine("  " + line);
return 0;

JsonElement RunPython(string model)
{
    var script = Path.Combine(AppContext.BaseDirectory, "training_steps.py");
    var info = new ProcessStartInfo(python)
    {
        RedirectStandardOutput = true,
        RedirectStandardError = true,
        ArgumentList = { script, model, $"{threads}", $"{Warmup}", $"{repeats}" },
    };
    // The same BLAS pool size as the C# side (torch.set_num_threads sizes OpenBLAS's pool too; PyTorch's does not).
    info.Environment["OPENBLAS_NUM_THREADS"] = $"{threads}";
    using var process = Process.Start(info) ?? throw new InvalidOperationException($"cannot start {python}");
    var stdout = process.StandardOutput.ReadToEnd();
    var stderr = process.StandardError.ReadToEnd();
    process.WaitForExit();
    if (process.ExitCode != 0)
        throw new InvalidOperationException($"{python} {script} {model} failed ({process.ExitCode}); is python3-torch installed? {stderr}");
    return JsonDocument.Parse(stdout).RootElement.Clone();
}

static double Median(IEnumerable<double> values)
{
    var sorted = values.Order().ToArray();
    return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
}

int Option(string name, int fallback)
{
    var text = OptionText(name);
    return text is null ? fallback : int.Parse(text, CultureInfo.InvariantCulture);
}

string? OptionText(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}
