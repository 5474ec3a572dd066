#:project ../lib/HydroWorkshop/HydroWorkshop.csproj
#:property PublishAot=false
#:property HydroWorkshopWithoutPlotly=true
// How the coarse breach run's two kinds of fine-bed information score against the fine simulations: each coarse face's
// crest (BreachSimulationOptions.FaceCrests) and the bed lowered towards each block's lowest cell (CoarseBedLowering).
// The calibration behind the default lowering (0.25), chosen on the validation sets; docs/articles/results.md,
// "Coarse refiner". Scores from FloodMetrics, as hw surrogate evaluate's: CSI(0.05 m) and MAE over all cells of frames 1-96.
// Each set also runs our fine solver on its events, and each row gives its seconds per event and its speed-up over the
// fine solver (both on one thread, one after the other in this process): the solver's own cost-accuracy trade-off,
// coarsening 2, 4 or 8, beside which a surrogate's speed-up is read.
// Usage: dotnet run -c Release data-scripts/coarse-breach-calibration.cs -- [validation|test [COARSENING [LOWERINGS]]]
//   validation: D-HYDRO 73-80 and our breaches 1-10 (out/breach-dataset); test: D-HYDRO 500-509 and 1001-1010
//   (out/breach-dataset-test). Needs the shared D-HYDRO set and data-scripts/make-breach-dataset.sh's output.
using System.Globalization;
using HydroWorkshop.Common;
using HydroWorkshop.FloodData;
using HydroWorkshop.Physics;
using HydroWorkshop.Surrogates;
using static HydroWorkshop.Evaluation.Metrics;   // Median: the kit's one median

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
var split = args.Length > 0 ? args[0] : "validation";
if (split is not ("validation" or "test")) { Console.Error.WriteLine($"split '{split}': expected validation or test"); return 2; }
var coarsening = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2;
if (coarsening is not (2 or 4 or 8 or 16 or 32))
{
    Console.Error.WriteLine($"coarsening {coarsening}: expected 2, 4, 8, 16 or 32 (a divisor of 64 above 1; at 1 both options do nothing)");
    return 2;
}
var lowerings = (args.Length > 2 ? args[2] : "0,0.25,0.5,0.75,1").Split(',')
    .Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray();
var dHydro = ProjectPaths.SharedDataSet("dike_breach_bentivoglio2023_subset")
    ?? throw new DirectoryNotFoundException("dike_breach_bentivoglio2023_subset not found ($HYDROWORKSHOP_DATA or ../shared/data)");
var repo = ProjectPaths.FindRepositoryRoot() ?? throw new DirectoryNotFoundException("run this from inside the repository");
var sets = split == "validation"
    ? new[] { ("D-HYDRO 73-80", dHydro, Enumerable.Range(73, 8)), ("ours 1-10", Path.Combine(repo, "out/breach-dataset"), Enumerable.Range(1, 10)) }
    : new[] { ("D-HYDRO 500-509", dHydro, Enumerable.Range(500, 10)),
              ("ours 1001-1010", Path.Combine(repo, "out/breach-dataset-test"), Enumerable.Range(1001, 10)) };
const int Cells = 64 * 64;
Console.WriteLine($"coarse solver x{coarsening} against the fine simulations, {split} events; median (worst) over the events");
Console.WriteLine("| events | crests | bed lowering | MAE m | CSI 5 cm | s/event | speed-up |");
Console.WriteLine("|---|---|---|---|---|---|---|");
foreach (var (name, folder, ids) in sets)
{
    if (!Directory.Exists(folder))
    {
        Console.WriteLine($"| {name} | skipped: {folder} not found (data-scripts/make-breach-dataset.sh makes it) | | | | | |");
        continue;
    }
    var data = DikeBreachDataSet.Open(folder);
    var events = ids.Select(data.ReadEvent).ToArray();
    // The fine solver on the same events and thread, one after the other with the coarse runs in this process: the
    // speed-up is the median over the events of fine seconds / coarse seconds.
    var fine = events.Select(e => Score(e, 1, BreachSimulationOptions.Generator)).ToArray();
    Console.WriteLine($"| {name} | fine solver (x1) | | {Median(fine.Select(s => s.Mae)):F4} ({fine.Max(s => s.Mae):F4}) | " +
                      $"{Median(fine.Select(s => s.Csi)):F3} ({fine.Min(s => s.Csi):F3}) | {Median(fine.Select(s => s.Seconds)):F2} | 1x |");
    foreach (var crests in new[] { false, true })
        foreach (var lowering in lowerings)
        {
            var options = BreachSimulationOptions.Generator with { FaceCrests = crests, CoarseBedLowering = lowering };
            var scores = events.Select(e => Score(e, coarsening, options)).ToArray();
            var speedUp = Median(scores.Select((s, k) => fine[k].Seconds / s.Seconds));
            Console.WriteLine($"| {name} | {(crests ? "yes" : "no")} | {lowering:0.##} | {Median(scores.Select(s => s.Mae)):F4} " +
                              $"({scores.Max(s => s.Mae):F4}) | {Median(scores.Select(s => s.Csi)):F3} ({scores.Min(s => s.Csi):F3}) | " +
                              $"{Median(scores.Select(s => s.Seconds)):F3} | {speedUp:F0}x |");
        }
}
return 0;

// One simulation of the event on a grid `factor` times coarser (1: the fine grid), timed, and scored on frames 1-96 as
// hw surrogate evaluate scores them.
static (double Mae, double Csi, double Seconds) Score(DikeBreachEvent e, int factor, BreachSimulationOptions options)
{
    var clock = System.Diagnostics.Stopwatch.StartNew();
    var depth = BreachSimulation.Run(e.Bed, 64, 64, DikeBreachDataSet.CellSize, e.BreachCell,
        [.. e.Inflow.Select(q => (double)q)], DikeBreachDataSet.StepSeconds, factor, options);
    var seconds = clock.Elapsed.TotalSeconds;
    var (predicted, reference) = (depth[Cells..], e.Depth[Cells..]);
    int[] shape = [predicted.Length / Cells, 64, 64];
    return (FloodMetrics.Mae(predicted, reference, shape), FloodMetrics.Csi(predicted, reference, shape, FloodMetrics.WetThreshold), seconds);
}
