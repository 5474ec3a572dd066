using System.Diagnostics;
using System.Globalization;
using HydroWorkshop.Common;
using HydroWorkshop.Data;
using HydroWorkshop.Data.Synthetic;
using HydroWorkshop.Engine.Benchmarks;
using TorchSharp;
using static TorchSharp.torch;

// Usage: dotnet run -c Release --project tests/HydroWorkshop.Data.Benchmarks [-- --data DIR --batch 256 --seq 365 --hidden 64 --steps 10]
// Loads the 19 NWC CAMELS-US basins (NLDAS, 5 forcings + 27 attributes, 20 water years), iterates one shuffled epoch of
// batches and, in the same run, times the workshop LSTM training step on batches of the same shape. Prints load time,
// batches per second, memory against the raw arrays, and batch assembly as a fraction of a training step (goal < 10 %).
var batchSize = Option("--batch", 256);
var sequenceLength = Option("--seq", 365);
var hidden = Option("--hidden", 64);
var steps = Option("--steps", 10);
var dataArgument = Array.IndexOf(args, "--data") is var d and >= 0 && d + 1 < args.Length ? args[d + 1] : null;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
if (Option("--threads", 0) is > 0 and var threads) set_num_threads(threads);   // default: libtorch's own choice

var process = Process.GetCurrentProcess();
var nwc = dataArgument ?? ProjectPaths.SharedDataSet("camels_us_nwc_sample");
IBasinSource source;
string label;
if (nwc is not null)
{
    // The NWC sample lacks 01022500 in its attribute files; the full 671-basin attribute files of the neuralhydrology
    // test data fill that gap when present (same CAMELS v2.0 attributes).
    var fullAttributes = ProjectPaths.SharedDataSet("camels_us_nh_testdata") is { } nh ? Path.Combine(nh, "camels_attributes_v2.0") : null;
    source = CamelsUs.Open(nwc, ["nldas"], fullAttributes);
    label = $"CAMELS-US NWC sample ({nwc}), NLDAS" + (fullAttributes is null ? "" : ", attributes from camels_us_nh_testdata");
}
else
{
    var folder = Path.Combine(Path.GetTempPath(), "hw-data-benchmark-synthetic");
    SyntheticCamels.EnsureGenerated(folder,
        new SyntheticCamelsOptions { Basins = 19, Start = new DateOnly(1993, 1, 1), End = new DateOnly(2013, 12, 31) });
    source = CamelsUs.Open(folder);
    label = "synthetic basins (no ../shared/data/camels_us_nwc_sample here)";
}
var statics = source.Attributes.BasinIds.Count > 0 ? CamelsData.StandardAttributes : [];
var options = new BasinDataSetOptions
{
    Inputs = ["prcp(mm/day)", "srad(W/m2)", "tmax(C)", "tmin(C)", "vp(Pa)"],
    Statics = statics,
    Period = Period.Parse("1993-10-01", "2013-09-30"),
    SequenceLength = sequenceLength,
};

Console.WriteLine("HydroWorkshop data benchmark: CAMELS loading and batch assembly vs one LSTM training step");
Console.WriteLine($"  data: {label}");
Console.WriteLine(
    $"  {source.BasinIds.Count} basins, period {options.Period}, inputs {options.Inputs.Count} + statics {options.Statics.Count}; batch {batchSize}, seq {sequenceLength}; threads {get_num_threads()}");

GC.Collect();
var managedBefore = GC.GetTotalMemory(true);
var workingBefore = Refresh().WorkingSet64;
var watch = Stopwatch.StartNew();
// Live managed heap, sampled right after each basin is read (its raw record still alive): the load's high-water mark.
// A second, timed load runs without the sampling (full collections distort the time).
long managedPeakLoad = managedBefore;
var gate = new object();
BasinDataSet.Create(source, options,
    progress: new SampleHeap(() => { var live = GC.GetTotalMemory(true); lock (gate) managedPeakLoad = Math.Max(managedPeakLoad, live); }));
