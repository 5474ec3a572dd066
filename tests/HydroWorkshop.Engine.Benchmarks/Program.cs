using System.Diagnostics;
using System.Globalization;
using HydroWorkshop.Checkpoints;
using HydroWorkshop.Engine;
using HydroWorkshop.Engine.Benchmarks;
using TorchSharp;
using static TorchSharp.torch;

// Usage: dotnet run -c Release --project tests/HydroWorkshop.Engine.Benchmarks [-- --rounds 3 --threads 1,2
//            --workloads lstm-workshop,lstm-camels,transformer,transformer-predict,convlstm --python-blas DIR]
// --python-blas DIR puts DIR first on the PyTorch peer's LD_LIBRARY_PATH, e.g. the folder of OpenBLAS's libblas.so.3
// where Debian's libblas.so.3 alternative is the reference BLAS (the peer would then be ~10x slower in sgemm; the
// benchmark says so). DEBIAN_PYTHON overrides /usr/bin/python3.
// Training steps (forward, masked MSE, backward, Adam) of the kit's models on TorchSharp beside the same models in
// PyTorch (Debian's /usr/bin/python3, training_steps.py), in one run: per workload, after warm-up, rounds alternate
// kit and PyTorch at each thread count (which side goes first alternates too); medians over all rounds.
// Before timing, each workload's PyTorch peer loads the kit model's state_dict (saved with SafeTensors) and
// reports the largest difference of output, loss and gradients (eval mode, 4 samples).
// About 4-5 minutes on 2 vCPUs. Goal (issue): kit at its best thread count <= 1.05x PyTorch at its best on every
// workload, and >= 1.25x faster (ratio <= 0.8) on both LSTM steps.
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var rounds = int.Parse(OptionText("--rounds") ?? "3");
var threadCounts = (OptionText("--threads") ?? "1,2").Split(',').Select(int.Parse).ToArray();
var selected = (OptionText("--workloads") ?? "lstm-workshop,lstm-camels,transformer,transformer-predict,convlstm").Split(',');
var python = Environment.GetEnvironmentVariable("DEBIAN_PYTHON") ?? "/usr/bin/python3";
var pythonBlas = OptionText("--python-blas");
const int PythonOpenBlasThreads = 1;

// Warm-up steps (per side, before its first timed step) and timed steps per round, sized to keep the run near 5 minutes here.
var workloads = new Workload[]
{
    new("lstm-workshop", "LstmRegressor, workshop: batch 256, 365 days, 5 inputs, hidden 64", 1, 2,
        () => new LstmTrainingStep(256, 365, 5, 64), "lstm", new { batch = 256, steps = 365, dynamic = 5, @static = 0, hidden = 64 }),
    new("lstm-camels", "LstmRegressor, CAMELS: batch 256, 365 days, 5 forcings + 27 attributes, hidden 256", 1, 1,
        () => new LstmTrainingStep(256, 365, 5, 256, staticInputs: 27), "lstm",
        new { batch = 256, steps = 365, dynamic = 5, @static = 27, hidden = 256 }),
    new("transformer", "TransformerRegressor: 2 pre-norm layers, d_model 64, 4 heads, ff 256, dropout 0.1, batch 64, 365 days, 5 inputs", 1,
        1,
        () => new TransformerTrainingStep(64, 365, 5), "transformer", new { batch = 64, steps = 365, inputs = 5 }),
    new("transformer-predict", "the same TransformerRegressor predicting (eval mode, no gradients), batch 64, 365 days", 1, 3,
        () => new TransformerTrainingStep(64, 365, 5) { Predict = true }, "transformer",
        new { batch = 64, steps = 365, inputs = 5, predict = true }),
    new("convlstm", "ConvLstm (1 ConvLstmCell, 3x3): flume latent grid 16 x 32, 16 -> 24 channels, 48 frames, batch 2", 1, 2,
        () => new ConvLstmTrainingStep(2, 48, 16, 24, 16, 32), "convlstm",
        new { batch = 2, steps = 48, channels = 16, hidden = 24, rows = 16, columns = 32 }),
};
var unknown = selected.Except(workloads.Select(w => w.Name)).ToArray();
if (unknown.Length > 0) throw new ArgumentException(
    $"unknown workload(s) {string.Join(", ", unknown)}; known: {string.Join(", ", workloads.Select(w => w.Name))}");

