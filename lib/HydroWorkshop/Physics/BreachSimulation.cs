namespace HydroWorkshop.Physics;

/// <summary>
/// A dike-breach flood in the set-up of the D-HYDRO simulations of Bentivoglio et al. (2023): closed walls all round, the
/// breach a single boundary face through which a discharge enters, one wet cell (<see cref="BreachSimulationOptions.InitialDepth"/>)
/// at the breach at t = 0. The breach-event generator and the coarse-grid baseline of the surrogate evaluation both call
/// <see cref="Run"/>, so the data and the baseline come from one model.
/// </summary>
public static class BreachSimulation
{
    /// <summary>Depth (m) per output frame on the given grid, <c>[frames, rows, columns]</c>, frame 0 the initial state
    /// (only the breach cell wet).</summary>
    /// <param name="bed">Bed elevation (m), <c>[rows, columns]</c> row-major, row 0 the southmost.</param>
    /// <param name="rows">Cells along y.</param>
    /// <param name="columns">Cells along x.</param>
    /// <param name="cellSize">Cell size (m), square cells.</param>
    /// <param name="breachCell">The cell behind the breach; must be on the boundary. Its side is <see cref="BreachSide"/>.</param>
    /// <param name="inflow">Breach discharge (m3/s) at each output frame; its count is the number of frames. The solver
    /// interpolates linearly between frames, so the inflow volume is the trapezoidal integral of these values.</param>
    /// <param name="outputSeconds">Time between frames (s).</param>
    /// <param name="coarsening">F &gt; 1 runs the solver on a grid F times coarser in both directions (bed from
    /// <see cref="CoarseBed"/> with <see cref="BreachSimulationOptions.CoarseBedLowering"/>; each coarse face's crest from
    /// the fine bed unless <see cref="BreachSimulationOptions.FaceCrests"/> is off; the breach on the coarse face that holds
    /// the fine one, same discharge; the initial water volume kept) and brings its depth back onto the fine grid as
    /// <see cref="BreachSimulationOptions.Downscaling"/> says, keeping each block's volume. Frame 0 is the fine initial
    /// state. F must divide <paramref name="rows"/> and <paramref name="columns"/>. With
    /// <see cref="BreachScheme.SubgridLocalInertial"/> the coarse cells keep the fine bed instead (its storage and
    /// crossings) and the depth is their level over it.</param>
    /// <param name="options">Roughness and numerics; default <see cref="BreachSimulationOptions"/>.</param>
    /// <param name="cancellationToken">Stops the run (the workshop's ambient token when none is given).</param>
    public static float[] Run(float[] bed, int rows, int columns, double cellSize, (int Row, int Column) breachCell,
        IReadOnlyList<double> inflow, double outputSeconds, int coarsening = 1, BreachSimulationOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(bed);
        ArgumentNullException.ThrowIfNull(inflow);
        options ??= new BreachSimulationOptions();
        if (rows < 1 || columns < 1) throw new ArgumentOutOfRangeException(nameof(rows),
            $"grid must have at least 1 x 1 cells (got {rows} rows x {columns} columns)");
        if (bed.Length != rows * columns) throw new ArgumentException(
            $"bed has {bed.Length} values; the grid has {rows} x {columns} = {rows * columns} cells", nameof(bed));
        if (!(cellSize > 0) || !double.IsFinite(cellSize)) throw new ArgumentOutOfRangeException(nameof(cellSize), cellSize,
            "cell size must be positive and finite (m)");
        if (inflow.Count < 1) throw new ArgumentException("inflow needs one discharge per output frame (at least one frame)",
            nameof(inflow));
        for (var t = 0; t < inflow.Count; t++)
            if (!double.IsFinite(inflow[t]) || inflow[t] < 0) throw new ArgumentException(
                $"inflow at frame {t} is {inflow[t]} m3/s; must be finite and >= 0", nameof(inflow));
        if (!(outputSeconds > 0) || !double.IsFinite(outputSeconds)) throw new ArgumentOutOfRangeException(nameof(outputSeconds),
            outputSeconds, "output interval must be positive (s)");
        if (coarsening < 1 || rows % coarsening != 0 || columns % coarsening != 0)
            throw new ArgumentOutOfRangeException(nameof(coarsening), coarsening,
                $"coarsening must be at least 1 and divide the {rows} x {columns} grid");
        if (!Enum.IsDefined(options.Downscaling)) throw new ArgumentOutOfRangeException(nameof(options),
            $"Downscaling is {options.Downscaling}; expected one of {string.Join(", ", Enum.GetNames<CoarseDownscaling>())}");
        if (!(options.CoarseBedLowering is >= 0 and <= 1)) throw new ArgumentOutOfRangeException(nameof(options),
            $"CoarseBedLowering is {options.CoarseBedLowering}; must be within 0..1 (0: the block's mean bed, 1: its lowest cell)");
        if (!(options.InitialDepth >= 0)) throw new ArgumentOutOfRangeException(nameof(options),
            $"InitialDepth is {options.InitialDepth} m; must be >= 0");
        if (!Enum.IsDefined(options.Scheme)) throw new ArgumentOutOfRangeException(nameof(options),
            $"Scheme is {options.Scheme}; expected one of {string.Join(", ", Enum.GetNames<BreachScheme>())}");
        if (!(options.SubgridCourantNumber is > 0 and <= 0.7)) throw new ArgumentOutOfRangeException(nameof(options),
            $"SubgridCourantNumber is {options.SubgridCourantNumber}; must be within (0, 0.7]");
        if (!(options.Manning >= 0) || !double.IsFinite(options.Manning)) throw new ArgumentOutOfRangeException(nameof(options),
            $"Manning is {options.Manning} s/m^(1/3); must be finite and >= 0");
        if (!(options.MaxTimeStep > 0)) throw new ArgumentOutOfRangeException(nameof(options),
            $"MaxTimeStep is {options.MaxTimeStep} s; must be > 0");
        var side = BreachSide(breachCell.Row, breachCell.Column, rows, columns);
        if (options.Scheme == BreachScheme.SubgridLocalInertial)
            return SubgridLocalInertial.Run(bed, rows, columns, cellSize, breachCell, inflow, outputSeconds, coarsening, options,
                cancellationToken);

        var f = coarsening;
        var (coarseRows, coarseColumns, coarseSize) = (rows / f, columns / f, cellSize * f);
        var domain = new ShallowWaterDomain(coarseColumns, coarseRows, coarseSize);
        CoarseBed(bed, rows, columns, f, options.CoarseBedLowering).CopyTo(domain.BedElevation, 0);   // F = 1: the fine bed
        domain.SetUniformRoughness(options.Manning);
        if (f > 1 && options.FaceCrests) SetFaceCrests(domain, bed, columns, f);
        var (coarseRow, coarseColumn) = (breachCell.Row / f, breachCell.Column / f);
        var face = side is BoundarySide.South or BoundarySide.North ? coarseColumn : coarseRow;
        var times = Enumerable.Range(0, inflow.Count).Select(t => t * outputSeconds).ToArray();
        domain.Segments.Add(BoundarySegment.InflowOver(side, face * coarseSize, (face + 1) * coarseSize,
            new Hydrograph(times, [.. inflow])));

        var solver = new ShallowWaterSolver(domain, new SolverOptions
        {
            SecondOrder = options.SecondOrder,
            CourantNumber = options.CourantNumber,
            Threads = options.Threads,
            MaxTimeStep = options.MaxTimeStep,
        });
        // The same initial volume as the fine grid's one wet cell.
        solver.SetCell(coarseColumn, coarseRow, options.InitialDepth / (f * f), 0, 0);

        var cells = rows * columns;
        var frames = inflow.Count;
        var depth = new float[frames * cells];
        var frame = 0;
        solver.Run((frames - 1) * outputSeconds, outputSeconds, s =>
        {
            if (frame >= frames) return;
            var target = depth.AsSpan(frame * cells, cells);
            if (frame == 0) target[breachCell.Row * columns + breachCell.Column] = (float)options.InitialDepth;
            else if (f > 1 && options.Downscaling == CoarseDownscaling.WaterLevel)
                WaterLevelDownscaling.Apply(s.Depth, bed, target, rows, columns, f);
            else Upsample(s.Depth, target, coarseRows, coarseColumns, f);
            frame++;
        }, cancellationToken);
        if (frame != frames) throw new InvalidOperationException($"breach simulation wrote {frame} frames, expected {frames}");
        return depth;
    }

