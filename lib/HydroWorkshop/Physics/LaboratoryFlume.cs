namespace HydroWorkshop.Physics;

/// <summary>A solid rectangular block (m): lower-left corner (X, Y), size Width x Height.</summary>
public sealed record RectangularObstacle(double X, double Y, double Width, double Height)
{
    public bool Contains(double x, double y) => x >= X && x <= X + Width && y >= Y && y <= Y + Height;
}

/// <summary>
/// One flume event: the inflow hydrograph (triangular: peak, rise, duration), bed slope, roughness, initial state
/// and obstacle layout.
/// </summary>
/// <param name="PeakDischarge">Peak inflow (m3/s).</param>
/// <param name="RiseTime">Time to peak (s).</param>
/// <param name="Duration">Time when the inflow has fallen back to zero (s).</param>
/// <param name="BedSlope">Downstream bed slope (m/m, positive: the bed falls along x).</param>
/// <param name="Manning">Manning roughness n (s/m^(1/3)).</param>
/// <param name="InitialDepth">Initial still-water depth (m); 0 for a dry bed.</param>
/// <param name="InflowCentre">y (m) of the centre of the inflow segment on the West side.</param>
/// <param name="InflowWidth">Width (m) of the inflow segment.</param>
/// <param name="Obstacles">Solid blocks.</param>
public sealed record FlumeEventParameters(
    double PeakDischarge,
    double RiseTime,
    double Duration,
    double BedSlope,
    double Manning,
    double InitialDepth,
    double InflowCentre,
    double InflowWidth,
    IReadOnlyList<RectangularObstacle> Obstacles)
{
    /// <summary>The inflow hydrograph (m3/s).</summary>
    public Hydrograph Inflow => Hydrograph.Triangular(PeakDischarge, RiseTime, Duration);
}

/// <summary>
/// A laboratory flume on a regular grid: inflow hydrograph over a segment of the West side, free outflow at the East
/// side, walls along South and North, a uniformly sloping bed, and solid blocks. Default 128 x 64 cells of 0.1 m
/// (12.8 m long, 6.4 m wide).
/// </summary>
public sealed record LaboratoryFlume(int Columns = 128, int Rows = 64, double CellSize = 0.1)
{
    public double Length => Columns * CellSize;
    public double Width => Rows * CellSize;

    /// <summary>Bed elevation (m) at x (m): falls by <paramref name="slope"/> per metre from 0 at the inlet.</summary>
    public static double Bed(double x, double slope) => -slope * x;

    /// <summary>The domain of one event.</summary>
    public ShallowWaterDomain CreateDomain(FlumeEventParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var domain = new ShallowWaterDomain(Columns, Rows, CellSize) { East = BoundaryKind.FreeOutflow };
        domain.SetBed((x, _) => Bed(x, parameters.BedSlope));
        foreach (var block in parameters.Obstacles) domain.MarkSolid(block.Contains);
        domain.SetUniformRoughness(parameters.Manning);
        domain.Segments.Add(InflowSegment(parameters));
        return domain;
    }

    /// <summary>The event's inflow segment on the West side (its width centred on the inflow centre, within the flume).</summary>
    public BoundarySegment InflowSegment(FlumeEventParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var start = Math.Max(0, parameters.InflowCentre - 0.5 * parameters.InflowWidth);
        var end = Math.Min(Width, parameters.InflowCentre + 0.5 * parameters.InflowWidth);
        return BoundarySegment.InflowOver(BoundarySide.West, start, end, parameters.Inflow);
    }

    /// <summary>A solver with the event's initial state (still water at <see cref="FlumeEventParameters.InitialDepth"/>
    /// above the sloping bed, or dry).</summary>
    public ShallowWaterSolver CreateSolver(FlumeEventParameters parameters, SolverOptions? options = null)
    {
        var solver = new ShallowWaterSolver(CreateDomain(parameters), options);
        if (parameters.InitialDepth > 0)
            solver.SetState((_, _) => (parameters.InitialDepth, 0, 0));
        return solver;
    }

    /// <summary>Draws an event from <paramref name="random"/>: peak 0.03-0.25 m3/s, rise 3-15 s, duration rise + 10-35 s,
    /// slope 0-0.005, n 0.010-0.030, dry bed half of the time else a film of 0.002-0.008 m, 0-4 blocks.</summary>
    public FlumeEventParameters Sample(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        double Uniform(double low, double high) => low + (high - low) * random.NextDouble();
        var peak = Uniform(0.03, 0.25);
        var rise = Uniform(3, 15);
        var duration = rise + Uniform(10, 35);
        var slope = Uniform(0, 0.005);
        var manning = Uniform(0.010, 0.030);
        var initial = random.NextDouble() < 0.5 ? 0 : Uniform(0.002, 0.008);
        var inflowWidth = Uniform(0.6, 1.6) * Width / 6.4;
        var inflowCentre = Uniform(0.5 * inflowWidth + 0.2, Width - 0.5 * inflowWidth - 0.2);
        var count = random.Next(0, 5);
        var blocks = new List<RectangularObstacle>();
        for (var b = 0; b < count; b++)
        {
            var w = Uniform(0.3, 1.2) * Length / 12.8;
            var h = Uniform(0.3, 1.2) * Width / 6.4;
            var x = Uniform(0.2 * Length, 0.85 * Length - w);
            var y = Uniform(0.1 * Width, 0.9 * Width - h);
            blocks.Add(new RectangularObstacle(x, y, w, h));
        }
        return new FlumeEventParameters(peak, rise, duration, slope, manning, initial, inflowCentre, inflowWidth, blocks);
    }
}