EngineInfo.EnsureLoaded();
var total = Stopwatch.StartNew();
using var peer = new PythonPeer(python, PythonOpenBlasThreads, pythonBlas);
Console.WriteLine("HydroWorkshop engine benchmark: the kit's training steps on TorchSharp beside PyTorch, interleaved in one run");
Console.WriteLine("kit (HydroWorkshop.Engine.EngineInfo.Describe()):");
foreach (var line in EngineInfo.Describe().Split('\n')) Console.WriteLine("  " + line.TrimEnd());
foreach (var line in ThreadLines(EngineInfo.ParallelInfo())) Console.WriteLine("  parallel_info: " + line);
Console.WriteLine(
    $"PyTorch {peer.Hello["torch"]} ({python}; OPENBLAS_NUM_THREADS={peer.Hello["openblas_num_threads"]}), torch.__config__.show():");
foreach (var line in ConfigLines((string?)peer.Hello["config"])) Console.WriteLine("  " + line);
var pythonBlasFiles = peer.Hello["blas"]!.AsArray().Select(e => (string)e!).ToArray();
Console.WriteLine(
    $"  BLAS loaded: {(pythonBlasFiles.Length == 0 ? "(none found)" : string.Join(", ", pythonBlasFiles))}{(pythonBlas is null ? "" : $" (--python-blas {pythonBlas})")}");
// Debian's reference BLAS lives in .../blas/libblas.so.3 (OpenBLAS in .../openblas-*/): about 10x slower in sgemm.
var referenceBlas = pythonBlasFiles.Any(f => f.Contains("/blas/libblas.so", StringComparison.Ordinal))
    && !pythonBlasFiles.Any(f => f.Contains("openblas", StringComparison.OrdinalIgnoreCase));
if (referenceBlas)
    Console.WriteLine(
        "  WARNING: PyTorch runs on the reference BLAS (no OpenBLAS): its matrix products are ~10x slow, so the ratios below flatter the kit. "
        + "Install libopenblas0-pthread, or pass --python-blas with the folder of an OpenBLAS libblas.so.3.");
foreach (var line in ThreadLines((string?)peer.Hello["parallel"])) Console.WriteLine("  parallel_info: " + line);
Console.WriteLine(
    $"threads {string.Join(" and ", threadCounts)} on both sides (torch.set_num_threads); {rounds} rounds; {Environment.ProcessorCount} logical cores");

var results = new List<(Workload Workload, double[] Kit, double[] PyTorch)>();
foreach (var workload in workloads.Where(w => selected.Contains(w.Name)))
{
    Console.WriteLine($"\n{workload.Name}: {workload.Description}");
    using var kit = workload.Make();
    var setup = peer.Request(new { cmd = "setup", workload = workload.PythonName, args = workload.PythonArgs });
    Parity(kit, workload, (long)setup["parameters"]!);
    var kitTimes = threadCounts.Select(_ => new List<double>()).ToArray();
    var pythonTimes = threadCounts.Select(_ => new List<double>()).ToArray();
    for (var round = 0; round < rounds; round++)
    {
        for (var k = 0; k < threadCounts.Length; k++)
        {
            var warmup = round == 0 && k == 0 ? workload.Warmup : 0;   // once per side: the steps are seconds, a thread pool's start is not
            if (round % 2 == 0)
            {
                kitTimes[k].AddRange(TimeKit(kit, threadCounts[k], warmup, workload.Steps));
                pythonTimes[k].AddRange(TimePython(threadCounts[k], warmup, workload.Steps));
            }
            else
            {
                pythonTimes[k].AddRange(TimePython(threadCounts[k], warmup, workload.Steps));
                kitTimes[k].AddRange(TimeKit(kit, threadCounts[k], warmup, workload.Steps));
            }
        }
        Console.WriteLine($"  round {round + 1}: " + string.Join("   ", threadCounts.Select((t, k) =>
            $"{t} thr: kit {Median(kitTimes[k].TakeLast(workload.Steps)) * 1000:F0} ms, PyTorch {Median(pythonTimes[k].TakeLast(workload.Steps)) * 1000:F0} ms")));
    }
    results.Add((workload, kitTimes.Select(Median).ToArray(), pythonTimes.Select(Median).ToArray()));
}

