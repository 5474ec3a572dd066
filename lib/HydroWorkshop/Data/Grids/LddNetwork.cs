namespace HydroWorkshop.Data.Grids;

/// <summary>A gauge placed on the river network: the cell chosen and how well its upstream area matches.</summary>
/// <param name="Row">Grid row (0 = north).</param>
/// <param name="Column">Grid column (0 = west).</param>
/// <param name="Latitude">Cell-centre latitude (°N).</param>
/// <param name="Longitude">Cell-centre longitude (°E).</param>
/// <param name="UpstreamAreaKm2">The cell's upstream area (km², the cell itself included).</param>
/// <param name="StatedAreaKm2">The catchment area the gauge is said to have (km²).</param>
public sealed record GaugeCell(int Row, int Column, double Latitude, double Longitude, double UpstreamAreaKm2, double StatedAreaKm2)
{
    /// <summary>(upstream − stated) / stated: 0.05 = the network drains 5 % more than the gauge's catchment.</summary>
    public double RelativeAreaError => (UpstreamAreaKm2 - StatedAreaKm2) / StatedAreaKm2;
}

/// <summary>
/// The river network of a PCRaster local-drain-direction (LDD) map: every cell drains to one of its eight neighbours,
/// coded as on a numeric keypad (7 8 9 / 4 5 6 / 1 2 3 with north up; 5 = pit, where water leaves the network).
/// Gives each cell's downstream cell, upstream area and upstream mask, and snaps gauges to the cell whose upstream area
/// matches their catchment (on a 0.5° grid, a gauge's stated coordinates often fall in a tributary's cell).
/// </summary>
public sealed class LddNetwork
{
    /// <summary>Row and column steps of keypad codes 1–9 (index = code); 5 is the pit.</summary>
    private static readonly (int Row, int Column)[] Steps =
        [(0, 0), (1, -1), (1, 0), (1, 1), (0, -1), (0, 0), (0, 1), (-1, -1), (-1, 0), (-1, 1)];

    private readonly int[] downstream;
    private readonly int[][] upstream;

    /// <summary>Builds the network from LDD codes and cell areas.</summary>
    /// <param name="geometry">The grid of both arrays.</param>
    /// <param name="codes">LDD codes [rows, columns], 1–9; NaN (or 0) outside the network.</param>
    /// <param name="cellAreaKm2">Area of each cell [rows, columns] (km²).</param>
    /// <param name="source">The file(s) it came from, for errors.</param>
    public LddNetwork(GridGeometry geometry, IReadOnlyList<float> codes, IReadOnlyList<float> cellAreaKm2, string source = "LDD")
    {
        if (codes.Count != geometry.Cells || cellAreaKm2.Count != geometry.Cells)
            throw new ArgumentException(
                $"{source}: {codes.Count} codes and {cellAreaKm2.Count} areas for a grid of {geometry.Rows} x {geometry.Columns} cells");
        Geometry = geometry;
        Source = source;
        var n = geometry.Cells;
        Inside = new bool[n];
        downstream = new int[n];
        for (var i = 0; i < n; i++)
        {
            var code = codes[i];
            if (float.IsNaN(code) || code == 0) { downstream[i] = -1; continue; }
            if (code is < 1 or > 9 || code != MathF.Floor(code))
                throw new DataFileException(source,
                    $"cell (row {i / geometry.Columns}, column {i % geometry.Columns}) has LDD code {code}; codes are 1–9");
            Inside[i] = true;
            var (dr, dc) = Steps[(int)code];
            var row = i / geometry.Columns + dr;
            var column = i % geometry.Columns + dc;
            downstream[i] = code == 5 || row < 0 || row >= geometry.Rows || column < 0 || column >= geometry.Columns ? -1
                : row * geometry.Columns + column;
        }
        // Flow into a cell outside the network ends there, as at a pit.
        for (var i = 0; i < n; i++)
            if (downstream[i] >= 0 && !Inside[downstream[i]]) downstream[i] = -1;
        upstream = Enumerable.Range(0, n).Select(_ => Array.Empty<int>()).ToArray();
        foreach (var group in Enumerable.Range(0, n).Where(i => downstream[i] >= 0).GroupBy(i => downstream[i]))
            upstream[group.Key] = group.ToArray();
        CellAreaKm2 = cellAreaKm2.Select((a, i) => Inside[i] ? (double)a : double.NaN).ToArray();
        UpstreamAreaKm2 = Accumulate(CellAreaKm2);
    }

