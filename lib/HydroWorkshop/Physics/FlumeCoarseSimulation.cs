namespace HydroWorkshop.Physics;

/// <summary>
/// A coarse run of the flume's own solver: the same event (inflow, slope, roughness, blocks, initial film) on a grid
/// <c>factor</c> times coarser in both directions, first order, its depth interpolated back onto the fine grid. It is the
/// process-based input of the "multi-fidelity" surrogates: where the level-pool estimate (<see cref="FlumeStorageEstimate"/>)
/// knows only how much water there is, this one knows where the jet goes and how far the front has come.
/// <para>Cost: a grid 8 times coarser has 64 times fewer cells and takes about 8 times longer steps (the CFL limit
/// grows with the cell), and a first-order step is one flux evaluation instead of two with reconstruction, so it runs
/// about a thousand times faster than the fine solver: milliseconds per event. On the default flume's four test events
/// it alone, without any learning, is within 3–7 % of the fine solver's wet-cell depth (of the event's maximum depth);
/// its errors are the ones a coarse grid makes, near blocks, walls and the jet's edges, which the surrogate corrects.</para>
/// </summary>
public static class FlumeCoarseSimulation
{
    /// <summary>Courant number of the coarse run: the solver's default, within the first-order scheme's 2D stability limit.</summary>
    public const double CourantNumber = 0.45;

    /// <summary>Depth (m) at every frame on the fine grid of <paramref name="flume"/>, [frames, rows, columns], simulated
    /// on a grid <paramref name="factor"/> times coarser and interpolated bilinearly between coarse cell centres (clamped
    /// at the walls); cells of the fine grid inside a block are 0.</summary>
    /// <param name="flume">The fine flume; its rows and columns must be multiples of <paramref name="factor"/>.</param>
    /// <param name="parameters">The event.</param>
    /// <param name="factor">Coarsening in each direction (e.g. 8: 128 x 64 cells of 0.1 m become 16 x 8 of 0.8 m).</param>
    /// <param name="frames">Frames at t = 0, Δt, ..., (frames − 1) Δt.</param>
    /// <param name="frameInterval">Δt (s).</param>
    public static float[] Depth(LaboratoryFlume flume, FlumeEventParameters parameters, int factor, int frames, double frameInterval)
    {
        ArgumentNullException.ThrowIfNull(flume);
        ArgumentNullException.ThrowIfNull(parameters);
        if (factor < 1) throw new ArgumentOutOfRangeException(nameof(factor), factor, "the coarsening factor must be at least 1");
        if (flume.Rows % factor != 0 || flume.Columns % factor != 0)
            throw new ArgumentException($"the flume's {flume.Columns} x {flume.Rows} cells do not divide by the coarsening factor {factor}", nameof(factor));
        if (frames < 1) throw new ArgumentOutOfRangeException(nameof(frames), frames, "at least one frame");
        if (!(frameInterval > 0)) throw new ArgumentOutOfRangeException(nameof(frameInterval), frameInterval, "the frame interval must be positive (s)");

        var coarse = new LaboratoryFlume(flume.Columns / factor, flume.Rows / factor, flume.CellSize * factor);
        // One thread: a 16 x 8 grid is far too small to share, and the caller may run several events at once.
        // An inlet narrower than a coarse cell may cover no cell centre; widened to one cell, the same discharge enters.
        var coarseEvent = parameters with { InflowWidth = Math.Max(parameters.InflowWidth, 1.01 * coarse.CellSize) };
        var solver = coarse.CreateSolver(coarseEvent, new SolverOptions { SecondOrder = false, CourantNumber = CourantNumber, Threads = 1 });
        var weights = InterpolationWeights(flume, coarse, parameters, solver.Domain.Solid, factor);
        var cells = flume.Rows * flume.Columns;
        var result = new float[frames * cells];
        var frame = 0;
        solver.Run((frames - 1) * frameInterval, frameInterval, s =>
        {
            if (frame < frames)
            {
                var depth = s.Depth;
                var target = result.AsSpan(frame * cells, cells);
                for (var i = 0; i < cells; i++)
                {
                    var (k, w) = (4 * i, weights.Weight);
                    target[i] = (float)(w[k] * depth[weights.Index[k]] + w[k + 1] * depth[weights.Index[k + 1]]
                        + w[k + 2] * depth[weights.Index[k + 2]] + w[k + 3] * depth[weights.Index[k + 3]]);
                }
            }
            frame++;
        });
        return result;
    }

    // For every fine cell, its four surrounding coarse cell centres and bilinear weights ([cells * 4] each): fine cell
    // (c, r) sits at coarse coordinates ((c + 0.5) / factor − 0.5, ...), clamped at the walls. Solid coarse cells hold no
    // water rather than 0 m of it: their weight goes to the open ones, so a film beside a block keeps its depth. Fine
    // cells inside a block get no weight at all (depth 0). Computed once per event: the frames then cost four
    // multiply-adds per cell.
    private static (int[] Index, double[] Weight) InterpolationWeights(LaboratoryFlume fine, LaboratoryFlume coarse, FlumeEventParameters parameters,
        bool[] coarseSolid, int factor)
    {
        var cells = fine.Rows * fine.Columns;
        var (index, weight) = (new int[4 * cells], new double[4 * cells]);
        for (var row = 0; row < fine.Rows; row++)
        {
            var (r0, r1, wr) = Bracket((row + 0.5) / factor - 0.5, coarse.Rows);
            var y = (row + 0.5) * fine.CellSize;
            for (var column = 0; column < fine.Columns; column++)
            {
                var x = (column + 0.5) * fine.CellSize;
                var k = 4 * (row * fine.Columns + column);
                if (parameters.Obstacles.Any(block => block.Contains(x, y))) continue;                 // as ShallowWaterDomain.MarkSolid
                var (c0, c1, wc) = Bracket((column + 0.5) / factor - 0.5, coarse.Columns);
                (index[k], index[k + 1], index[k + 2], index[k + 3]) = (r0 * coarse.Columns + c0, r0 * coarse.Columns + c1, r1 * coarse.Columns + c0, r1 * coarse.Columns + c1);
                (weight[k], weight[k + 1], weight[k + 2], weight[k + 3]) = ((1 - wr) * (1 - wc), (1 - wr) * wc, wr * (1 - wc), wr * wc);
                var open = 0.0;
                for (var j = k; j < k + 4; j++)
                {
                    if (coarseSolid[index[j]]) weight[j] = 0;
                    open += weight[j];
                }
                for (var j = k; j < k + 4; j++) weight[j] = open > 0 ? weight[j] / open : 0;
            }
        }
        return (index, weight);
    }

    private static (int Low, int High, double Weight) Bracket(double position, int count)
    {
        var clamped = Math.Clamp(position, 0, count - 1);
        var low = Math.Min((int)Math.Floor(clamped), count - 1);
        var high = Math.Min(low + 1, count - 1);
        return (low, high, clamped - low);
    }
}
