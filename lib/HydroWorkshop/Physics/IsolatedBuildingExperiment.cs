
namespace HydroWorkshop.Physics;

/// <summary>
/// The laboratory dam-break against an isolated building of Soares-Frazão and Zech (2007, J. Hydraulic Res. 45),
/// set up from the sketch <c>UCL_obstacle.png</c>: coordinates in metres with x = 0 at the gate (downstream face of
/// the 0.80 m thick dam block) and y = 0 on the flume axis. The flume is 3.60 m wide (y = -1.8..1.8) with side banks
/// rising 0.155 m over the outer 0.34 m (cross sections AA and CC); the reservoir (x = -7.55..-0.80) holds 0.40 m, the
/// dam block has a 1.00 m wide opening (|y| &lt; 0.5); the building is a 0.80 x 0.40 m block at 64 degrees with corner
/// b1 at (3.44, -0.05); Manning n = 0.01 s/m^(1/3).
/// </summary>
public sealed class IsolatedBuildingExperiment
{
    /// <summary>Gauge names and positions (m), from <c>gauges_positions.txt</c>.</summary>
    public static readonly IReadOnlyList<(string Name, double X, double Y)> Gauges =
    [
        ("G1", 2.65, 1.15),
        ("G2", 2.65, -0.60),
        ("G3", 4.00, 1.15),
        ("G4", 4.00, -0.80),
        ("G5", 5.20, 0.30),
        ("G6", -1.87, 1.10),
    ];

    public const double ReservoirStart = -7.55;
    public const double DamStart = -0.80;
    public const double HalfWidth = 1.80;
    public const double GateHalfWidth = 0.50;
    public const double ReservoirLevel = 0.40;
    public const double Manning = 0.01;
    public const double BankWidth = 0.34;
    public const double BankHeight = 0.155;
    /// <summary>Interval (s) of the measured gauge series <c>building_gauges_h.txt</c>.</summary>
    public const double MeasuredInterval = 0.01;

    /// <param name="cellSize">Grid spacing (m).</param>
    /// <param name="channelEnd">x (m) where the modelled channel ends in a free outflow (the real flume ends at 28.25 m with a weir
    /// that does not influence the first 30 s).</param>
    /// <param name="channelDepth">Initial still-water depth (m) in the downstream channel (0.02 m in the experiment; 0 for dry).</param>
    /// <param name="withBanks">Model the sloping side banks of the cross sections.</param>
    /// <param name="manning">Manning roughness n (s/m^(1/3)); 0 for frictionless.</param>
    public IsolatedBuildingExperiment(double cellSize = 0.05, double channelEnd = 28.25, double channelDepth = 0.02, bool withBanks = true,
        double manning = Manning)
    {
        Roughness = manning;
        CellSize = cellSize;
        ChannelEnd = channelEnd;
        ChannelDepth = channelDepth;
        WithBanks = withBanks;
    }

    public double CellSize { get; }
    public double ChannelEnd { get; }
    public double ChannelDepth { get; }
    public bool WithBanks { get; }
    /// <summary>Manning roughness n (s/m^(1/3)) of the bed; 0 means frictionless.</summary>
    public double Roughness { get; }

    /// <summary>Whether (x, y) lies inside the building (corners b1..b4 of the sketch).</summary>
    public static bool InsideBuilding(double x, double y)
    {
        const double b1X = 3.44, b1Y = -0.05;
        var angleLong = 64.0 * Math.PI / 180.0;
        var angleShort = angleLong - Math.PI / 2;
        var dx = x - b1X;
        var dy = y - b1Y;
        var alongShort = dx * Math.Cos(angleShort) + dy * Math.Sin(angleShort);
        var alongLong = dx * Math.Cos(angleLong) + dy * Math.Sin(angleLong);
        return alongShort is >= 0 and <= 0.40 && alongLong is >= 0 and <= 0.80;
    }

