#:project ../lib/HydroWorkshop/HydroWorkshop.csproj
#:property PublishAot=false
#:property HydroWorkshopWithoutPlotly=true
// How well static inundation places a breach flood (issue 22, docs/articles/results.md, "One pass"): at 12, 24 and 48 h,
// Physics.FillAndSpill given the event's own volume at that time (the sum of the reference depths), scored by CSI(0.05 m)
// against the reference map, as the one-pass model's first guess would be if it knew the volume exactly. Beside it, the same
// fill limited to the cells within R cells of the breach: a crude stand-in for the flood front that static inundation lacks,
// with R = c x (frames since the breach) for a few c, and the best R per map chosen afterwards (an oracle: no model knows it).
// Usage: dotnet run -c Release data-scripts/fill-and-spill-prior.cs
//   D-HYDRO 500-509 (the shared data set) and our 1001-1010 (data-scripts/make-breach-dataset.sh's out/breach-dataset-test).
using System.Globalization;
using HydroWorkshop.Common;
using HydroWorkshop.FloodData;
using HydroWorkshop.Physics;
using HydroWorkshop.Surrogates;
using static HydroWorkshop.Evaluation.Metrics;   // Median: the kit's one median

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
var repo = ProjectPaths.FindRepositoryRoot() ?? throw new DirectoryNotFoundException("run this from inside the repository");
var sets = new List<(string Name, string? Folder, IEnumerable<int> Ids)>
{
    ("D-HYDRO 500-509", ProjectPaths.SharedDataSet("dike_breach_bentivoglio2023_subset"), Enumerable.Range(500, 10)),
    ("ours 1001-1010", Path.Combine(repo, "out/breach-dataset-test"), Enumerable.Range(1001, 10)),
};
int[] frames = [24, 48, 96];                       // 12, 24, 48 h after the breach (30-minute frames)
double[] speeds = [0.5, 0.8, 1.2];                 // c: cells of front per frame (100 m per 30 min = 0.056 m/s)
int[] radii = [8, 12, 16, 20, 24, 28, 32, 40, 48, 56, 64, 80, 100];
const int Size = DikeBreachDataSet.GridSize, Cells = Size * Size;
Console.WriteLine("CSI(0.05 m) of static inundation with the reference volume, median (worst) over the events");
Console.WriteLine($"| events | fill limited to | {string.Join(" | ", frames.Select(f => $"{f / 2} h"))} |");
Console.WriteLine($"|---|---|{string.Concat(frames.Select(_ => "---|"))}");
foreach (var (name, folder, ids) in sets)
{
    if (folder is null || !Directory.Exists(folder))
    {
        Console.WriteLine($"| {name} | skipped: {folder ?? "the shared data set"} not found |{string.Concat(frames.Select(_ => " |"))}");
        continue;
    }
    var data = DikeBreachDataSet.Open(folder);
    var rows = new Dictionary<string, List<double>[]>();
    void Add(string row, int k, double csi)
    {
        if (!rows.TryGetValue(row, out var lists)) rows[row] = lists = frames.Select(_ => new List<double>()).ToArray();
        lists[k].Add(csi);
    }
    foreach (var id in ids)
    {
        var e = data.ReadEvent(id);
        var source = e.BreachCell.Row * Size + e.BreachCell.Column;
        var distance = new double[Cells];
        for (var i = 0; i < Cells; i++)
            distance[i] = Math.Sqrt(Math.Pow(i / Size - e.BreachCell.Row, 2) + Math.Pow(i % Size - e.BreachCell.Column, 2));
        for (var k = 0; k < frames.Length; k++)
        {
            var reference = e.Depth.AsSpan(frames[k] * Cells, Cells).ToArray();
            var volume = reference.Sum(d => (double)d);
            double Within(double radius) => Csi(Fill(e.Bed, distance, radius, source, volume), reference);
            Add("nothing (the whole grid)", k, Within(double.PositiveInfinity));
            foreach (var c in speeds) Add($"R = {c:0.0} x frames", k, Within(c * frames[k]));
            Add("the best R of each map (oracle)", k, radii.Max(r => Within(r)));
        }
    }
    foreach (var (row, lists) in rows)
        Console.WriteLine($"| {name} | {row} | {string.Join(" | ", lists.Select(l => $"{Median(l):F2} ({Worst(l):F2})"))} |");
}
return 0;

static float[] Fill(float[] bed, double[] distance, double radius, int source, double volume)
{
    var open = distance.Select(d => d <= radius).ToArray();
    var depth = new float[bed.Length];
    new FillAndSpill(bed, open, Size, Size, source).Depth(volume, depth);
    return depth;
}

// The lowest CSI of the events (NaN ones left out, as Median leaves them out).
static double Worst(List<double> csi) => csi.Where(double.IsFinite).DefaultIfEmpty(double.NaN).Min();

static double Csi(float[] predicted, float[] reference) =>
    FloodMetrics.Csi(predicted, reference, [1, Size, Size], FloodMetrics.WetThreshold);