    /// <summary>Reads an LDD map and a cell-area map in m² (PCRaster's cellarea maps, e.g.
    /// routing/RhineMeuse_cellarea30min.map: about 2,100 km² = 2.1e9 m² per 0.5° cell at 50 °N) on the same grid.</summary>
    public static LddNetwork Read(string lddPath, string cellAreaPath)
    {
        var ldd = PcRasterMap.Read(lddPath);
        var area = PcRasterMap.Read(cellAreaPath);
        if (!ldd.Geometry.Matches(area.Geometry))
            throw new DataFileException(cellAreaPath, $"its grid {area.Geometry} differs from the LDD's {ldd.Geometry} ({lddPath})");
        if (ldd.ValueScale != PcRasterValueScale.Ldd)
            throw new DataFileException(lddPath, $"value scale is {ldd.ValueScale}, not LDD");
        var km2 = area.Values.Select(a => a / 1e6f).ToArray();
        return new LddNetwork(ldd.Geometry, ldd.Values, km2, Path.GetFileName(lddPath));
    }

    public GridGeometry Geometry { get; }
    public string Source { get; }
    public int Rows => Geometry.Rows;
    public int Columns => Geometry.Columns;

    /// <summary>True for cells of the network [rows × columns, row-major].</summary>
    public bool[] Inside { get; }

    /// <summary>Area of each cell (km²) [rows × columns]; NaN outside the network.</summary>
    public double[] CellAreaKm2 { get; }

    /// <summary>Area draining through each cell, the cell included (km²) [rows × columns]; NaN outside.</summary>
    public double[] UpstreamAreaKm2 { get; }

    /// <summary>The cell that (<paramref name="row"/>, <paramref name="column"/>) drains into, or null at a pit, at the
    /// grid's edge or outside the network.</summary>
    public (int Row, int Column)? Downstream(int row, int column)
    {
        var next = downstream[Index(row, column)];
        return next < 0 ? null : (next / Columns, next % Columns);
    }

    /// <summary>Cells that drain through (<paramref name="row"/>, <paramref name="column"/>), the cell included:
    /// true in a [rows, columns] mask.</summary>
    public bool[,] UpstreamMask(int row, int column)
    {
        var start = Index(row, column);
        var mask = new bool[Rows, Columns];
        if (!Inside[start]) return mask;
        var stack = new Stack<int>([start]);
        while (stack.Count > 0)
        {
            var cell = stack.Pop();
            mask[cell / Columns, cell % Columns] = true;
            foreach (var up in upstream[cell]) stack.Push(up);
        }
        return mask;
    }

    /// <summary>For every cell, how many LDD steps its water takes to reach (<paramref name="row"/>, <paramref name="column"/>)
    /// (0 at that cell), or -1 where it does not drain there [rows × columns]: the flow distance in cells, which sets how
    /// late a storm on that cell reaches the gauge.</summary>
    public int[] FlowSteps(int row, int column)
    {
        var start = Index(row, column);
        var steps = Enumerable.Repeat(-1, Rows * Columns).ToArray();
        if (!Inside[start]) return steps;
        steps[start] = 0;
        var queue = new Queue<int>([start]);
        while (queue.Count > 0)
        {
            var cell = queue.Dequeue();
            foreach (var up in upstream[cell])
            {
                steps[up] = steps[cell] + 1;
                queue.Enqueue(up);
            }
        }
        return steps;
    }

    /// <summary>The upstream mask as 1/0 floats [rows × columns] (e.g. as a model input channel or to average forcing over a
    /// catchment).</summary>
    public float[] UpstreamMaskValues(int row, int column)
    {
        var mask = UpstreamMask(row, column);
        var values = new float[Rows * Columns];
        for (var r = 0; r < Rows; r++)
            for (var c = 0; c < Columns; c++) values[r * Columns + c] = mask[r, c] ? 1f : 0f;
        return values;
    }