    /// <summary>Bed elevation (m) across the flume: flat, with the side banks when <see cref="WithBanks"/>.</summary>
    public double Bed(double y)
    {
        if (!WithBanks) return 0;
        var fromWall = HalfWidth - Math.Abs(y);
        return fromWall < BankWidth ? BankHeight * (BankWidth - fromWall) / BankWidth : 0;
    }

    /// <summary>The domain: walls around, free outflow at the downstream end, dam block and building solid.</summary>
    public ShallowWaterDomain CreateDomain()
    {
        var columns = (int)Math.Round((ChannelEnd - ReservoirStart) / CellSize);
        var rows = (int)Math.Round(2 * HalfWidth / CellSize);
        var domain = new ShallowWaterDomain(columns, rows, CellSize, originX: ReservoirStart, originY: -HalfWidth)
        {
            East = BoundaryKind.FreeOutflow,
        };
        domain.SetBed((_, y) => Bed(y));
        domain.MarkSolid((x, y) => (x > DamStart && x < 0 && Math.Abs(y) > GateHalfWidth) || InsideBuilding(x, y));
        if (Roughness > 0) domain.SetUniformRoughness(Roughness);
        return domain;
    }

    /// <summary>A solver with the initial state: reservoir (and gate opening) at 0.40 m, channel at <see cref="ChannelDepth"/>.</summary>
    public ShallowWaterSolver CreateSolver(SolverOptions? options = null)
    {
        var solver = new ShallowWaterSolver(CreateDomain(), options);
        solver.SetWaterLevel((x, _) => x < 0 ? ReservoirLevel : ChannelDepth > 0 ? ChannelDepth : double.NegativeInfinity);
        return solver;
    }

    /// <summary>Simulates the experiment to <paramref name="endTime"/> (s), sampling depth (m) at the gauges every
    /// <paramref name="sampleInterval"/> (s). Returns the sample times <c>[time]</c> and depths <c>[gauge][time]</c>.</summary>
    /// <param name="endTime">Simulated time (s) from the gate's removal.</param>
    /// <param name="sampleInterval">Default 0.01 s, the interval of the measured series: a coarser one delays the
    /// simulated arrival by up to one interval (0.05 s read arrivals 0.01-0.04 s later than 0.01 s does).</param>
    /// <param name="options">Solver settings; null for the defaults.</param>
    /// <param name="cancellationToken">Stops the run between time steps.</param>
    public (double[] Times, double[][] Depths) Simulate(double endTime = 30, double sampleInterval = MeasuredInterval,
        SolverOptions? options = null, CancellationToken cancellationToken = default)
    {
        var solver = CreateSolver(options);
        var times = new List<double>();
        var depths = Gauges.Select(_ => new List<double>()).ToArray();
        solver.Run(endTime, sampleInterval, s =>
        {
            times.Add(s.Time);
            for (var g = 0; g < Gauges.Count; g++) depths[g].Add(s.DepthAt(Gauges[g].X, Gauges[g].Y));
        }, cancellationToken);
        return (times.ToArray(), depths.Select(d => d.ToArray()).ToArray());
    }

    /// <summary>Runs the experiment and compares the measured surface-velocity <paramref name="field"/> with the model
    /// every <paramref name="step"/> s from <paramref name="from"/> to <paramref name="to"/> (s): the model time that
    /// matches best says where the field's time stamp falls on the model's clock.</summary>
    public IReadOnlyList<VelocityFieldComparison> CompareVelocityField(MeasuredVelocityField field, double from, double to,
        double step = 0.05,
        SolverOptions? options = null, CancellationToken cancellationToken = default)
    {
        if (!(from >= 0 && to >= from && step > 0)) throw new ArgumentException(
            $"model times must satisfy 0 <= from <= to and step > 0 (from {from}, to {to}, step {step})");
        var solver = CreateSolver(options);
        var comparisons = new List<VelocityFieldComparison>();
        for (var k = 0; from + k * step <= to + 1e-9; k++)
        {
            solver.AdvanceTo(from + k * step, cancellationToken);
            comparisons.Add(VelocityFieldComparison.Compare(solver, field));
        }
        return comparisons;
    }
}
