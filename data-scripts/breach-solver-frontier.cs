#:project ../lib/HydroWorkshop/HydroWorkshop.csproj
#:property PublishAot=false
#:property HydroWorkshopWithoutPlotly=true
// What each of the kit's breach solvers buys at each cost: the Godunov solver (HLLC, first order, the breach generator's
// settings) on the fine grid and on grids 2, 4 and 8 times coarser (its crests and lowered bed), and the subgrid
// local-inertial scheme (BreachScheme.SubgridLocalInertial) on the fine grid and the same coarse grids. Scored as
// hw surrogate evaluate scores (FloodMetrics: MAE over all cells and CSI(0.05 m), frames 1-96), each event's speed-up the
// fine Godunov solver's seconds over the row's, all on one thread, one after the other in this process; median (worst)
// over the events. docs/articles/results.md, "Subgrid solver".
// Usage: dotnet run -c Release data-scripts/breach-solver-frontier.cs -- [test|validation]
//   test: D-HYDRO 500-509 and our breaches 1001-1010 (out/breach-dataset-test); validation: D-HYDRO 73-80 and 1-10
//   (out/breach-dataset). Needs the shared D-HYDRO set and data-scripts/make-breach-dataset.sh's output.
using System.Diagnostics;
using System.Globalization;
using HydroWorkshop.Common;
using HydroWorkshop.FloodData;
using HydroWorkshop.Physics;
using HydroWorkshop.Surrogates;
using static HydroWorkshop.Evaluation.Metrics;   // Median: the kit's one median

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
var split = args.Length > 0 ? args[0] : "test";
if (split is not ("validation" or "test")) { Console.Error.WriteLine($"split '{split}': expected test or validation"); return 2; }
var dHydro = ProjectPaths.SharedDataSet("dike_breach_bentivoglio2023_subset")
    ?? throw new DirectoryNotFoundException("dike_breach_bentivoglio2023_subset not found ($HYDROWORKSHOP_DATA or ../shared/data)");
var repo = ProjectPaths.FindRepositoryRoot() ?? throw new DirectoryNotFoundException("run this from inside the repository");
var sets = split == "validation"
    ? new[] { ("D-HYDRO 73-80", dHydro, Enumerable.Range(73, 8)), ("ours 1-10", Path.Combine(repo, "out/breach-dataset"), Enumerable.Range(1, 10)) }
    : new[] { ("D-HYDRO 500-509", dHydro, Enumerable.Range(500, 10)),
              ("ours 1001-1010", Path.Combine(repo, "out/breach-dataset-test"), Enumerable.Range(1001, 10)) };
const int Cells = 64 * 64;
var solvers = new List<(string Name, int Factor, BreachSimulationOptions Options)> { ("Godunov, fine", 1, BreachSimulationOptions.Generator) };
foreach (var f in new[] { 2, 4, 8 }) solvers.Add(($"Godunov x{f}", f, BreachSimulationOptions.Generator));
foreach (var f in new[] { 1, 2, 4, 8 }) solvers.Add((f == 1 ? "subgrid, fine" : $"subgrid x{f}", f, BreachSimulationOptions.Subgrid));
Console.WriteLine($"the kit's breach solvers against the reference simulations, {split} events; median (worst) over the events, one thread");
Console.WriteLine("| events | solver | MAE m | CSI 5 cm | s/event | speed-up |");
Console.WriteLine("|---|---|---|---|---|---|");
foreach (var (name, folder, ids) in sets)
{
    if (!Directory.Exists(folder))
    {
        Console.WriteLine($"| {name} | skipped: {folder} not found (data-scripts/make-breach-dataset.sh makes it) | | | | |");
        continue;
    }
    var events = ids.Select(DikeBreachDataSet.Open(folder).ReadEvent).ToArray();
    foreach (var (_, factor, options) in solvers) Score(events[0], factor, options);   // compiled and warm before timing
    double[]? fine = null;
    foreach (var (solver, factor, options) in solvers)
    {
        var scores = events.Select(e => Score(e, factor, options)).ToArray();
        fine ??= [.. scores.Select(s => s.Seconds)];
        var speedUp = Median(scores.Select((s, k) => fine[k] / s.Seconds));
        Console.WriteLine($"| {name} | {solver} | {Median(scores.Select(s => s.Mae)):F4} ({scores.Max(s => s.Mae):F4}) | " +
                          $"{Median(scores.Select(s => s.Csi)):F3} ({scores.Min(s => s.Csi):F3}) | {Median(scores.Select(s => s.Seconds)):F3} | {speedUp:F0}x |");
    }
}
return 0;

// One simulation of the event, timed, scored on frames 1-96 as hw surrogate evaluate scores them.
static (double Mae, double Csi, double Seconds) Score(DikeBreachEvent e, int factor, BreachSimulationOptions options)
{
    var clock = Stopwatch.StartNew();
    var depth = BreachSimulation.Run(e.Bed, 64, 64, DikeBreachDataSet.CellSize, e.BreachCell,
        [.. e.Inflow.Select(q => (double)q)], DikeBreachDataSet.StepSeconds, factor, options);
    var seconds = clock.Elapsed.TotalSeconds;
    var (predicted, reference) = (depth[Cells..], e.Depth[Cells..]);
    int[] shape = [predicted.Length / Cells, 64, 64];
    return (FloodMetrics.Mae(predicted, reference, shape), FloodMetrics.Csi(predicted, reference, shape, FloodMetrics.WetThreshold), seconds);
}
