namespace HydroWorkshop.Physics;

/// <summary>
/// Static inundation from one source cell ("fill and spill", the idea behind rapid flood spreading models, e.g. Lhomme et
/// al. 2008, and the bathtub step of <see cref="WaterLevelDownscaling"/>): water poured at the source stands at one level L
/// over every cell it can reach below L, and a cell can be reached once L is above its <b>spill elevation</b>, the lowest
/// height of the highest bed on any path of neighbouring open cells from the source to it. For a volume V, L is the level
/// at which the reached cells hold exactly V: sum over cells with spill elevation below L of (L − bed) = V.
/// <para>
/// Cells of equal spill elevation (a ridge and the hollows behind it, all reached over that ridge height) fill as one
/// basin at one level while the water spills over: a deeper hollow among them fills first, whichever is nearer.
/// </para>
/// <para>
/// It knows no time and no friction (water is level at once), so it floods the far low ground too early; what it does
/// know is where a given volume ends up on this terrain, from the terrain alone, in about a millisecond per 64 x 64 map
/// (<see cref="Models.Maps.OnePassFlood"/> reads it as a first guess).
/// </para>
/// </summary>
public sealed class FillAndSpill
{
    private readonly int[] order;          // reachable cells by spill elevation, lowest first
    private readonly double[] spill;       // spill elevation of order[k]
    private readonly double[] bedSums;     // sum of the bed of order[0 .. k)
    private readonly float[] bed;
    private readonly bool[] reachable;
    private readonly int[] groupStarts;    // where each run of equal spill elevation starts in order, then order.Length
    private readonly double[] sortedBeds;  // the beds of each group, sorted within it
    private readonly double[] sortedBedSums;

    /// <summary>Spill elevations from <paramref name="source"/> over a row-major grid (4 neighbours per cell).</summary>
    /// <param name="bed">Bed elevation [rows, columns] row-major (any unit; depths and volumes come out in it).</param>
    /// <param name="open">Whether water can be in each cell; closed cells are never reached. Null: all open.</param>
    /// <param name="rows">Rows.</param>
    /// <param name="columns">Columns.</param>
    /// <param name="source">The cell the water enters (row-major index), which must be open.</param>
    public FillAndSpill(ReadOnlySpan<float> bed, ReadOnlySpan<bool> open, int rows, int columns, int source)
    {
        if (rows < 1 || columns < 1)
            throw new ArgumentOutOfRangeException(rows < 1 ? nameof(rows) : nameof(columns),
                $"the grid must have at least 1 x 1 cells (got {rows} x {columns})");
        if (bed.Length != rows * columns)
            throw new ArgumentException($"the bed has {bed.Length} values, expected {rows} x {columns}", nameof(bed));
        if (!open.IsEmpty && open.Length != rows * columns)
            throw new ArgumentException($"the open map has {open.Length} values, expected {rows} x {columns}", nameof(open));
        if (source < 0 || source >= rows * columns || (!open.IsEmpty && !open[source]))
            throw new ArgumentOutOfRangeException(nameof(source), source,
                $"the source must be an open cell of the {rows} x {columns} grid");
        for (var i = 0; i < bed.Length; i++)
            if (!float.IsFinite(bed[i]))
                throw new ArgumentException($"the bed at cell {i} (row {i / columns}, column {i % columns}) is {bed[i]}", nameof(bed));
        Rows = rows;
        Columns = columns;
        this.bed = bed.ToArray();
        // Minimax paths (Dijkstra with max instead of +): cells leave the queue lowest spill elevation first.
        var best = new double[bed.Length];
        Array.Fill(best, double.PositiveInfinity);
        var done = new bool[bed.Length];
        var queue = new PriorityQueue<int, double>();
        best[source] = bed[source];
        queue.Enqueue(source, best[source]);
        var reached = new List<int>(bed.Length);
        while (queue.TryDequeue(out var cell, out var level))
        {
            if (done[cell] || level > best[cell]) continue;
            done[cell] = true;
            reached.Add(cell);
            var (r, c) = (cell / columns, cell % columns);
            foreach (var next in (ReadOnlySpan<int>)[r > 0 ? cell - columns : -1, r + 1 < rows ? cell + columns : -1,
                         c > 0 ? cell - 1 : -1, c + 1 < columns ? cell + 1 : -1])
            {
                if (next < 0 || done[next] || (!open.IsEmpty && !open[next])) continue;
                var through = Math.Max(level, bed[next]);
                if (through < best[next])
                {
                    best[next] = through;
                    queue.Enqueue(next, through);
                }
            }
        }
        order = [.. reached];
        reachable = done;
        spill = order.Select(i => best[i]).ToArray();
        bedSums = new double[order.Length + 1];
        for (var k = 0; k < order.Length; k++) bedSums[k + 1] = bedSums[k] + bed[order[k]];
        groupStarts = [.. Enumerable.Range(0, order.Length).Where(k => k == 0 || spill[k] != spill[k - 1]), order.Length];
        sortedBeds = order.Select(i => (double)this.bed[i]).ToArray();
        for (var g = 0; g + 1 < groupStarts.Length; g++)
            Array.Sort(sortedBeds, groupStarts[g], groupStarts[g + 1] - groupStarts[g]);
        sortedBedSums = new double[order.Length + 1];
        for (var k = 0; k < order.Length; k++) sortedBedSums[k + 1] = sortedBedSums[k] + sortedBeds[k];
    }