Console.WriteLine($"\nms per training step (per prediction for -predict; median of {rounds} rounds after warm-up; "
    + $"{total.Elapsed.TotalMinutes:F1} min in all)");
var header = $"{"workload",-20}" + string.Concat(threadCounts.Select(t => $"{"kit " + t + "T",10}"))
    + string.Concat(threadCounts.Select(t => $"{"PyTorch " + t + "T",12}")) + $"{"kit best / PyTorch best",26}   goal";
Console.WriteLine(header);
Console.WriteLine(new string('-', header.Length + 18));
var allMet = true;
foreach (var (workload, kitMedians, pythonMedians) in results)
{
    var kitBest = kitMedians.Min();
    var pythonBest = pythonMedians.Min();
    var ratio = kitBest / pythonBest;
    var isLstm = workload.Name.StartsWith("lstm", StringComparison.Ordinal);
    var limit = isLstm ? 1 / 1.25 : 1.05;
    var met = ratio <= limit;
    allMet &= met;
    Console.WriteLine($"{workload.Name,-20}" + string.Concat(kitMedians.Select(m => $"{m * 1000,10:F1}")) +
        string.Concat(pythonMedians.Select(m => $"{m * 1000,12:F1}"))
        + $"{ratio,18:F3} ({threadCounts[Array.IndexOf(kitMedians, kitBest)]}T/{threadCounts[Array.IndexOf(pythonMedians, pythonBest)]}T)"
        + $"   <= {limit:F2}{(isLstm ? " (1.25x faster)" : "")}: {(met ? "met" : "NOT met")}");
}
if (threadCounts.Length > 1 && results.Count > 0)
{
    // Per thread count, the geometric mean over the workloads of its time relative to the kit's fastest count there.
    var score = threadCounts.Select((_, k) => Math.Exp(results.Average(r => Math.Log(r.Kit[k] / r.Kit.Min())))).ToArray();
    var best = Array.IndexOf(score, score.Min());
    Console.WriteLine(
        $"kit's best thread count: {threadCounts[best]} (fastest on {results.Count(r => Array.IndexOf(r.Kit, r.Kit.Min()) == best)} of {results.Count} workloads; "
        + "time relative to the best count, geometric mean: " + string.Join(", ", threadCounts.Select((t, k) => $"{t}T {score[k]:F2}")) +
            ")");
}
Console.WriteLine($"goal (kit <= 1.05x PyTorch everywhere, >= 1.25x faster on both LSTM steps): {(allMet ? "met" : "NOT met")}"
    + (referenceBlas ? " -- against PyTorch on the reference BLAS, not a fair peer (see the warning above)" : ""));
return 0;

IEnumerable<double> TimeKit(TrainingStep step, int threads, int warmup, int steps)
{
    torch.set_num_threads(threads);
    for (var k = 0; k < warmup; k++) step.Step();
    var times = new double[steps];
    for (var k = 0; k < steps; k++)
    {
        var watch = Stopwatch.StartNew();
        step.Step();
        times[k] = watch.Elapsed.TotalSeconds;
    }
    return times;
}