    /// <summary>The side whose face the breach discharge enters through. A corner cell lies on two sides; the row decides
    /// first: row 0 is South and the last row North, otherwise column 0 is West and the last column East. So the corner
    /// breach of the D-HYDRO data (cell 0) enters from the South.</summary>
    public static BoundarySide BreachSide(int row, int column, int rows, int columns)
    {
        if (row < 0 || row >= rows || column < 0 || column >= columns)
            throw new ArgumentOutOfRangeException(nameof(row),
                $"breach cell (row {row}, column {column}) lies outside the {rows} x {columns} grid");
        if (row == 0) return BoundarySide.South;
        if (row == rows - 1) return BoundarySide.North;
        if (column == 0) return BoundarySide.West;
        if (column == columns - 1) return BoundarySide.East;
        throw new ArgumentOutOfRangeException(nameof(row),
            $"breach cell (row {row}, column {column}) is not on the boundary of the {rows} x {columns} grid");
    }

    /// <summary>The bed (m) of a grid <paramref name="factor"/> times coarser, <c>[rows / F, columns / F]</c>: each block's
    /// mean lowered <paramref name="lowering"/> of the way to its lowest cell (0: the mean, 1: the lowest cell).</summary>
    /// <param name="bed">Fine bed elevation (m), <c>[rows, columns]</c>.</param>
    /// <param name="rows">Fine cells along y; a multiple of <paramref name="factor"/>.</param>
    /// <param name="columns">Fine cells along x; a multiple of <paramref name="factor"/>.</param>
    /// <param name="factor">F, the block's side in fine cells.</param>
    /// <param name="lowering">Fraction of the way from the block's mean to its lowest cell, 0..1.</param>
    public static double[] CoarseBed(float[] bed, int rows, int columns, int factor, double lowering)
    {
        ArgumentNullException.ThrowIfNull(bed);
        if (factor < 1 || rows % factor != 0 || columns % factor != 0) throw new ArgumentOutOfRangeException(nameof(factor),
            factor, $"factor must be at least 1 and divide the {rows} x {columns} grid");
        if (bed.Length != rows * columns) throw new ArgumentException(
            $"bed has {bed.Length} values; the grid has {rows} x {columns} = {rows * columns} cells", nameof(bed));
        if (!(lowering is >= 0 and <= 1)) throw new ArgumentOutOfRangeException(nameof(lowering), lowering, "must be within 0..1");
        var (coarseRows, coarseColumns) = (rows / factor, columns / factor);
        var coarse = new double[coarseRows * coarseColumns];
        for (var r = 0; r < coarseRows; r++)
            for (var c = 0; c < coarseColumns; c++)
            {
                var (sum, lowest) = (0.0, double.PositiveInfinity);
                for (var i = 0; i < factor; i++)
                    for (var j = 0; j < factor; j++)
                    {
                        double z = bed[(r * factor + i) * columns + c * factor + j];
                        sum += z;
                        lowest = Math.Min(lowest, z);
                    }
                var mean = sum / (factor * factor);
                coarse[r * coarseColumns + c] = mean - lowering * (mean - lowest);
            }
        return coarse;
    }

