using HydroWorkshop.Common;

namespace HydroWorkshop.Physics;

/// <summary>
/// A 2D finite-volume Godunov solver for the shallow-water equations on a <see cref="ShallowWaterDomain"/>:
/// HLLC fluxes, hydrostatic reconstruction (Audusse et al. 2004) for well-balancing and positivity, MUSCL
/// reconstruction of depth, surface elevation and velocity with a slope limiter and SSP-RK2 (Heun) time stepping,
/// semi-implicit Manning friction, and an adaptive CFL time step. Work is split over rows on
/// <see cref="SolverOptions.Threads"/> threads; every value is computed by one formula in one place, so results
/// are bit-identical for any thread count.
/// State arrays are row-major <c>[y, x]</c>: depth h (m), discharges hu, hv (m2/s).
/// </summary>
public sealed partial class ShallowWaterSolver
{
    private readonly ShallowWaterDomain domain;
    private readonly SolverOptions options;
    private readonly int nx, ny;
    private readonly double dx, dy, g, dry;
    private readonly double[] z;
    private readonly bool[] solid;
    private readonly double[]? manning;
    private readonly double[]? crestX, crestY;
    private readonly ParallelOptions parallel;
    private readonly int chunks;

    // Conserved state and the copy kept for the second Heun stage.
    private readonly double[] h, hu, hv, h0, hu0, hv0;
    // Primitive variables and limited slopes (per cell, per direction).
    private readonly double[] u, v, eta;
    private readonly double[] sxH, sxE, sxU, sxV, syH, syE, syU, syV;
    // x faces: (nx + 1) per row; y faces: nx per face row, ny + 1 face rows.
    private readonly double[] fxMass, fxMomL, fxMomR, fxTrans;
    private readonly double[] fyMass, fyMomL, fyMomR, fyTrans;
    // Per-row accumulators, summed serially afterwards so the totals do not depend on thread timing.
    private readonly double[] rowSpeedX, rowSpeedY, rowInflowX, rowInflowY, rowClamped;
    private readonly int[] rowBadColumn, rowBadQuantity;

    /// <summary>Creates a solver; the water starts at rest with zero depth everywhere.</summary>
    public ShallowWaterSolver(ShallowWaterDomain domain, SolverOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(domain);
        domain.Validate();
        options ??= new SolverOptions();
        if (!(options.CourantNumber > 0) || options.CourantNumber > 1)
            throw new ShallowWaterInputException($"Courant number must be in (0, 1] (got {options.CourantNumber})");
        if (!(options.Gravity > 0)) throw new ShallowWaterInputException($"gravity must be positive (got {options.Gravity} m/s2)");
        if (!(options.DryDepth > 0)) throw new ShallowWaterInputException($"dry depth must be positive (got {options.DryDepth} m)");
        if (!(options.MaxTimeStep > 0)) throw new ShallowWaterInputException(
            $"maximum time step must be positive (got {options.MaxTimeStep} s)");
        this.options = options;
        this.domain = domain;
        nx = domain.Columns;
        ny = domain.Rows;
        dx = domain.CellSizeX;
        dy = domain.CellSizeY;
        g = options.Gravity;
        dry = options.DryDepth;
        z = (double[])domain.BedElevation.Clone();
        solid = (bool[])domain.Solid.Clone();
        manning = domain.ManningRoughness is null ? null : (double[])domain.ManningRoughness.Clone();
        crestX = (double[]?)domain.FaceCrestX?.Clone();
        crestY = (double[]?)domain.FaceCrestY?.Clone();
        var threads = Math.Max(1, options.Threads);
        parallel = new ParallelOptions { MaxDegreeOfParallelism = threads };
        chunks = threads == 1 ? 1 : Math.Min(ny + 1, threads * 4);

        var n = nx * ny;
        h = new double[n]; hu = new double[n]; hv = new double[n];
        h0 = new double[n]; hu0 = new double[n]; hv0 = new double[n];
        u = new double[n]; v = new double[n]; eta = new double[n];
        sxH = new double[n]; sxE = new double[n]; sxU = new double[n]; sxV = new double[n];
        syH = new double[n]; syE = new double[n]; syU = new double[n]; syV = new double[n];
        var nxFaces = (nx + 1) * ny;
        var nyFaces = nx * (ny + 1);
        fxMass = new double[nxFaces]; fxMomL = new double[nxFaces]; fxMomR = new double[nxFaces]; fxTrans = new double[nxFaces];
        fyMass = new double[nyFaces]; fyMomL = new double[nyFaces]; fyMomR = new double[nyFaces]; fyTrans = new double[nyFaces];
        rowSpeedX = new double[ny]; rowSpeedY = new double[ny + 1];
        rowInflowX = new double[ny]; rowInflowY = new double[ny + 1];
        rowClamped = new double[ny];
        rowBadColumn = new int[ny]; rowBadQuantity = new int[ny];
        BuildBoundaries();
    }

