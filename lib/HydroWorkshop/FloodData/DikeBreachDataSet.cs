using System.Globalization;
using System.Text.RegularExpressions;

namespace HydroWorkshop.FloodData;

/// <summary>One dike-breach simulation: bed <c>[y, x]</c> (m) and water depth <c>[time, y, x]</c> (m), row 0 at y = 50 m.</summary>
/// <param name="Id">Simulation id (the number in the file names).</param>
/// <param name="Bed">Bed elevation (m), <c>[y, x]</c>.</param>
/// <param name="Depth">Water depth (m), <c>[time, y, x]</c>.</param>
/// <param name="Steps">Number of depth maps (time steps), the first at t = 0.</param>
/// <param name="BreachCell">The one wet cell of the first map, which marks the breach (row 0 = South, column 0 = West).</param>
/// <param name="Inflow">Breach discharge (m3/s) per time step: from <c>Q_&lt;id&gt;.txt</c> when the data set has one, else
/// estimated from the growth of the water volume (<see cref="DikeBreachDataSet.InflowFromVolume"/>); NaN when there is
/// neither a file nor a second map.</param>
public sealed record DikeBreachEvent(int Id, float[] Bed, float[] Depth, int Steps, (int Row, int Column) BreachCell, float[] Inflow);

/// <summary>
/// Reader for the dike-breach simulations of Bentivoglio et al. (2023) (subset in
/// <c>dike_breach_bentivoglio2023_subset</c>): <c>raw_dataset/DEM/DEM_&lt;id&gt;.txt</c> has 4096 lines "x y z" with x varying
/// fastest (line k is column k mod 64, row k div 64; cells of 100 m, centres 50..6350 m);
/// <c>raw_dataset/WD/WD_&lt;id&gt;.txt</c> has one row per output step (97 steps, every 30 min over 48 h) of 4096 depths in the
/// same cell order. Maps come back row-major <c>[y, x]</c> with row 0 the southmost (y = 50 m).
/// Data sets made by <see cref="BreachEventGenerator"/> have the same files plus <c>raw_dataset/Q/Q_&lt;id&gt;.txt</c>, one
/// breach discharge (m3/s) per line and time step; the D-HYDRO files have none (their inflow is 50 m3/s throughout, which
/// the volume estimate recovers).
/// </summary>
public sealed partial class DikeBreachDataSet
{
    public const int GridSize = 64;
    public const double CellSize = 100.0;
    /// <summary>Time between depth maps (s): 30 min.</summary>
    public const double StepSeconds = 1800.0;

    private readonly string demFolder;
    private readonly string depthFolder;
    private readonly string inflowFolder;

    private DikeBreachDataSet(string demFolder, string depthFolder, string inflowFolder, int[] ids)
    {
        this.demFolder = demFolder;
        this.depthFolder = depthFolder;
        this.inflowFolder = inflowFolder;
        Ids = ids;
    }

    /// <summary>Simulation ids present (both DEM and WD files), ascending.</summary>
    public IReadOnlyList<int> Ids { get; }