IEnumerable<double> TimePython(int threads, int warmup, int steps)
{
    var reply = peer.Request(new { cmd = "time", threads, steps, warmup });
    return reply["times_s"]!.AsArray().Select(e => (double)e!);
}

void Parity(TrainingStep kit, Workload workload, long pythonParameters)
{
    var path = Path.Combine(Path.GetTempPath(), $"hw-engine-benchmark-{Environment.ProcessId}-{workload.Name}.safetensors");
    var tensors = kit.ParityTensors(4);
    try
    {
        SafeTensors.Save(tensors, path);
        var reply = peer.Request(new { cmd = "parity", path });
        Console.WriteLine(
            $"  same weights ({reply["keys"]} state_dict tensors, {pythonParameters} parameters), 4 samples, eval mode: max |kit - PyTorch| "
            +
                $"output {(double)reply["output"]!:G3} (|output| up to {(double)reply["output_scale"]!:G3}), loss {(double)reply["loss"]!:G3}, "
            + $"gradients {(double)reply["grad"]!:G3} (|gradient| up to {(double)reply["grad_scale"]!:G3})");
    }
    finally
    {
        foreach (var t in tensors.Values) t.Dispose();
        File.Delete(path);
    }
}

static double Median(IEnumerable<double> values)
{
    var sorted = values.Order().ToArray();
    return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
}

// BLAS, MKL, oneDNN (MKL-DNN), OpenMP, CPU capability and LAPACK lines of torch.__config__.show().
static IEnumerable<string> ConfigLines(string? config)
{
    foreach (var raw in (config ?? "").Split('\n'))
    {
        var t = raw.Trim().TrimStart('-').Trim();
        if (t.Contains("Math Kernel Library", StringComparison.Ordinal) || t.Contains("MKL-DNN", StringComparison.Ordinal)
            || t.StartsWith("oneDNN", StringComparison.Ordinal)
            || t.StartsWith("OpenMP", StringComparison.Ordinal) || t.StartsWith("CPU capability", StringComparison.Ordinal)
            || t.StartsWith("LAPACK", StringComparison.Ordinal))
            yield return t;
        foreach (var field in t.Split(','))
        {
            var f = field.Trim();
            if (f.StartsWith("BLAS_INFO", StringComparison.Ordinal) || f.StartsWith("LAPACK_INFO", StringComparison.Ordinal)
                || f.StartsWith("USE_MKL", StringComparison.Ordinal)
                || f.StartsWith("USE_MKLDNN", StringComparison.Ordinal) || f.StartsWith("USE_OPENMP", StringComparison.Ordinal))
                yield return f;
        }
    }
}

// The thread lines of parallel_info(): ATen's and MKL's thread counts and the OpenMP/MKL environment.
static IEnumerable<string> ThreadLines(string? info) =>
    (info ?? "").Split('\n').Select(l => l.Trim())
        .Where(l => l.StartsWith("at::get_num_threads", StringComparison.Ordinal)
            || l.StartsWith("at::get_num_interop_threads", StringComparison.Ordinal)
            || l.StartsWith("OpenMP ", StringComparison.Ordinal) || l.StartsWith("omp_get_max_threads", StringComparison.Ordinal)
            || l.StartsWith("mkl_get_max_threads", StringComparison.Ordinal) || l.StartsWith("Intel(R) MKL-DNN", StringComparison.Ordinal)
            || l.StartsWith("ATen parallel backend", StringComparison.Ordinal) || l.StartsWith("MKL_NUM_THREADS", StringComparison.Ordinal)
            || l.StartsWith("OMP_NUM_THREADS", StringComparison.Ordinal));

string? OptionText(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}

/// <summary>One benchmarked workload: the kit's step, its warm-up and timed steps per round, and its PyTorch peer.</summary>
internal sealed record Workload(string Name, string Description, int Warmup, int Steps, Func<TrainingStep> Make, string PythonName,
    object PythonArgs);