    /// <summary>
    /// Places a gauge: among network cells within <paramref name="searchRadiusCells"/> cells (a square window) of the cell
    /// holding (<paramref name="latitude"/>, <paramref name="longitude"/>), the one whose upstream area best matches
    /// <paramref name="catchmentAreaKm2"/>, scored as |ln(upstream / stated)| + <paramref name="distancePenalty"/> × distance
    /// (in cells). The penalty keeps a gauge on its own river: without it, Cochem (Moselle, 27,088 km²) snaps to a Meuse
    /// cell two cells away whose area happens to match better; with 0.05 a cell one step further is chosen only if its
    /// area matches about 5 % better.
    /// </summary>
    public GaugeCell SnapGauge(double latitude, double longitude, double catchmentAreaKm2, int searchRadiusCells = 2,
        double distancePenalty = 0.05)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(catchmentAreaKm2);
        ArgumentOutOfRangeException.ThrowIfNegative(searchRadiusCells);
        ArgumentOutOfRangeException.ThrowIfNegative(distancePenalty);
        var centre = Geometry.CellOf(longitude, latitude)
            ?? throw new ArgumentException($"({latitude} N, {longitude} E) lies outside the grid of {Source}");
        (int Row, int Column, double Error, int Distance)? best = null;
        for (var r = Math.Max(0, centre.Row - searchRadiusCells); r <= Math.Min(Rows - 1, centre.Row + searchRadiusCells); r++)
        {
            for (var c = Math.Max(0, centre.Column - searchRadiusCells); c <= Math.Min(Columns - 1, centre.Column + searchRadiusCells); c++)
            {
                var i = r * Columns + c;
                if (!Inside[i]) continue;
                var distance = Math.Max(Math.Abs(r - centre.Row), Math.Abs(c - centre.Column));
                // ln: an area twice too large scores as badly as one half too small.
                var error = Math.Abs(Math.Log(UpstreamAreaKm2[i] / catchmentAreaKm2)) + distancePenalty * distance;
                if (best is null || error < best.Value.Error - 1e-12
                    || (Math.Abs(error - best.Value.Error) <= 1e-12 && distance < best.Value.Distance))
                    best = (r, c, error, distance);
            }
        }
        if (best is null) throw new ArgumentException(
            $"no network cell within {searchRadiusCells} cells of ({latitude} N, {longitude} E) in {Source}");
        var (row, column, _, _) = best.Value;
        return new GaugeCell(row, column, Geometry.CellCentreY(row), Geometry.CellCentreX(column), UpstreamAreaKm2[row * Columns + column],
            catchmentAreaKm2);
    }

    private double[] Accumulate(double[] area)
    {
        // Kahn's order: a cell is added downstream once all of its upstream cells are done; cells left over form a loop.
        var n = area.Length;
        var waiting = upstream.Select(u => u.Length).ToArray();
        var total = area.Select((a, i) => Inside[i] ? a : double.NaN).ToArray();
        var ready = new Queue<int>(Enumerable.Range(0, n).Where(i => Inside[i] && waiting[i] == 0));
        var done = 0;
        while (ready.Count > 0)
        {
            var cell = ready.Dequeue();
            done++;
            var next = downstream[cell];
            if (next < 0) continue;
            total[next] += total[cell];
            if (--waiting[next] == 0) ready.Enqueue(next);
        }
        var inside = Inside.Count(b => b);
        if (done != inside)
        {
            var loop = Enumerable.Range(0, n).First(i => Inside[i] && waiting[i] > 0);
            throw new DataFileException(Source,
                $"the drainage directions form a loop (through row {loop / Columns}, column {loop % Columns}); an LDD must drain to pits");
        }
        return total;
    }

    private int Index(int row, int column)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(row);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(row, Rows);
        ArgumentOutOfRangeException.ThrowIfNegative(column);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(column, Columns);
        return row * Columns + column;
    }
}