    public ShallowWaterDomain Domain => domain;
    public SolverOptions Options => options;

    /// <summary>Simulated time (s).</summary>
    public double Time { get; private set; }

    /// <summary>Time steps taken so far.</summary>
    public long Steps { get; private set; }

    /// <summary>The last time step (s).</summary>
    public double LastTimeStep { get; private set; }

    /// <summary>Net volume (m3) that entered through the domain boundary since the start (inflow minus outflow).</summary>
    public double BoundaryInflowVolume { get; private set; }

    /// <summary>Volume (m3) added by clipping round-off negative depths to zero (should stay near zero).</summary>
    public double ClippedVolume { get; private set; }

    /// <summary>Depth h (m), <c>[y, x]</c>.</summary>
    public ReadOnlySpan<double> Depth => h;

    /// <summary>Discharge per unit width along x, hu (m2/s), <c>[y, x]</c>.</summary>
    public ReadOnlySpan<double> DischargeX => hu;

    /// <summary>Discharge per unit width along y, hv (m2/s), <c>[y, x]</c>.</summary>
    public ReadOnlySpan<double> DischargeY => hv;

    /// <summary>Bed elevation z (m), <c>[y, x]</c>.</summary>
    public ReadOnlySpan<double> BedElevation => z;

    /// <summary>Sets the state cell by cell from the cell centre (x, y): depth (m) and velocities (m/s).
    /// Solid cells stay dry.</summary>
    public void SetState(Func<double, double, (double Depth, double VelocityX, double VelocityY)> state)
    {
        for (var row = 0; row < ny; row++)
        {
            for (var column = 0; column < nx; column++)
            {
                var k = row * nx + column;
                var (depth, u, v) = solid[k] ? (0, 0, 0) : state(domain.CellCenterX(column), domain.CellCenterY(row));
                SetCell(column, row, depth, depth * u, depth * v);
            }
        }
    }

    /// <summary>Fills every open cell up to the water-surface elevation level(x, y) (m), at rest; cells whose bed is
    /// above the level stay dry.</summary>
    public void SetWaterLevel(Func<double, double, double> level) =>
        SetState((x, y) =>
        {
            var cell = domain.CellAt(x, y)!.Value;
            return (Math.Max(0, level(x, y) - z[cell.Row * nx + cell.Column]), 0, 0);
        });

    /// <summary>Sets one cell: depth h (m) and discharges hu, hv (m2/s).</summary>
    public void SetCell(int column, int row, double depth, double dischargeX, double dischargeY)
    {
        if (column < 0 || column >= nx || row < 0 || row >= ny)
            throw new ShallowWaterInputException($"cell (column {column}, row {row}) lies outside the {nx} x {ny} grid");
        var k = row * nx + column;
        if (!double.IsFinite(depth) || depth < 0)
            throw new ShallowWaterInputException(
                $"initial depth at cell (column {column}, row {row}) is {ShallowWaterDomain.Format(depth)} m; must be finite and >= 0");
        if (!double.IsFinite(dischargeX) || !double.IsFinite(dischargeY))
            throw new ShallowWaterInputException(
                $"initial discharge at cell (column {column}, row {row}) is ({dischargeX}, {dischargeY}) m2/s; must be finite");
        if (solid[k] && depth > 0)
            throw new ShallowWaterInputException($"cell (column {column}, row {row}) is solid and cannot hold water (depth {depth} m)");
        h[k] = depth;
        hu[k] = depth > dry ? dischargeX : 0;
        hv[k] = depth > dry ? dischargeY : 0;
    }

    /// <summary>Water volume (m3) in the domain.</summary>
    public double TotalVolume()
    {
        var sum = 0.0;
        for (var k = 0; k < h.Length; k++) sum += h[k];
        return sum * dx * dy;
    }

    /// <summary>Depth (m) in the cell containing (x, y).</summary>
    public double DepthAt(double x, double y)
    {
        var cell = domain.CellAt(x, y) ?? throw new ArgumentOutOfRangeException(nameof(x), $"point ({x}, {y}) m lies outside the domain");
        return h[cell.Row * nx + cell.Column];
    }