    /// <summary>Opens the data set folder (the one holding <c>raw_dataset</c>, or <c>raw_dataset</c> itself).</summary>
    public static DikeBreachDataSet Open(string folder)
    {
        var raw = Directory.Exists(Path.Combine(folder, "raw_dataset")) ? Path.Combine(folder, "raw_dataset") : folder;
        var dem = Path.Combine(raw, "DEM");
        var depth = Path.Combine(raw, "WD");
        if (!Directory.Exists(dem) || !Directory.Exists(depth))
            throw new DirectoryNotFoundException($"{folder}: expected raw_dataset/DEM and raw_dataset/WD folders");
        var ids = Directory.GetFiles(dem, "DEM_*.txt")
            .Select(p => IdPattern().Match(Path.GetFileName(p)))
            .Where(m => m.Success)
            .Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))
            .Where(id => File.Exists(Path.Combine(depth, $"WD_{id}.txt")))
            .Order()
            .ToArray();
        if (ids.Length == 0) throw new InvalidDataException($"{folder}: no simulation has both DEM_<id>.txt and WD_<id>.txt");
        return new DikeBreachDataSet(dem, depth, Path.Combine(raw, "Q"), ids);
    }

    /// <summary>Reads one simulation; errors name the file and line. The first depth map must have exactly one wet cell,
    /// the breach.</summary>
    public DikeBreachEvent ReadEvent(int id)
    {
        if (!Ids.Contains(id)) throw new ArgumentOutOfRangeException(nameof(id),
            $"simulation {id} is not in the data set (ids: {string.Join(", ", Ids)})");
        var bed = ReadBed(Path.Combine(demFolder, $"DEM_{id}.txt"));
        var depthPath = Path.Combine(depthFolder, $"WD_{id}.txt");
        var (depth, steps) = ReadDepth(depthPath);
        var breach = FindBreachCell(depth, depthPath);
        var inflowPath = Path.Combine(inflowFolder, $"Q_{id}.txt");
        var inflow = File.Exists(inflowPath) ? ReadInflow(inflowPath, steps)
            : steps >= 2 ? InflowFromVolume(depth, steps, CellSize * CellSize, StepSeconds)
            : [float.NaN];                                                  // one map: no volume change to estimate it from
        return new DikeBreachEvent(id, bed, depth, steps, breach, inflow);
    }

    /// <summary>Breach discharge (m3/s) per time step estimated from the water volume V(t) = Σ depth · cell area of
    /// <paramref name="depth"/> <c>[steps, cells]</c>: dV/dt by central differences (one-sided at the first and last step).
    /// It assumes the breach is the only opening, no rain and no outflow, as in the D-HYDRO set-up (closed walls): there
    /// the volume grows by exactly 50 m3/s, and the estimate gives 49.99–50.01 m3/s (the 4-decimal depths limit it).</summary>
    /// <param name="depth">Depth maps (m), <c>[steps, cells]</c>.</param>
    /// <param name="steps">Number of maps (at least 2).</param>
    /// <param name="cellArea">Area of one cell (m2).</param>
    /// <param name="stepSeconds">Time between maps (s).</param>
    public static float[] InflowFromVolume(float[] depth, int steps, double cellArea, double stepSeconds)
    {
        ArgumentNullException.ThrowIfNull(depth);
        if (steps < 2 || depth.Length % steps != 0)
            throw new ArgumentException(
                $"need at least 2 maps of equal size to estimate the inflow (got {steps} steps, {depth.Length} values)", nameof(steps));
        var cells = depth.Length / steps;
        var volume = new double[steps];
        for (var t = 0; t < steps; t++)
        {
            var sum = 0.0;
            foreach (var h in depth.AsSpan(t * cells, cells)) sum += h;
            volume[t] = sum * cellArea;
        }
        var inflow = new float[steps];
        for (var t = 0; t < steps; t++)
        {
            var (before, after) = (Math.Max(0, t - 1), Math.Min(steps - 1, t + 1));
            inflow[t] = (float)((volume[after] - volume[before]) / ((after - before) * stepSeconds));
        }
        return inflow;
    }

    private static (int Row, int Column) FindBreachCell(float[] depth, string path)
    {
        const int map = GridSize * GridSize;
        if (depth.Length < map) throw new InvalidDataException($"{path}: no depth map at t = 0");
        var wet = new List<int>();
        for (var k = 0; k < map; k++)
            if (depth[k] > 0) wet.Add(k);
        if (wet.Count != 1)
            throw new InvalidDataException(
                $"{path}, line 1: {wet.Count} wet cells at t = 0 ({string.Join(", ", wet.Take(5).Select(k => $"row {k / GridSize} column {k % GridSize}"))}{(wet.Count > 5 ? ", ..." : "")}); expected exactly one, the breach");
        return (wet[0] / GridSize, wet[0] % GridSize);
    }

    private static float[] ReadInflow(string path, int steps)
    {
        var inflow = new List<float>();
        var lineNumber = 0;
        foreach (var raw in File.ReadLines(path))
        {
            lineNumber++;
            var line = raw.Trim();
            if (line.Length == 0) continue;
            var value = Parse(line, path, lineNumber, "discharge");
            if (value < 0) throw new InvalidDataException($"{path}, line {lineNumber}: discharge {line} m3/s is negative");
            inflow.Add((float)value);
        }
        if (inflow.Count != steps) throw new InvalidDataException(
            $"{path}: {inflow.Count} discharges, expected one per depth map ({steps})");
        return [.. inflow];
    }

    /// <summary>Depth sequences of several simulations, shape <c>[event, time, 1, y, x]</c> (m), plus their beds <c>[event, 1, y, x]</c>
    /// (m).</summary>
    public (float[] Depth, int[] DepthShape, float[] Bed, int[] BedShape) ReadSequences(IReadOnlyList<int> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        const int map = GridSize * GridSize;
        var events = ids.Select(ReadEvent).ToArray();
        var steps = events.Length == 0 ? 0 : events[0].Steps;
        foreach (var e in events)
            if (e.Steps != steps) throw new InvalidDataException(
                $"simulation {e.Id} has {e.Steps} steps, simulation {events[0].Id} has {steps}; cannot batch them");
        var depth = new float[events.Length * steps * map];
        var bed = new float[events.Length * map];
        for (var e = 0; e < events.Length; e++)
        {
            Array.Copy(events[e].Depth, 0, depth, (long)e * steps * map, steps * map);
            Array.Copy(events[e].Bed, 0, bed, e * map, map);
        }
        return (depth, [events.Length, steps, 1, GridSize, GridSize], bed, [events.Length, 1, GridSize, GridSize]);
    }

    private static float[] ReadBed(string path)
    {
        var bed = new float[GridSize * GridSize];
        var k = 0;
        var lineNumber = 0;
        foreach (var raw in File.ReadLines(path))
        {
            lineNumber++;
            var line = raw.Trim();
            if (line.Length == 0) continue;
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length != 3) throw new InvalidDataException(
                $"{path}, line {lineNumber}: expected 'x y z', found {fields.Length} fields");
            if (k >= bed.Length) throw new InvalidDataException($"{path}, line {lineNumber}: more than {bed.Length} cells");
            var x = Parse(fields[0], path, lineNumber, "x");
            var y = Parse(fields[1], path, lineNumber, "y");
            // The cell order (x fastest) is what makes WD columns line up with the map; check it rather than assume it.
            var expectedX = CellSize * (k % GridSize + 0.5);
            var expectedY = CellSize * (k / GridSize + 0.5);
            if (Math.Abs(x - expectedX) > 1e-6 || Math.Abs(y - expectedY) > 1e-6)
                throw new InvalidDataException(
                    $"{path}, line {lineNumber}: cell ({x}, {y}) m, expected ({expectedX}, {expectedY}) m for x-fastest order");
            bed[k++] = (float)Parse(fields[2], path, lineNumber, "z");
        }
        if (k != bed.Length) throw new InvalidDataException($"{path}: {k} cells, expected {bed.Length}");
        return bed;
    }

    private static (float[] Depth, int Steps) ReadDepth(string path)
    {
        const int map = GridSize * GridSize;
        var rows = new List<float[]>();
        var lineNumber = 0;
        foreach (var raw in File.ReadLines(path))
        {
            lineNumber++;
            var line = raw.AsSpan().Trim();
            if (line.IsEmpty) continue;
            var values = new float[map];
            var count = 0;
            foreach (var range in line.Split(' '))
            {
                var field = line[range];
                if (field.IsEmpty) continue;
                if (count >= map) throw new InvalidDataException($"{path}, line {lineNumber}: more than {map} depths");
                if (!float.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
                    || !float.IsFinite(value) || value < 0)
                    throw new InvalidDataException($"{path}, line {lineNumber}, cell {count}: '{field}' is not a finite depth >= 0");
                values[count++] = value;
            }
            if (count != map) throw new InvalidDataException($"{path}, line {lineNumber}: {count} depths, expected {map}");
            rows.Add(values);
        }
        var depth = new float[rows.Count * map];
        for (var t = 0; t < rows.Count; t++) Array.Copy(rows[t], 0, depth, t * map, map);
        return (depth, rows.Count);
    }

    private static double Parse(string field, string path, int line, string column)
    {
        if (!double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
            throw new InvalidDataException($"{path}, line {line}, column {column}: '{field}' is not a number");
        return value;
    }

    [GeneratedRegex(@"^DEM_(\d+)\.txt$")]
    private static partial Regex IdPattern();
}
