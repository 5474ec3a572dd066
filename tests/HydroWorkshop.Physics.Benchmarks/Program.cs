using System.Diagnostics;
using System.Globalization;
using HydroWorkshop.Common;
using HydroWorkshop.FloodData;
using HydroWorkshop.Physics;

// Usage: dotnet run -c Release --project tests/HydroWorkshop.Physics.Benchmarks [-- --experiment [--variants]]
// Prints the solver's cell updates per second on the default flume at 1 and 2 threads side by side, the wall time of
// one default data-set event (100 frames every 0.4 s), and with --experiment the Soares-Frazao (2007) gauge table and
// the model time at which the measured 1 s and 3 s surface-velocity fields match the model best.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
var flume = new LaboratoryFlume();
var options = new FlumeGeneratorOptions { OutputFolder = "." };
var parameters = flume.Sample(new Random(FlumeDataSetGenerator.EventSeed(options.Seed, 0)));
var simulated = (options.Frames - 1) * options.FrameInterval;
Console.WriteLine($"default flume: {flume.Rows} x {flume.Columns} cells of {flume.CellSize} m, event 0 of seed {options.Seed}: " +
                  $"peak {parameters.PeakDischarge:F3} m3/s, {parameters.Obstacles.Count} blocks, {simulated:F1} s simulated");
Console.WriteLine($"machine: {Environment.ProcessorCount} logical cores, .NET {Environment.Version}{LoadAverage()}");

// Warm-up (JIT, tiered compilation) before any timing.
Measure(1, 5.0);

var results = new List<(int Threads, double Seconds, double CpuSeconds, long Steps, double Rate)>();
foreach (var threads in new[] { 1, 2 })
{
    var best = Enumerable.Range(0, 3).Select(_ => Measure(threads, simulated)).MinBy(r => r.Seconds);
    results.Add((threads, best.Seconds, best.CpuSeconds, best.Steps, best.Steps * (double)flume.Rows * flume.Columns / best.Seconds));
}
Console.WriteLine();
// On a shared machine the wall-clock figures drop with the load; updates per CPU-second of this process do not.
Console.WriteLine("threads  wall per event (s)  time steps  cell updates per second  per CPU-second  speed-up");
foreach (var r in results)
    Console.WriteLine(
        $"{r.Threads,7}  {r.Seconds,18:F2}  {r.Steps,10}  {r.Rate,23:E3}  {r.Steps * (double)flume.Rows * flume.Columns / r.CpuSeconds,14:E3}  {results[0].Seconds / r.Seconds,8:F2}");
Console.WriteLine($"simulated/wall time ratio at 2 threads: {simulated / results[^1].Seconds:F1}x real time{LoadAverage()}");

if (args.Contains("--experiment"))
{
    var folder = ProjectPaths.SharedDataSet("flume_soares_frazao_2007_isolated_obstacle");
    if (folder is null)
    {
        Console.WriteLine("\n(--experiment: data set flume_soares_frazao_2007_isolated_obstacle not found)");
        return;
    }
    var measured = MeasuredGaugeSeries.Read(Path.Combine(folder, "shallow_water/use_cases/experiment/data/building_gauges_h.txt"));
    var clock = Stopwatch.StartNew();
    var (times, depths) = new IsolatedBuildingExperiment(cellSize: 0.05, channelEnd: 12, channelDepth: 0).Simulate();
    Console.WriteLine($"\nSoares-Frazao & Zech (2007) isolated building, 5 cm grid, 30 s simulated in {clock.Elapsed.TotalSeconds:F1} s:");
    Console.Write(GaugeComparison.Table(IsolatedBuildingExperiment.Gauges.Select((g, k) =>
        GaugeComparison.Compare(g.Name, times, depths[k], measured.Times, measured.Depth(g.Name)))));

    // How the table moves with the numerics and the two uncertain inputs (10 cm grid unless named):
    // docs/articles/results.md quotes these.
    if (args.Contains("--variants"))
    {
        var variants = new (string Name, IsolatedBuildingExperiment Experiment, SolverOptions Options)[]
        {
            ("second order (default), 10 cm", new(cellSize: 0.1, channelEnd: 12, channelDepth: 0), new()),
            ("first order, 10 cm", new(cellSize: 0.1, channelEnd: 12, channelDepth: 0), new() { SecondOrder = false }),
            ("first order, 5 cm", new(cellSize: 0.05, channelEnd: 12, channelDepth: 0), new() { SecondOrder = false }),
            ("Manning n = 0.013, 10 cm", new(cellSize: 0.1, channelEnd: 12, channelDepth: 0, manning: 0.013), new()),
            ("2 cm of water in the channel (sketch's h0), 10 cm", new(cellSize: 0.1, channelEnd: 28.25, channelDepth: 0.02), new()),
        };
        foreach (var (name, experiment, variantOptions) in variants)
        {
            var (variantTimes, variantDepths) = experiment.Simulate(options: variantOptions);
            Console.WriteLine($"\nvariant: {name}");
            Console.Write(GaugeComparison.Table(IsolatedBuildingExperiment.Gauges.Select((g, k) =>
                GaugeComparison.Compare(g.Name, variantTimes, variantDepths[k], measured.Times, measured.Depth(g.Name)))));
        }
    }

    // Where the data's clock stands: the measured surface-velocity fields stamped 1 s and 3 s against the model at a
    // range of times (same 5 cm grid). A field that matches the model best later than its stamp means the data's
    // t = 0 came after the gate opened.
    foreach (var (file, from, to) in new[] { ("building_vel_t01.txt", 0.8, 1.8), ("building_vel_t03.txt", 2.6, 4.6) })
    {
        var field = MeasuredVelocityField.Read(Path.Combine(folder, "shallow_water/use_cases/experiment/data", file));
        var scan = new IsolatedBuildingExperiment(cellSize: 0.05, channelEnd: 12, channelDepth: 0)
            .CompareVelocityField(field, from, to, step: 0.1);
        var best = scan.MaxBy(c => c.MotionAgreement)!;
        Console.WriteLine($"\nmeasured velocity field stamped t = {field.Time} s ({field.Count} points) against the model:");
        Console.Write(VelocityFieldComparison.Table(scan));
        Console.WriteLine($"best moving/still agreement at model t = {best.ModelTime:F2} s ({100 * best.MotionAgreement:F1} %), " +
                          $"{best.ModelTime - field.Time:+0.00;-0.00} s from the stamp; lowest vector RMSE at model t = {scan.MinBy(c => c.VectorRmse)!.ModelTime:F2} s");
    }
}

(double Seconds, double CpuSeconds, long Steps) Measure(int threads, double endTime)
{
    var solver = flume.CreateSolver(parameters, new SolverOptions { Threads = threads });
    var process = Process.GetCurrentProcess();
    var cpu = process.TotalProcessorTime;
    var clock = Stopwatch.StartNew();
    solver.Run(endTime, options.FrameInterval, _ => { });
    var wall = clock.Elapsed.TotalSeconds;
    process.Refresh();
    return (wall, (process.TotalProcessorTime - cpu).TotalSeconds, solver.Steps);
}

// Other processes on a shared machine skew every figure: print the load beside them.
static string LoadAverage() =>
    File.Exists("/proc/loadavg") ? $" (load average {string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3))})" : "";