    public int Rows { get; }
    public int Columns { get; }

    /// <summary>Cells the source can reach at some level (open and connected to it).</summary>
    public int ReachableCells => order.Length;

    /// <summary>Steps from the source to each cell through open cells (4 neighbours; −1 where it cannot reach), [rows,
    /// columns] row-major: how far the water has to travel, where the spill elevation says how high it has to rise.</summary>
    public int[] Steps()
    {
        var steps = new int[Rows * Columns];
        Array.Fill(steps, -1);
        var queue = new Queue<int>();
        steps[order[0]] = 0;
        queue.Enqueue(order[0]);
        while (queue.TryDequeue(out var cell))
        {
            var (r, c) = (cell / Columns, cell % Columns);
            foreach (var next in (ReadOnlySpan<int>)[r > 0 ? cell - Columns : -1, r + 1 < Rows ? cell + Columns : -1,
                         c > 0 ? cell - 1 : -1, c + 1 < Columns ? cell + 1 : -1])
                if (next >= 0 && steps[next] < 0 && reachable[next])
                {
                    steps[next] = steps[cell] + 1;
                    queue.Enqueue(next);
                }
        }
        return steps;
    }

    /// <summary>The spill elevation of each cell (+∞ where the source cannot reach), [rows, columns] row-major.</summary>
    public double[] SpillElevation()
    {
        var map = new double[Rows * Columns];
        Array.Fill(map, double.PositiveInfinity);
        for (var k = 0; k < order.Length; k++) map[order[k]] = spill[k];
        return map;
    }

    /// <summary>The level of <paramref name="volume"/> at rest (bed unit x cells: depth summed over cells, i.e. m³ / cell
    /// area for a bed in m). While water that has spilled over a ridge fills the hollow behind it, the level stays at the
    /// ridge's height; a volume beyond every cell's spill elevation fills all reachable cells to one level.</summary>
    public double Level(double volume)
    {
        var fill = Fill(volume);
        return fill.Cells == 0 ? fill.HollowLevel : fill.Level;
    }

    /// <summary>Writes the depth of <paramref name="volume"/> at rest: level − bed over the cells it has reached.</summary>
    /// <param name="volume">Bed unit x cells (see <see cref="Level"/>).</param>
    /// <param name="depth">Output [rows, columns] row-major.</param>
    public void Depth(double volume, Span<float> depth)
    {
        if (depth.Length != Rows * Columns)
            throw new ArgumentException($"the depth map has {depth.Length} values, expected {Rows} x {Columns}", nameof(depth));
        var (cells, level, hollowEnd, hollowLevel) = Fill(volume);
        depth.Clear();
        // Max: the level is a mean and may land a rounding error below a bed it covers.
        for (var k = 0; k < cells; k++) depth[order[k]] = (float)Math.Max(0, level - bed[order[k]]);
        for (var k = cells; k < hollowEnd; k++) depth[order[k]] = (float)Math.Max(0, hollowLevel - bed[order[k]]);
    }

    /// <summary>Cells [0, <c>Cells</c>) by spill elevation stand at <c>Level</c>; cells [<c>Cells</c>, <c>HollowEnd</c>),
    /// those behind the ridge the water is spilling over, fill up to <c>HollowLevel</c> (no higher than the ridge).</summary>
    private (int Cells, double Level, int HollowEnd, double HollowLevel) Fill(double volume)
    {
        if (!(volume >= 0) || double.IsInfinity(volume))
            throw new ArgumentOutOfRangeException(nameof(volume), volume, "the volume must be finite and >= 0");
        // Cells with the same spill elevation S form a group (the ridge cell and the hollow behind it; the first group is
        // the source and what lies downhill from it). The cells before group g hold H_g = start x S − bedSums[start] when
        // the water reaches S, which grows with g (0 for the first). Take the last group the volume reaches.
        int low = 0, high = groupStarts.Length - 2;
        while (low < high)
        {
            var middle = (low + high + 1) / 2;
            if (Held(groupStarts[middle], spill[groupStarts[middle]]) <= volume) low = middle;
            else high = middle - 1;
        }
        var (start, end) = (groupStarts[low], groupStarts[low + 1]);
        var ridge = spill[start];
        var rest = volume - Held(start, ridge);
        if (Held(end, ridge) > volume)
            return (start, ridge, end, HollowLevel(low, rest));
        return (end, (volume + bedSums[end]) / end, end, 0);
    }

    /// <summary>The level at which group <paramref name="group"/>'s cells hold <paramref name="volume"/> on their own (the
    /// bathtub over its sorted beds).</summary>
    private double HollowLevel(int group, double volume)
    {
        var (start, end) = (groupStarts[group], groupStarts[group + 1]);
        int low = 1, high = end - start;
        while (low < high)
        {
            var middle = (low + high + 1) / 2;
            if (middle * sortedBeds[start + middle - 1] - (sortedBedSums[start + middle] - sortedBedSums[start]) <= volume) low = middle;
            else high = middle - 1;
        }
        return (volume + sortedBedSums[start + low] - sortedBedSums[start]) / low;
    }

    private double Held(int cells, double level) => cells * level - bedSums[cells];
}
