using System.Diagnostics;
using System.Globalization;
using System.Text;
using HydroWorkshop.Common;
using HydroWorkshop.Physics;

namespace HydroWorkshop.FloodData;

/// <summary>Settings of a breach data-set generation run (<see cref="BreachEventGenerator"/>).</summary>
public sealed record BreachGeneratorOptions
{
    /// <summary>Folder of the data set (holds <c>raw_dataset</c>; created when missing).</summary>
    public required string OutputFolder { get; init; }
    public int Events { get; init; } = 48;
    public int Seed { get; init; } = 1;
    /// <summary>Id of the first event; the others follow consecutively.</summary>
    public int FirstId { get; init; } = 1;
    public int Rows { get; init; } = DikeBreachDataSet.GridSize;
    public int Columns { get; init; } = DikeBreachDataSet.GridSize;
    /// <summary>Cell size (m).</summary>
    public double CellSize { get; init; } = DikeBreachDataSet.CellSize;
    /// <summary>Depth maps per event, the first at t = 0: 97 is 48 h every 30 min, as the D-HYDRO data.</summary>
    public int Frames { get; init; } = 97;
    /// <summary>Time between depth maps (s).</summary>
    public double OutputSeconds { get; init; } = DikeBreachDataSet.StepSeconds;
    /// <summary>Breach discharge (m3/s) of the constant hydrograph: 50, as in the D-HYDRO data.</summary>
    public double Discharge { get; init; } = 50;
    /// <summary>Draw a flood-wave hydrograph per event instead of the constant one (see
    /// <see cref="BreachEventGenerator.FloodWave"/>).</summary>
    public bool RandomHydrograph { get; init; }
    /// <summary>Range of the peak discharge (m3/s) of a random hydrograph.</summary>
    public double MinPeak { get; init; } = 25;
    public double MaxPeak { get; init; } = 100;
    /// <summary>Events simulated at once, each on one solver thread.</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;
    /// <summary>The solver settings; default <see cref="BreachSimulationOptions.Generator"/> (first order), which is what
    /// keeps the default data sets within 10 minutes on 2 cores.</summary>
    public BreachSimulationOptions Simulation { get; init; } = BreachSimulationOptions.Generator;
}

/// <summary>What defines one generated event; all of it follows from (run seed, id).</summary>
/// <param name="Id">Event id (file names).</param>
/// <param name="Seed">The event's own seed (<see cref="BreachEventGenerator.EventSeed"/>).</param>
/// <param name="TerrainFrequency">Perlin lattice cells across the domain.</param>
/// <param name="TerrainAmplitude">Perlin amplitude (m).</param>
/// <param name="Bed">Elevation (m) <c>[rows, columns]</c>.</param>
/// <param name="Row">Breach cell row (0 = South).</param>
/// <param name="Column">Breach cell column (0 = West).</param>
/// <param name="Side">Side whose face the discharge enters through.</param>
/// <param name="HydrographShape">The hydrograph in words (breaches.csv).</param>
/// <param name="Inflow">Breach discharge (m3/s) per output frame.</param>
public sealed record BreachEventDefinition(int Id, int Seed, double TerrainFrequency, double TerrainAmplitude, float[] Bed,
    int Row, int Column, BoundarySide Side, string HydrographShape, double[] Inflow)
{
    /// <summary>Largest discharge (m3/s).</summary>
    public double Peak => Inflow.Max();
}

/// <summary>What a generation run did.</summary>
public sealed record BreachGenerationSummary(int Events, int Generated, int Resumed, double WallSeconds)
{
    public override string ToString() =>
        FormattableString.Invariant($"events {Events}, generated {Generated}, already present {Resumed}, {WallSeconds:F1} s");
}

/// <summary>
/// Generates dike-breach events with our own solver in the layout of the D-HYDRO data of Bentivoglio et al. (2023), so
/// <see cref="DikeBreachDataSet"/> reads them unchanged: Perlin terrain (<see cref="PerlinTerrain"/>), a breach on a random
/// boundary cell of any side, <see cref="BreachSimulation"/> with walls elsewhere. Writes
/// <c>raw_dataset/DEM/DEM_&lt;id&gt;.txt</c>, <c>raw_dataset/WD/WD_&lt;id&gt;.txt</c> (same number formats as theirs),
/// <c>raw_dataset/Q/Q_&lt;id&gt;.txt</c> (discharge per frame, m3/s), <c>breaches.csv</c> and <c>PROVENANCE.md</c>.
/// Each event is reproducible from (seed, id) alone; each file is written atomically and the depth file last, so an
/// interrupted run resumes where it stopped (events whose depth file exists are skipped).
/// </summary>
public static class BreachEventGenerator
{
    /// <summary>Depth (m) above which a cell counts as flooded in the progress lines.</summary>
    public const double WetDepth = 0.05;

