namespace HydroWorkshop.Physics;

/// <summary>
/// The breach flood of <see cref="BreachSimulation"/> on a grid F times coarser that keeps the fine bed: a subgrid
/// local-inertial model (<see cref="BreachScheme.SubgridLocalInertial"/>).
/// <list type="bullet">
/// <item><b>Storage</b> (subgrid: Casulli 2009, Int. J. Numer. Meth. Fluids 60; Volp et al. 2013, Water Resour. Res. 49): each
/// coarse cell's water stands at one level η over its F × F fine cells and holds V = A Σ max(0, η − b_i), A the fine cell
/// area. A little water lies in the block's lowest cells, as on the fine grid; a coarse model over a mean bed spreads it
/// over the block and wets too much, too early.</item>
/// <item><b>Conveyance</b>: a coarse face passes water through its F fine crossings, each as deep as the higher of its two
/// cells' levels above the crossing's elevation (the higher of the two fine cells it joins). A ridge the block mean
/// flattens still holds the flood back where no crossing is low enough.</item>
/// <item><b>Flow</b> at each crossing, per metre of width (Bates et al. 2010, doi:10.1016/j.jhydrol.2010.03.027): the
/// shallow-water momentum equation without advection, friction implicit,
/// q⁺ = (q̄ − g h Δt ∂η/∂x) / (1 + g Δt n² |q| / h^(7/3)), ∂η/∂x over the coarse cell size, |q| at most h √(g h), and
/// q̄ = θ q + (1 − θ) × the mean of the same crossing's q on the faces either side along the flow (de Almeida et al.
/// 2012, Water Resour. Res. 48), which damps the checkerboard of levels the plain scheme leaves in still water.
/// The step is α Δx / √(g h), h the depth over the lowest crossing of the deepest face; no Riemann solver, a few
/// operations per crossing. A cell with water over few of its fine cells fills faster than a full one; tried with a
/// pit 3 m deep beside a lake at F = 4 and 8, a bound that allows for it changed nothing.</item>
/// </list>
/// Volume is kept to rounding: a cell never gives more than it holds (its outflows are scaled down), and the breach
/// discharge enters as its exact integral over each step (linear between frames). Dry cells and faces are skipped until
/// water first reaches them. At F = 1 it is the local-inertial model on the fine grid. One thread.
/// </summary>
internal static class SubgridLocalInertial
{
    /// <summary>Depth (m) per output frame on the fine grid, <c>[frames, rows, columns]</c>; arguments as
    /// <see cref="BreachSimulation.Run"/>'s, checked there.</summary>
    internal static float[] Run(float[] bed, int rows, int columns, double cellSize, (int Row, int Column) breachCell,
        IReadOnlyList<double> inflow, double outputSeconds, int f, BreachSimulationOptions options, CancellationToken cancellationToken)
    {
        if (!cancellationToken.CanBeCanceled) cancellationToken = Common.WorkshopCancellation.Token;
        var model = new SubgridModel(bed, rows, columns, cellSize, f, options.Manning);
        var hydrograph = new BreachInflowVolume(inflow, outputSeconds);
        var breach = breachCell.Row / f * (columns / f) + breachCell.Column / f;
        model.AddVolume(breach, options.InitialDepth * cellSize * cellSize);   // the fine grid's one wet cell
        model.UpdateLevels();

        var (fineCells, frames) = (rows * columns, inflow.Count);
        var depth = new float[frames * fineCells];
        depth[breachCell.Row * columns + breachCell.Column] = (float)options.InitialDepth;
        // The bound grows with the cell, as the stable step does; it holds only while no water stands over a crossing
        // (the first steps), when StableStep has no wave to bound.
        var maxStep = options.MaxTimeStep * f;
        var alpha = options.SubgridCourantNumber;
        var time = 0.0;
        for (var frame = 1; frame < frames; frame++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var end = frame * outputSeconds;
            while (time < end)
            {
                var step = model.StableStep(alpha, maxStep);
                var next = end - time - step <= 1e-9 * outputSeconds ? end : time + step;
                model.Step(next - time);
                model.AddVolume(breach, hydrograph.Between(time, next));
                model.UpdateLevels();
                time = next;
            }
            model.WriteDepth(depth.AsSpan(frame * fineCells, fineCells));
        }
        return depth;
    }
}
