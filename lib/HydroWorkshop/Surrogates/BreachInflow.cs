namespace HydroWorkshop.Surrogates;

/// <summary>
/// A constant breach discharge (m³/s) per frame, and where a breach starts. The discharge of a dike-breach event comes
/// with it (<see cref="HydroWorkshop.FloodData.DikeBreachEvent.Inflow"/>: its Q file, or the growth of its water volume).
/// </summary>
public static class BreachInflow
{
    /// <summary><paramref name="discharge"/> (m³/s) at each of <paramref name="frames"/> frames.</summary>
    public static double[] Constant(double discharge, int frames)
    {
        if (!double.IsFinite(discharge) || discharge < 0) throw new ArgumentOutOfRangeException(nameof(discharge), discharge,
            "a discharge in m³/s, finite and >= 0");
        ArgumentOutOfRangeException.ThrowIfNegative(frames);
        return Enumerable.Repeat(discharge, frames).ToArray();
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
        if (at < 0) throw new InvalidDataException(
            $"event '{eventName}': the initial map is dry, so there is no breach cell to start a solver from");
        return (at / columns, at % columns);
    }
}