    /// <summary>Runs the generation; one progress line per finished event. Without a token the workshop's ambient one
    /// stops it; finished events stay.</summary>
    public static BreachGenerationSummary Generate(BreachGeneratorOptions options, IProgress<string>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!cancellationToken.CanBeCanceled) cancellationToken = WorkshopCancellation.Token;
        if (options.Events < 1) throw new ArgumentOutOfRangeException(nameof(options), $"Events must be at least 1 (got {options.Events})");
        if (options.Frames < 2) throw new ArgumentOutOfRangeException(nameof(options), $"Frames must be at least 2 (got {options.Frames})");
        if (options.FirstId < 0) throw new ArgumentOutOfRangeException(nameof(options), $"FirstId must be >= 0 (got {options.FirstId})");
        if (!(options.OutputSeconds > 0)) throw new ArgumentOutOfRangeException(nameof(options),
            $"OutputSeconds must be positive (got {options.OutputSeconds} s)");
        if (options.RandomHydrograph ? !(options.MinPeak > 0 && options.MaxPeak >= options.MinPeak) : !(options.Discharge >= 0))
            throw new ArgumentOutOfRangeException(nameof(options),
                $"discharge settings out of range (Discharge {options.Discharge}, peaks {options.MinPeak}..{options.MaxPeak} m3/s)");
        var clock = Stopwatch.StartNew();
        var raw = Path.Combine(options.OutputFolder, "raw_dataset");
        foreach (var folder in new[] { "DEM", "WD", "Q" })
        {
            Directory.CreateDirectory(Path.Combine(raw, folder));
            // Temporary files of writes cut short by a killed run (AtomicFile names them ".<name>.<guid>.tmp").
            foreach (var stale in Directory.GetFiles(Path.Combine(raw, folder), ".*.tmp")) File.Delete(stale);
        }

