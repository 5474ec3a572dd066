namespace HydroWorkshop.Surrogates;

/// <summary>
/// A dike-breach simulation: water enters at one cell of a dry terrain at the given discharge and spreads; returns
/// depth (m) <c>[frames, rows, columns]</c> on the given (fine) grid, one frame every <paramref name="outputSeconds"/>
/// from t = 0, frames = <paramref name="inflow"/>.Count. <paramref name="coarsening"/> F &gt; 1 runs the solver on a grid
/// F times coarser and brings the depth back onto the fine grid (the multi-fidelity baseline); 1 is the fine solver.
/// The signature of the kit's <c>HydroWorkshop.Physics.BreachSimulation.Run</c>, so that the evaluation can be written
/// and tested before that solver exists (and with a fake).
/// </summary>
/// <param name="bed">Bed elevation (m) [rows, columns], row-major.</param>
/// <param name="rows">Rows of the fine grid.</param>
/// <param name="columns">Columns of the fine grid.</param>
/// <param name="cellSize">Fine cell size, m.</param>
/// <param name="breachCell">Where the water enters.</param>
/// <param name="inflow">Breach discharge (m³/s) at each output frame.</param>
/// <param name="outputSeconds">Time between output frames, s.</param>
/// <param name="coarsening">1: the fine grid; F: a grid F times coarser.</param>
/// <param name="cancellationToken">Stops the run.</param>
public delegate float[] BreachSimulator(float[] bed, int rows, int columns, double cellSize, (int Row, int Column) breachCell,
    IReadOnlyList<double> inflow, double outputSeconds, int coarsening, CancellationToken cancellationToken);

/// <summary>The breach simulators the evaluation uses by default.</summary>
public static class BreachSimulators
{
    /// <summary>The kit's shallow-water breach solver (<see cref="Physics.BreachSimulation"/>) with the settings the
    /// breach generator uses (<see cref="KitOptions"/>).</summary>
    public static BreachSimulator? Kit { get; } = (bed, rows, columns, cellSize, cell, inflow, seconds, coarsening, token) =>
        Physics.BreachSimulation.Run(bed, rows, columns, cellSize, cell, inflow, seconds, coarsening, KitOptions, token);

    /// <summary>The subgrid local-inertial scheme (<see cref="Physics.BreachSimulationOptions.Subgrid"/>) on one thread: the
    /// strongest coarse baseline (on a grid twice as coarse it scores closer to the D-HYDRO simulations than the Godunov
    /// solver on that grid, and than every trained model here; docs/articles/results.md, "Subgrid solver").</summary>
    public static BreachSimulator Subgrid { get; } = (bed, rows, columns, cellSize, cell, inflow, seconds, coarsening, token) =>
        Physics.BreachSimulation.Run(bed, rows, columns, cellSize, cell, inflow, seconds, coarsening,
            Physics.BreachSimulationOptions.Subgrid, token);

    /// <summary>The breach generator's settings (<see cref="Physics.BreachSimulationOptions.Generator"/>) on as many
    /// threads as libtorch uses now (<c>torch.get_num_threads()</c>), read at each call: a speed-up then compares the
    /// solver and the surrogate on the same threads (the generator itself runs one thread per simulation, one
    /// simulation per core).</summary>
    public static Physics.BreachSimulationOptions KitOptions =>
        Physics.BreachSimulationOptions.Generator with { Threads = Math.Max(1, TorchSharp.torch.get_num_threads()) };
}
