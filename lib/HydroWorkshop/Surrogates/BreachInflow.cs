namespace HydroWorkshop.Surrogates;

/// <summary>
/// The breach discharge of an event at each frame (m³/s), which a solver needs and the dike-breach files do not hold,
/// and where a breach starts.
/// </summary>
public static class BreachInflow
{
    /// <summary>The Bentivoglio et al. (2023) D-HYDRO simulations' breach discharge, m³/s: constant, as the volume
    /// curves of the shared subset show (their water volume grows by 50 m³/s × 1800 s per frame).</summary>
    public const double DikeBreachDischarge = 50.0;

    /// <summary><paramref name="discharge"/> (m³/s) at each of <paramref name="frames"/> frames.</summary>
    public static double[] Constant(double discharge, int frames)
    {
        if (!double.IsFinite(discharge) || discharge < 0) throw new ArgumentOutOfRangeException(nameof(discharge), discharge, "a discharge in m³/s, finite and >= 0");
        ArgumentOutOfRangeException.ThrowIfNegative(frames);
        return Enumerable.Repeat(discharge, frames).ToArray();
    }

    /// <summary>
    /// The discharge estimated from a reference's water volume, for data that do not state it: Q(t) = dV/dt with
    /// V(t) = Σ depth × cell area, by central differences inside and one-sided ones at the ends (m³/s at each frame).
    /// Exact for a closed domain where water only enters at the breach; it reads the reference, so a baseline forced with
    /// it knows more than the event's inputs.
    /// </summary>
    /// <param name="depth">Depth (m) [frames, y, x].</param>
    /// <param name="frames">Frames of <paramref name="depth"/>.</param>
    /// <param name="cells">Cells per frame.</param>
    /// <param name="cellSize">Cell size, m.</param>
    /// <param name="frameSeconds">Time between frames, s.</param>
    public static double[] FromVolume(float[] depth, int frames, int cells, double cellSize, double frameSeconds)
    {
        ArgumentNullException.ThrowIfNull(depth);
        if (frames < 2 || cells < 1 || depth.Length != (long)frames * cells)
            throw new ArgumentException($"depth has {depth.Length} values; expected [frames {frames} >= 2, cells {cells}]", nameof(depth));
        if (!(cellSize > 0) || !(frameSeconds > 0)) throw new ArgumentOutOfRangeException(nameof(cellSize), "cell size and frame interval must be > 0");
        var volume = new double[frames];
        for (var t = 0; t < frames; t++)
        {
            double sum = 0;
            for (var c = 0; c < cells; c++) sum += depth[t * cells + c];
            volume[t] = sum * cellSize * cellSize;
        }
        var inflow = new double[frames];
        for (var t = 0; t < frames; t++)
        {
            var (a, b) = (Math.Max(t - 1, 0), Math.Min(t + 1, frames - 1));
            inflow[t] = (volume[b] - volume[a]) / ((b - a) * frameSeconds);
        }
        return inflow;
    }

    /// <summary>The breach of a dike-breach event: the wettest cell of its initial map (the data mark the breach by the one
    /// wet cell at t = 0). Throws, naming the event, when the initial map is dry.</summary>
    /// <param name="initial">Depth (m) [y, x] at t = 0, row-major.</param>
    /// <param name="columns">Columns of the grid.</param>
    /// <param name="eventName">Named in the error.</param>
    public static (int Row, int Column) Cell(ReadOnlySpan<float> initial, int columns, string eventName)
    {
        var (best, at) = (0f, -1);
        for (var i = 0; i < initial.Length; i++)
            if (initial[i] > best) (best, at) = (initial[i], i);
        if (at < 0) throw new InvalidDataException($"event '{eventName}': the initial map is dry, so there is no breach cell to start a solver from");
        return (at / columns, at % columns);
    }
}
