namespace HydroWorkshop.Surrogates;

/// <summary>
/// The multi-fidelity baseline: the kit's own solver run on a grid <see cref="Coarsening"/> times coarser from the
/// event's terrain, breach cell (the wettest cell of frame 0, <see cref="BreachInflow.Cell"/>) and breach discharge,
/// brought back onto the fine grid. It is what a modeller does without a surrogate when time is short; a surrogate
/// that is not more accurate than it has no reason to exist. With <see cref="Coarsening"/> 1 it is the fine solver
/// itself (<see cref="FloodPredictorRole.Solver"/>), the one a surrogate's speed-up is measured against.
/// </summary>
public sealed class CoarseSolverBaseline : IFloodPredictor
{
    private readonly BreachSimulator simulate;
    private readonly Func<MapEvent, int, IReadOnlyList<double>> inflow;
    private readonly string? solverName;

    /// <param name="simulate">The solver (<see cref="BreachSimulators.Kit"/>, or a fake in tests).</param>
    /// <param name="coarsening">How many times coarser the solver's grid is (4: 16 x 16 cells of 400 m for the dike
    /// breach); 1 for the fine solver.</param>
    /// <param name="cellSize">Cell size of the event's grid, m.</param>
    /// <param name="frameSeconds">Time between frames, s.</param>
    /// <param name="inflow">The breach discharge (m³/s) at each of the given number of frames of an event
    /// (<see cref="BreachInflow"/>).</param>
    /// <param name="solverName">The row's name before " xF" for a solver other than the fine one's (e.g. "subgrid
    /// solver"); such a row is a baseline at any coarsening, never the speed-up's reference. Null: "coarse solver", and
    /// at coarsening 1 the fine solver.</param>
    public CoarseSolverBaseline(BreachSimulator simulate, int coarsening, double cellSize, double frameSeconds,
        Func<MapEvent, int, IReadOnlyList<double>> inflow, string? solverName = null)
    {
        if (solverName is not null && string.IsNullOrWhiteSpace(solverName))
            throw new ArgumentException("a solver name has some text, or is null", nameof(solverName));
        this.solverName = solverName;
        ArgumentOutOfRangeException.ThrowIfLessThan(coarsening, 1);
        if (!(cellSize > 0)) throw new ArgumentOutOfRangeException(nameof(cellSize), cellSize, "a cell size in m, > 0");
        if (!(frameSeconds > 0)) throw new ArgumentOutOfRangeException(nameof(frameSeconds), frameSeconds, "a frame interval in s, > 0");
        this.simulate = simulate ?? throw new ArgumentNullException(nameof(simulate));
        this.inflow = inflow ?? throw new ArgumentNullException(nameof(inflow));
        (Coarsening, CellSize, FrameSeconds) = (coarsening, cellSize, frameSeconds);
    }

    /// <summary>The baseline for dike-breach events (<see cref="MapSequences.FromDikeBreach"/>: cells of 100 m, a map
    /// every 30 min), with each event's own breach discharge (its <c>inflow_m3s</c> forcing).</summary>
    public static CoarseSolverBaseline ForDikeBreach(MapSequences events, int coarsening, BreachSimulator simulate,
        string? solverName = null)
    {
        ArgumentNullException.ThrowIfNull(events);
        var channel = events.ForcingNames.ToList().IndexOf("inflow_m3s");
        if (channel < 0) throw new ArgumentException(
            "the events have no inflow_m3s forcing: dike-breach events come from MapSequences.FromDikeBreach", nameof(events));
        var forcings = events.ForcingNames.Count;
        return new CoarseSolverBaseline(simulate, coarsening, FloodData.DikeBreachDataSet.CellSize, FloodData.DikeBreachDataSet.StepSeconds,
            (e, frames) => Enumerable.Range(0, frames).Select(t => (double)e.Forcing[t * forcings + channel]).ToArray(), solverName);
    }

    public int Coarsening { get; }
    public double CellSize { get; }
    public double FrameSeconds { get; }

    public string Name => solverName is not null ? $"{solverName} x{Coarsening}"
        : Coarsening == 1 ? "solver (fine)" : $"coarse solver x{Coarsening}";

    public FloodPredictorRole Role => Coarsening == 1 && solverName is null ? FloodPredictorRole.Solver : FloodPredictorRole.Baseline;

    public float[] Predict(MapSequences data, int index, int firstFrame, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(data);
        var e = data.Events[index];
        var cells = data.Rows * data.Columns;
        var breach = BreachInflow.Cell(e.Depth.AsSpan(0, cells), data.Columns, e.Name);
        var discharge = inflow(e, data.Frames);
        if (discharge.Count != data.Frames)
            throw new InvalidOperationException($"event '{e.Name}': the inflow has {discharge.Count} values for {data.Frames} frames");
        var depth = simulate(e.Bed, data.Rows, data.Columns, CellSize, breach, discharge, FrameSeconds, Coarsening, cancellationToken);
        if (depth is null || depth.Length != (long)data.Frames * cells)
            throw new InvalidOperationException($"event '{e.Name}': the solver returned {depth?.Length ?? 0} depths, expected " +
                                                $"[frames {data.Frames}, {data.Rows}, {data.Columns}]");
        return depth.AsSpan(firstFrame * cells).ToArray();
    }
}