        var ids = Enumerable.Range(options.FirstId, options.Events).ToArray();
        var pending = ids.Where(id => !File.Exists(DepthPath(raw, id))).ToArray();
        var done = ids.Length - pending.Length;
        var gate = new object();
        Parallel.ForEach(pending,
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Threads), CancellationToken = cancellationToken }, id =>
        {
            var watch = Stopwatch.StartNew();
            var definition = Define(options, id);
            var depth = BreachSimulation.Run(definition.Bed, options.Rows, options.Columns, options.CellSize,
                (definition.Row, definition.Column),
                definition.Inflow, options.OutputSeconds, 1, options.Simulation with { Threads = 1 }, cancellationToken);
            WriteEvent(raw, options, definition, depth);
            var cells = options.Rows * options.Columns;
            var last = depth.AsSpan((options.Frames - 1) * cells, cells);
            var wet = 0;
            var deepest = 0f;
            foreach (var h in last) { if (h > WetDepth) wet++; deepest = Math.Max(deepest, h); }
            lock (gate)
            {
                done++;
                progress?.Report(FormattableString.Invariant(
                    $"[{done}/{ids.Length}] id {id}: breach row {definition.Row}, column {definition.Column} ({definition.Side}), peak {definition.Peak:F1} m3/s, flooded {wet} cells, max depth {deepest:F2} m at the end, {watch.Elapsed.TotalSeconds:F1} s"));
            }
        });

        var definitions = ids.Select(id => Define(options, id)).ToArray();
        AtomicFile.WriteAllText(Path.Combine(options.OutputFolder, "breaches.csv"), BreachTable(definitions));
        var summary = new BreachGenerationSummary(ids.Length, pending.Length, ids.Length - pending.Length, clock.Elapsed.TotalSeconds);
        AtomicFile.WriteAllText(Path.Combine(options.OutputFolder, "PROVENANCE.md"), Provenance(options, summary));
        return summary;
    }

    /// <summary>The event <paramref name="id"/> of a run: terrain, breach cell and hydrograph drawn in that order from one
    /// generator seeded with <see cref="EventSeed"/>. The breach cell is uniform over the boundary cells (each corner once);
    /// its side is <see cref="BreachSimulation.BreachSide"/>.</summary>
    public static BreachEventDefinition Define(BreachGeneratorOptions options, int id)
    {
        ArgumentNullException.ThrowIfNull(options);
        var seed = EventSeed(options.Seed, id);
        var random = new Random(seed);
        var (bed, frequency, amplitude) = PerlinTerrain.Sample(random, options.Rows, options.Columns);
        var (row, column) = BoundaryCell(random.Next(BoundaryCellCount(options.Rows, options.Columns)), options.Rows, options.Columns);
        var side = BreachSimulation.BreachSide(row, column, options.Rows, options.Columns);
        var times = Enumerable.Range(0, options.Frames).Select(t => t * options.OutputSeconds).ToArray();
        Hydrograph hydrograph;
        string shape;
        if (options.RandomHydrograph)
        {
            var peak = options.MinPeak + (options.MaxPeak - options.MinPeak) * random.NextDouble();
            var duration = times[^1];
            // On a frame, so the discharge per frame (what the solver gets and Q_<id>.txt holds) reaches the peak.
            var rise = options.OutputSeconds * Math.Max(1,
                Math.Round(duration * (0.05 + 0.2 * random.NextDouble()) / options.OutputSeconds));
            var remaining = 0.2 + 0.6 * random.NextDouble();
            hydrograph = FloodWave(peak, rise, remaining, duration);
            shape = FormattableString.Invariant(
                $"rise to peak in {rise / 3600:F1} h, {remaining:F2} of the peak at {duration / 3600:F0} h");
        }
        else
        {
            hydrograph = Hydrograph.Constant(options.Discharge);
            shape = "constant";
        }
        return new BreachEventDefinition(id, seed, frequency, amplitude, bed, row, column, side, shape, [.. times.Select(hydrograph.At)]);
    }

    /// <summary>The random breach hydrograph: a linear rise from 0 to <paramref name="peak"/> (m3/s) over
    /// <paramref name="rise"/> (s), as a breach widens, then a linear fall to <paramref name="remaining"/> times the peak at
    /// <paramref name="duration"/> (s), as the outer water level drops.</summary>
    public static Hydrograph FloodWave(double peak, double rise, double remaining, double duration) =>
        new([0, rise, duration], [0, peak, remaining * peak]);

    /// <summary>The seed of event <paramref name="id"/>: a fixed integer mix of the run seed and the id.</summary>
    public static int EventSeed(int seed, int id)
    {
        unchecked
        {
            var x = (uint)seed * 0x9E3779B1u ^ (uint)(id + 1) * 0x85EBCA77u;
            x ^= x >> 15;
            x *= 0x2C1B3C6Du;
            x ^= x >> 12;
            return (int)(x & 0x7FFFFFFF);
        }
    }

    /// <summary>Number of cells on the boundary of a <paramref name="rows"/> x <paramref name="columns"/> grid.</summary>
    public static int BoundaryCellCount(int rows, int columns) =>
        rows == 1 || columns == 1 ? rows * columns : 2 * (rows + columns) - 4;

    /// <summary>Boundary cell number <paramref name="k"/>, counted along the South row, then the North row, then the West
    /// and East columns without their corners.</summary>
    public static (int Row, int Column) BoundaryCell(int k, int rows, int columns)
    {
        if (k < 0 || k >= BoundaryCellCount(rows, columns)) throw new ArgumentOutOfRangeException(nameof(k), k,
            $"a {rows} x {columns} grid has {BoundaryCellCount(rows, columns)} boundary cells");
        if (k < columns) return (0, k);
        k -= columns;
        if (k < columns) return (rows - 1, k);
        k -= columns;
        return k < rows - 2 ? (k + 1, 0) : (k - (rows - 2) + 1, columns - 1);
    }

    private static string DepthPath(string raw, int id) => Path.Combine(raw, "WD", $"WD_{id}.txt");

    private static void WriteEvent(string raw, BreachGeneratorOptions options, BreachEventDefinition definition, float[] depth)
    {
        var id = definition.Id;
        var (rows, columns) = (options.Rows, options.Columns);
        var invariant = CultureInfo.InvariantCulture;
        WriteText(Path.Combine(raw, "DEM", $"DEM_{id}.txt"), writer =>
        {
            for (var k = 0; k < rows * columns; k++)
            {
                var x = options.CellSize * (k % columns + 0.5);
                var y = options.CellSize * (k / columns + 0.5);
                writer.Write(x.ToString("0.0", invariant));
                writer.Write(' ');
                writer.Write(y.ToString("0.0", invariant));
                writer.Write(' ');
                writer.Write(definition.Bed[k].ToString("0.00000", invariant));
                writer.Write('\n');
            }
        });
        WriteText(Path.Combine(raw, "Q", $"Q_{id}.txt"), writer =>
        {
            foreach (var q in definition.Inflow) { writer.Write(q.ToString("0.0000", invariant)); writer.Write('\n'); }
        });
        // Last: its presence marks the event complete.
        WriteText(DepthPath(raw, id), writer =>
        {
            var cells = rows * columns;
            Span<char> buffer = stackalloc char[32];
            for (var t = 0; t < options.Frames; t++)
            {
                for (var k = 0; k < cells; k++)
                {
                    if (k > 0) writer.Write(' ');
                    depth[t * cells + k].TryFormat(buffer, out var length, "0.0000", invariant);
                    writer.Write(buffer[..length]);
                }
                writer.Write('\n');
            }
        });
    }

    private static void WriteText(string path, Action<StreamWriter> write) =>
        AtomicFile.Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
            write(writer);
        });

    private static string BreachTable(IEnumerable<BreachEventDefinition> definitions)
    {
        var text = new StringBuilder("id,row,column,side,peak_m3s,hydrograph,seed,terrain_frequency,terrain_amplitude_m\n");
        foreach (var d in definitions)
            text.Append(FormattableString.Invariant(
                $"{d.Id},{d.Row},{d.Column},{d.Side},{d.Peak:0.###},\"{d.HydrographShape}\",{d.Seed},{d.TerrainFrequency:0.###},{d.TerrainAmplitude:0.###}\n"));
        return text.ToString();
    }

    private static string Provenance(BreachGeneratorOptions o, BreachGenerationSummary summary)
    {
        var s = o.Simulation;
        var last = o.FirstId + o.Events - 1;
        return FormattableString.Invariant($"""
            # Dike-breach events made by HydroWorkshop's own shallow-water solver

            **Nature of the data: physics-model output on synthetic terrain**, in the layout of the D-HYDRO simulations of
            Bentivoglio et al. (2023) (`dike_breach_bentivoglio2023_subset`), so `DikeBreachDataSet.Open` reads it unchanged.
            Made by `BreachEventGenerator` (lib/HydroWorkshop/FloodData), e.g. through `data-scripts/make-breach-dataset.sh`.

            ## Settings
            - Ids **{o.FirstId}–{last}** ({o.Events} events), run seed {o.Seed}; event seed = fixed mix of (seed, id), so each event is reproducible alone.
            - Grid {o.Rows} x {o.Columns} cells of {o.CellSize} m; {o.Frames} depth maps every {o.OutputSeconds} s (frame 0 = t 0).
            - Terrain: Perlin gradient noise, lattice frequency {PerlinTerrain.MinFrequency}–{PerlinTerrain.MaxFrequency} cells across the domain, amplitude {PerlinTerrain.MinAmplitude}–{PerlinTerrain.MaxAmplitude} m (drawn per event), rounded to 5 decimals.
            - Breach: one boundary cell, uniform over all boundary cells; the discharge enters through its outer face (corner cells: South/North face, see `BreachSimulation.BreachSide`). Closed walls elsewhere. At t = 0 only the breach cell is wet ({s.InitialDepth} m).
            - Hydrograph: {(o.RandomHydrograph ? $"random per event: linear rise from 0 to a peak of {o.MinPeak}–{o.MaxPeak} m3/s in 5–25 % of the duration, then linear fall to 0.2–0.8 of the peak" : $"constant {o.Discharge} m3/s")}.
            - Solver: `ShallowWaterSolver` (HLLC, hydrostatic reconstruction, {(s.SecondOrder ? "second order (MUSCL + Heun)" : "first order")}), Courant {s.CourantNumber}, max step {s.MaxTimeStep} s, Manning n = {s.Manning} s/m^(1/3) uniform, one thread per event.

            ## Files
            - `raw_dataset/DEM/DEM_<id>.txt`: {o.Rows * o.Columns} lines `x y z` (m; x fastest; formats 0.0, 0.0, 0.00000).
            - `raw_dataset/WD/WD_<id>.txt`: {o.Frames} rows x {o.Rows * o.Columns} depths (m, 4 decimals), same cell order.
            - `raw_dataset/Q/Q_<id>.txt`: {o.Frames} lines, breach discharge (m3/s) at each frame (linear in between).
            - `breaches.csv`: id,row,column,side,peak_m3s,hydrograph,seed,terrain_frequency,terrain_amplitude_m (row 0 = South, column 0 = West).

            ## This run
            {summary}.
            """) + "\n";
    }
}