var coldSeconds = watch.Elapsed.TotalSeconds;
GC.Collect();
managedBefore = GC.GetTotalMemory(true);
watch.Restart();
var dataSet = BasinDataSet.Create(source, options);
var loadSeconds = watch.Elapsed.TotalSeconds;
GC.Collect();
var managedAfter = GC.GetTotalMemory(true);
managedPeakLoad = Math.Max(managedPeakLoad, managedAfter);   // the sampled points precede the window index
Console.WriteLine(
    $"  load: {loadSeconds:F2} s for {dataSet.BasinIds.Count} basins, {dataSet.Count} windows ({dataSet.Report.WindowsWithMissingInputs} skipped for missing inputs)");

// One epoch, shuffled.
var baseline = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
using var generator = new Generator(42);
var batches = 0;
double assembleSeconds = 0;
var batchTimes = new List<double>();
watch.Restart();
var started = Stopwatch.GetTimestamp();
foreach (var batch in dataSet.Batches(batchSize, generator))
{
    batchTimes.Add(Stopwatch.GetElapsedTime(started).TotalSeconds);
    batch.Dispose();
    batches++;
    started = Stopwatch.GetTimestamp();
}
assembleSeconds = watch.Elapsed.TotalSeconds;
if (DisposeScopeManager.Statistics.ThreadTotalLiveCount != baseline) throw new InvalidOperationException(
    $"{DisposeScopeManager.Statistics.ThreadTotalLiveCount - baseline} batch tensors leaked");
var workingAfterEpoch = Refresh().PeakWorkingSet64;
var medianBatch = Median(batchTimes.Take(Math.Max(1, batchTimes.Count - 1)));   // the last batch is smaller

// The workshop LSTM training step on batches of the same shape, same process.
var stepTimes = new List<double>();
using (var step = new LstmTrainingStep(batchSize, sequenceLength, dataSet.InputFeatures, hidden))
{
    for (var k = 0; k < 3; k++) step.Step();
    for (var k = 0; k < steps; k++)
    {
        watch.Restart();
        step.Step();
        stepTimes.Add(watch.Elapsed.TotalSeconds);
    }
}
var medianStep = Median(stepTimes);

var raw = dataSet.Report.RawBytes;
Console.WriteLine();
Console.WriteLine(
    $"  load time                     {loadSeconds,10:F2} s  (again, JIT warm; first load {coldSeconds:F2} s with heap sampling)");
Console.WriteLine(
    $"  epoch                         {assembleSeconds,10:F2} s, {batches} batches, {batches / assembleSeconds,8:F1} batches/s");
Console.WriteLine(
    $"  batch assembly (median)       {medianBatch * 1000,10:F2} ms  [{batchSize}, {sequenceLength}, {dataSet.InputFeatures}] float32");
Console.WriteLine(
    $"  LSTM training step (median)   {medianStep * 1000,10:F2} ms  hidden {hidden}, nn.LSTM + head + masked MSE + optim.Adam");
Console.WriteLine($"  assembly / step               {medianBatch / medianStep * 100,10:F2} %   (goal < 10 %)");
Console.WriteLine($"  raw arrays (as read)          {raw / 1048576.0,10:F1} MiB");
Console.WriteLine(
    $"  data set arrays (kept)        {dataSet.ArrayBytes / 1048576.0,10:F1} MiB  = {dataSet.ArrayBytes / (double)raw:F2} x raw");
Console.WriteLine(
    $"  every window materialised      {(double)dataSet.Count * sequenceLength * dataSet.InputFeatures * 4 / 1073741824.0,10:F1} GiB  (what views avoid)");
Console.WriteLine(
    $"  live heap peak during load    {(managedPeakLoad - managedBefore) / 1048576.0,10:F1} MiB  = {(managedPeakLoad - managedBefore) / (double)raw:F2} x raw (goal < 2)");
Console.WriteLine($"  managed heap after load       {(managedAfter - managedBefore) / 1048576.0,10:F1} MiB");
Console.WriteLine(
    $"  process peak working set      {workingAfterEpoch / 1048576.0,10:F1} MiB (from {workingBefore / 1048576.0:F1} MiB before loading; includes libtorch)");
return 0;

Process Refresh()
{
    process.Refresh();
    return process;
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

/// <summary>Calls back synchronously on the reporting thread (Progress&lt;T&gt; would post it elsewhere).</summary>
sealed class SampleHeap(Action sample) : IProgress<string>
{
    public void Report(string value) => sample();
}
