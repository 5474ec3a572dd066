namespace HydroWorkshop.Surrogates;

/// <summary>
/// The multi-fidelity input of a dike-breach surrogate: each event's own coarse-grid simulation (our solver on a grid F
/// times coarser, from the event's breach cell and inflow, each coarse face's crest from the fine bed, brought back to the
/// fine grid at one water level per block) as one more input map per frame, named <see cref="Name"/>. A surrogate fed
/// with it learns the correction from the coarse flood to the fine one; its time per event must then include the coarse
/// run (<see cref="MapSurrogatePredictor"/> is given this as its preparation step).
/// </summary>
public static class BreachCoarseMaps
{
    /// <summary>The extra map's name (the same as the flume's coarse solver input).</summary>
    public const string Name = "coarse_depth";

    /// <summary>The events with their coarse simulation added: extra map <see cref="Name"/> [time, y, x], depth (m).</summary>
    /// <param name="events">Dike-breach events (<see cref="MapSequences.FromDikeBreach"/>: the inflow_m3s forcing, the
    /// breach cell wet at t = 0).</param>
    /// <param name="factor">How many times coarser the solver's grid is; must divide the grid.</param>
    /// <param name="simulate">The solver; default <see cref="BreachSimulators.Kit"/>.</param>
    /// <param name="cancellationToken">Stops between and inside the runs.</param>
    public static MapSequences Add(MapSequences events, int factor, BreachSimulator? simulate = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        var factors = string.Join(", ", Physics.FlumeCoarseSimulation.FactorsDividing(events.Columns, events.Rows));
        if (factor < 2)
            throw new ArgumentOutOfRangeException(nameof(factor), factor,
                $"data: coarse_solver {factor}: a coarse grid needs a factor of at least 2 (for these {events.Columns} x {events.Rows} cells: {factors})");
        if (events.Rows % factor != 0 || events.Columns % factor != 0)
            throw new ArgumentOutOfRangeException(nameof(factor), factor,
                $"data: coarse_solver {factor}: the {events.Columns} x {events.Rows} cells do not divide by it (factors that do: {factors})");
        var coarse = CoarseSolverBaseline.ForDikeBreach(events, factor, simulate ?? BreachSimulators.Kit
            ?? throw new InvalidOperationException("no breach solver is wired in"));
        var maps = Enumerable.Range(0, events.Count).Select(e => coarse.Predict(events, e, firstFrame: 0, cancellationToken)).ToArray();
        return events.WithExtraChannel(Name, maps);
    }
}
