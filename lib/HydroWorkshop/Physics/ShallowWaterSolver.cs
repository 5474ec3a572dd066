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
    private readonly ShallowWaterDomain _domain;
    private readonly SolverOptions _options;
    private readonly int _nx, _ny;
    private readonly double _dx, _dy, _g, _dry;
    private readonly double[] _z;
    private readonly bool[] _solid;
    private readonly double[]? _manning;
    private readonly ParallelOptions _parallel;
    private readonly int _chunks;

    // Conserved state and the copy kept for the second Heun stage.
    private readonly double[] _h, _hu, _hv, _h0, _hu0, _hv0;
    // Primitive variables and limited slopes (per cell, per direction).
    private readonly double[] _u, _v, _eta;
    private readonly double[] _sxH, _sxE, _sxU, _sxV, _syH, _syE, _syU, _syV;
    // x faces: (nx + 1) per row; y faces: nx per face row, ny + 1 face rows.
    private readonly double[] _fxMass, _fxMomL, _fxMomR, _fxTrans;
    private readonly double[] _fyMass, _fyMomL, _fyMomR, _fyTrans;
    // Per-row accumulators, summed serially afterwards so the totals do not depend on thread timing.
    private readonly double[] _rowSpeedX, _rowSpeedY, _rowInflowX, _rowInflowY, _rowClamped;
    private readonly int[] _rowBadColumn, _rowBadQuantity;

    /// <summary>Creates a solver; the water starts at rest with zero depth everywhere.</summary>
    public ShallowWaterSolver(ShallowWaterDomain domain, SolverOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(domain);
        domain.Validate();
        _options = options ?? new SolverOptions();
        if (!(_options.CourantNumber > 0) || _options.CourantNumber > 1)
            throw new ShallowWaterInputException($"Courant number must be in (0, 1] (got {_options.CourantNumber})");
        if (!(_options.Gravity > 0)) throw new ShallowWaterInputException($"gravity must be positive (got {_options.Gravity} m/s2)");
        if (!(_options.DryDepth > 0)) throw new ShallowWaterInputException($"dry depth must be positive (got {_options.DryDepth} m)");
        if (!(_options.MaxTimeStep > 0)) throw new ShallowWaterInputException($"maximum time step must be positive (got {_options.MaxTimeStep} s)");
        _domain = domain;
        _nx = domain.Columns;
        _ny = domain.Rows;
        _dx = domain.CellSizeX;
        _dy = domain.CellSizeY;
        _g = _options.Gravity;
        _dry = _options.DryDepth;
        _z = (double[])domain.BedElevation.Clone();
        _solid = (bool[])domain.Solid.Clone();
        _manning = domain.ManningRoughness is null ? null : (double[])domain.ManningRoughness.Clone();
        var threads = Math.Max(1, _options.Threads);
        _parallel = new ParallelOptions { MaxDegreeOfParallelism = threads };
        _chunks = threads == 1 ? 1 : Math.Min(_ny + 1, threads * 4);

        var n = _nx * _ny;
        _h = new double[n]; _hu = new double[n]; _hv = new double[n];
        _h0 = new double[n]; _hu0 = new double[n]; _hv0 = new double[n];
        _u = new double[n]; _v = new double[n]; _eta = new double[n];
        _sxH = new double[n]; _sxE = new double[n]; _sxU = new double[n]; _sxV = new double[n];
        _syH = new double[n]; _syE = new double[n]; _syU = new double[n]; _syV = new double[n];
        var nxFaces = (_nx + 1) * _ny;
        var nyFaces = _nx * (_ny + 1);
        _fxMass = new double[nxFaces]; _fxMomL = new double[nxFaces]; _fxMomR = new double[nxFaces]; _fxTrans = new double[nxFaces];
        _fyMass = new double[nyFaces]; _fyMomL = new double[nyFaces]; _fyMomR = new double[nyFaces]; _fyTrans = new double[nyFaces];
        _rowSpeedX = new double[_ny]; _rowSpeedY = new double[_ny + 1];
        _rowInflowX = new double[_ny]; _rowInflowY = new double[_ny + 1];
        _rowClamped = new double[_ny];
        _rowBadColumn = new int[_ny]; _rowBadQuantity = new int[_ny];
        BuildBoundaries();
    }

    public ShallowWaterDomain Domain => _domain;
    public SolverOptions Options => _options;

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
    public ReadOnlySpan<double> Depth => _h;

    /// <summary>Discharge per unit width along x, hu (m2/s), <c>[y, x]</c>.</summary>
    public ReadOnlySpan<double> DischargeX => _hu;

    /// <summary>Discharge per unit width along y, hv (m2/s), <c>[y, x]</c>.</summary>
    public ReadOnlySpan<double> DischargeY => _hv;

    /// <summary>Bed elevation z (m), <c>[y, x]</c>.</summary>
    public ReadOnlySpan<double> BedElevation => _z;

    /// <summary>Sets the state cell by cell from the cell centre (x, y): depth (m) and velocities (m/s).
    /// Solid cells stay dry.</summary>
    public void SetState(Func<double, double, (double Depth, double VelocityX, double VelocityY)> state)
    {
        for (var row = 0; row < _ny; row++)
        {
            for (var column = 0; column < _nx; column++)
            {
                var k = row * _nx + column;
                var (depth, u, v) = _solid[k] ? (0, 0, 0) : state(_domain.CellCenterX(column), _domain.CellCenterY(row));
                SetCell(column, row, depth, depth * u, depth * v);
            }
        }
    }

    /// <summary>Fills every open cell up to the water-surface elevation level(x, y) (m), at rest; cells whose bed is
    /// above the level stay dry.</summary>
    public void SetWaterLevel(Func<double, double, double> level) =>
        SetState((x, y) =>
        {
            var cell = _domain.CellAt(x, y)!.Value;
            return (Math.Max(0, level(x, y) - _z[cell.Row * _nx + cell.Column]), 0, 0);
        });

    /// <summary>Sets one cell: depth h (m) and discharges hu, hv (m2/s).</summary>
    public void SetCell(int column, int row, double depth, double dischargeX, double dischargeY)
    {
        if (column < 0 || column >= _nx || row < 0 || row >= _ny)
            throw new ShallowWaterInputException($"cell (column {column}, row {row}) lies outside the {_nx} x {_ny} grid");
        var k = row * _nx + column;
        if (!double.IsFinite(depth) || depth < 0)
            throw new ShallowWaterInputException($"initial depth at cell (column {column}, row {row}) is {ShallowWaterDomain.Format(depth)} m; must be finite and >= 0");
        if (!double.IsFinite(dischargeX) || !double.IsFinite(dischargeY))
            throw new ShallowWaterInputException($"initial discharge at cell (column {column}, row {row}) is ({dischargeX}, {dischargeY}) m2/s; must be finite");
        if (_solid[k] && depth > 0)
            throw new ShallowWaterInputException($"cell (column {column}, row {row}) is solid and cannot hold water (depth {depth} m)");
        _h[k] = depth;
        _hu[k] = depth > _dry ? dischargeX : 0;
        _hv[k] = depth > _dry ? dischargeY : 0;
    }

    /// <summary>Water volume (m3) in the domain.</summary>
    public double TotalVolume()
    {
        var sum = 0.0;
        for (var k = 0; k < _h.Length; k++) sum += _h[k];
        return sum * _dx * _dy;
    }

    /// <summary>Depth (m) in the cell containing (x, y).</summary>
    public double DepthAt(double x, double y)
    {
        var cell = _domain.CellAt(x, y) ?? throw new ArgumentOutOfRangeException(nameof(x), $"point ({x}, {y}) m lies outside the domain");
        return _h[cell.Row * _nx + cell.Column];
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
    public void Run(double endTime, double outputInterval, Action<ShallowWaterSolver> onOutput, CancellationToken cancellationToken = default)
    {
        if (!(outputInterval > 0)) throw new ArgumentOutOfRangeException(nameof(outputInterval), $"output interval must be positive (got {outputInterval} s)");
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
        if (_options.SecondOrder)
        {
            Array.Copy(_h, _h0, _h.Length);
            Array.Copy(_hu, _hu0, _hu.Length);
            Array.Copy(_hv, _hv0, _hv.Length);
        }
        ComputeFluxes(time);
        // Landing on hydrograph breakpoints keeps the trapezoidal (Heun) inflow volume exact for piecewise-linear inflow.
        var dt = Math.Min(Math.Min(StableTimeStep(), maxStep), Math.Min(_options.MaxTimeStep, NextBreakpoint(time) - time));
        var inflow = BoundaryInflowRate() * dt;
        Update(dt, blend: false, time + dt);
        if (_options.SecondOrder)
        {
            ComputeFluxes(time + dt);
            inflow = 0.5 * (inflow + BoundaryInflowRate() * dt);
            Update(dt, blend: true, time + dt);
        }
        if (_manning is not null) ApplyFriction(dt);
        ClippedVolume += SumAndClear(_rowClamped) * _dx * _dy;
        BoundaryInflowVolume += inflow;
        Time = time + dt;
        LastTimeStep = dt;
        Steps++;
        return dt;
    }

    private void ComputeFluxes(double time)
    {
        UpdateBoundaryForcing(time);
        ForRows(_ny, ComputePrimitives);
        ForRows(_ny, ComputeSlopes);
        ForRows(_ny, ComputeXFluxes);
        ForRows(_ny + 1, ComputeYFluxes);
    }

    private double StableTimeStep()
    {
        double ax = 0, ay = 0;
        for (var j = 0; j < _ny; j++) ax = Math.Max(ax, _rowSpeedX[j]);
        for (var j = 0; j <= _ny; j++) ay = Math.Max(ay, _rowSpeedY[j]);
        var rate = ax / _dx + ay / _dy;
        return rate > 0 ? _options.CourantNumber / rate : _options.MaxTimeStep;
    }

    /// <summary>Net inflow rate (m3/s) through the boundary from the last flux computation.</summary>
    private double BoundaryInflowRate()
    {
        var x = 0.0;
        for (var j = 0; j < _ny; j++) x += _rowInflowX[j];
        var y = 0.0;
        for (var j = 0; j <= _ny; j++) y += _rowInflowY[j];
        return x * _dy + y * _dx;
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
        if (_chunks <= 1 || count < 2)
        {
            body(0, count);
            return;
        }
        var chunks = Math.Min(_chunks, count);
        Parallel.For(0, chunks, _parallel, c =>
        {
            var start = (int)((long)count * c / chunks);
            var end = (int)((long)count * (c + 1) / chunks);
            body(start, end);
        });
    }
}
