#:project ../lib/HydroWorkshop/HydroWorkshop.csproj
#:property PublishAot=false
#:property HydroWorkshopWithoutPlotly=true
// Compares BreachSimulation with the D-HYDRO dike-breach simulations (dike_breach_bentivoglio2023_subset) for a few
// Manning values: the calibration behind BreachSimulationOptions.DefaultManning (docs/articles/results.md).
// Usage: dotnet run -c Release data-scripts/breach-calibration.cs -- [IDS [MANNINGS [COARSENING [first|second]]]]
//   e.g. ... -- 1,30,60,500 0.02,0.025,0.03 1 second
using System.Collections.Concurrent;
using System.Diagnostics;
using HydroWorkshop.Common;
using HydroWorkshop.FloodData;
using HydroWorkshop.Physics;

var folder = ProjectPaths.SharedDataSet("dike_breach_bentivoglio2023_subset")
    ?? throw new DirectoryNotFoundException("dike_breach_bentivoglio2023_subset not found ($HYDROWORKSHOP_DATA or ../shared/data)");
var ids = (args.Length > 0 ? args[0] : "1,30,60,500").Split(',').Select(int.Parse).ToArray();
var mannings = (args.Length > 1 ? args[1] : "0.02,0.025,0.03").Split(',').Select(s => double.Parse(s, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
var coarsening = args.Length > 2 ? int.Parse(args[2]) : 1;
var secondOrder = args.Length <= 3 || args[3] != "first";
var data = DikeBreachDataSet.Open(folder);
const int cells = 64 * 64;
const double wet = 0.05;
var rows = new ConcurrentBag<(int Id, double Manning, string Line)>();
Parallel.ForEach(ids.SelectMany(id => mannings.Select(n => (Id: id, Manning: n))), new ParallelOptions { MaxDegreeOfParallelism = 2 }, job =>
{
    var reference = data.ReadEvent(job.Id);
    var clock = Stopwatch.StartNew();
    var depth = BreachSimulation.Run(reference.Bed, 64, 64, DikeBreachDataSet.CellSize, reference.BreachCell, [.. reference.Inflow.Select(q => (double)q)],
        DikeBreachDataSet.StepSeconds, coarsening, new BreachSimulationOptions { Manning = job.Manning, SecondOrder = secondOrder, CourantNumber = secondOrder ? 0.45 : 0.9 });
    var seconds = clock.Elapsed.TotalSeconds;
    double Csi(int frame, double threshold)
    {
        int hits = 0, misses = 0, falseAlarms = 0;
        for (var k = frame * cells; k < (frame + 1) * cells; k++)
        {
            var (ours, theirs) = (depth[k] > threshold, reference.Depth[k] > threshold);
            if (ours && theirs) hits++; else if (theirs) misses++; else if (ours) falseAlarms++;
        }
        return hits + misses + falseAlarms == 0 ? 1 : (double)hits / (hits + misses + falseAlarms);
    }
    double Mae(int from, int to) { var sum = 0.0; for (var k = from * cells; k < to * cells; k++) sum += Math.Abs(depth[k] - reference.Depth[k]); return sum / ((to - from) * cells); }
    int Wet(float[] d) { var n = 0; for (var k = 96 * cells; k < 97 * cells; k++) if (d[k] > wet) n++; return n; }
    var line = FormattableString.Invariant(
        $"| {job.Id} | {job.Manning:0.000} | {Csi(48, wet):F3} | {Enumerable.Range(12, 37).Min(t => Csi(t, wet)):F3} | {Csi(96, wet):F3} | {Enumerable.Range(1, 96).Average(t => Csi(t, wet)):F3} | {Enumerable.Range(12, 85).Min(t => Csi(t, wet)):F3} | {Csi(96, 0.3):F3} | {Mae(1, 97):F4} | {Mae(96, 97):F4} | {Wet(depth)} / {Wet(reference.Depth)} | {seconds:F0} |");
    rows.Add((job.Id, job.Manning, line));
    Console.Error.WriteLine(line);
});
Console.WriteLine($"coarsening {coarsening}, {(secondOrder ? "second" : "first")} order");
Console.WriteLine("| id | Manning n | CSI(0.05 m) 24 h | min CSI 6-24 h | CSI(0.05 m) 48 h | mean CSI 0.5-48 h | min CSI 6-48 h | CSI(0.3 m) 48 h | MAE all cells 0.5-48 h (m) | MAE 48 h (m) | wet cells 48 h ours / D-HYDRO | s |");
Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|");
foreach (var row in rows.OrderBy(r => r.Id).ThenBy(r => r.Manning)) Console.WriteLine(row.Line);