    /// <summary>Advances to <paramref name="endTime"/> (s), landing on it exactly. Without a token the workshop's
    /// ambient one (<see cref="WorkshopCancellation.Token"/>) stops it on a notebook interrupt.</summary>
    public void AdvanceTo(double endTime, CancellationToken cancellationToken = default)
    {
        if (!cancellationToken.CanBeCanceled) cancellationToken = WorkshopCancellation.Token;
        while (Time < endTime - 1e-12)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Step(endTime - Time);
        }
    }

    /// <summary>Runs to <paramref name="endTime"/> (s), calling <paramref name="onOutput"/> at t = 0 (when the run starts there)
    /// and every <paramref name="outputInterval"/> (s).</summary>
    public void Run(double endTime, double outputInterval, Action<ShallowWaterSolver> onOutput,
        CancellationToken cancellationToken = default)
    {
        if (!(outputInterval > 0)) throw new ArgumentOutOfRangeException(nameof(outputInterval),
            $"output interval must be positive (got {outputInterval} s)");
        if (!cancellationToken.CanBeCanceled) cancellationToken = WorkshopCancellation.Token;
        var next = Time;
        var k = 0L;
        var start = Time;
        while (next <= endTime + 1e-9)
        {
            AdvanceTo(next, cancellationToken);
            onOutput(this);
            k++;
            next = start + k * outputInterval;
        }
    }

    /// <summary>Takes one time step of at most <paramref name="maxStep"/> seconds; returns the step taken (s).</summary>
    public double Step(double maxStep = double.PositiveInfinity)
    {
        var time = Time;
        if (options.SecondOrder)
        {
            Array.Copy(h, h0, h.Length);
            Array.Copy(hu, hu0, hu.Length);
            Array.Copy(hv, hv0, hv.Length);
        }
        ComputeFluxes(time);
        // Landing on hydrograph breakpoints keeps the trapezoidal (Heun) inflow volume exact for piecewise-linear inflow.
        var dt = Math.Min(Math.Min(StableTimeStep(), maxStep), Math.Min(options.MaxTimeStep, NextBreakpoint(time) - time));
        var inflow = BoundaryInflowRate() * dt;
        Update(dt, blend: false, time + dt);
        if (options.SecondOrder)
        {
            ComputeFluxes(time + dt);
            inflow = 0.5 * (inflow + BoundaryInflowRate() * dt);
            Update(dt, blend: true, time + dt);
        }
        if (manning is not null) ApplyFriction(dt);
        ClippedVolume += SumAndClear(rowClamped) * dx * dy;
        BoundaryInflowVolume += inflow;
        Time = time + dt;
        LastTimeStep = dt;
        Steps++;
        return dt;
    }

    private void ComputeFluxes(double time)
    {
        UpdateBoundaryForcing(time);
        ForRows(ny, ComputePrimitives);
        ForRows(ny, ComputeSlopes);
        ForRows(ny, ComputeXFluxes);
        ForRows(ny + 1, ComputeYFluxes);
    }

    private double StableTimeStep()
    {
        double ax = 0, ay = 0;
        for (var j = 0; j < ny; j++) ax = Math.Max(ax, rowSpeedX[j]);
        for (var j = 0; j <= ny; j++) ay = Math.Max(ay, rowSpeedY[j]);
        var rate = ax / dx + ay / dy;
        return rate > 0 ? options.CourantNumber / rate : options.MaxTimeStep;
    }

    /// <summary>Net inflow rate (m3/s) through the boundary from the last flux computation.</summary>
    private double BoundaryInflowRate()
    {
        var x = 0.0;
        for (var j = 0; j < ny; j++) x += rowInflowX[j];
        var y = 0.0;
        for (var j = 0; j <= ny; j++) y += rowInflowY[j];
        return x * dy + y * dx;
    }

    private static double SumAndClear(double[] values)
    {
        var sum = 0.0;
        for (var k = 0; k < values.Length; k++) { sum += values[k]; values[k] = 0; }
        return sum;
    }

    /// <summary>Runs body(start, end) over [0, count) in contiguous chunks on the solver's threads.</summary>
    private void ForRows(int count, Action<int, int> body)
    {
        if (this.chunks <= 1 || count < 2)
        {
            body(0, count);
            return;
        }
        var chunks = Math.Min(this.chunks, count);
        Parallel.For(0, chunks, parallel, c =>
        {
            var start = (int)((long)count * c / chunks);
            var end = (int)((long)count * (c + 1) / chunks);
            body(start, end);
        });
    }
}