    /// <summary>Each interior coarse face's crest: the lowest of its F fine crossings, a crossing the higher of the two fine
    /// cells it joins.</summary>
    private static void SetFaceCrests(ShallowWaterDomain domain, float[] bed, int columns, int f)
    {
        var (nx, ny) = (domain.Columns, domain.Rows);
        var crestX = new double[(nx + 1) * ny];
        var crestY = new double[nx * (ny + 1)];
        Array.Fill(crestX, double.NegativeInfinity);
        Array.Fill(crestY, double.NegativeInfinity);
        for (var r = 0; r < ny; r++)
            for (var c = 1; c < nx; c++)
            {
                var crest = double.PositiveInfinity;
                for (var i = 0; i < f; i++)
                {
                    var row = (r * f + i) * columns;
                    crest = Math.Min(crest, Math.Max(bed[row + c * f - 1], bed[row + c * f]));
                }
                crestX[r * (nx + 1) + c] = crest;
            }
        for (var r = 1; r < ny; r++)
            for (var c = 0; c < nx; c++)
            {
                var crest = double.PositiveInfinity;
                for (var j = 0; j < f; j++)
                {
                    var column = c * f + j;
                    crest = Math.Min(crest, Math.Max(bed[(r * f - 1) * columns + column], bed[r * f * columns + column]));
                }
                crestY[r * nx + c] = crest;
            }
        domain.FaceCrestX = crestX;
        domain.FaceCrestY = crestY;
    }

    private static void Upsample(ReadOnlySpan<double> coarse, Span<float> fine, int coarseRows, int coarseColumns, int f)
    {
        var columns = coarseColumns * f;
        for (var r = 0; r < coarseRows * f; r++)
        {
            var source = coarse.Slice(r / f * coarseColumns, coarseColumns);
            var line = fine.Slice(r * columns, columns);
            for (var c = 0; c < columns; c++) line[c] = (float)source[c / f];
        }
    }
}
