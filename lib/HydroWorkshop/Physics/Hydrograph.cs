namespace HydroWorkshop.Physics;

/// <summary>
/// A discharge time series Q(t) (m3/s), linear between its points and constant beyond the first and last.
/// </summary>
public sealed class Hydrograph
{
    private readonly double[] times;
    private readonly double[] discharges;

    /// <param name="times">Strictly increasing times (s).</param>
    /// <param name="discharges">Discharge at each time (m3/s), finite and non-negative.</param>
    public Hydrograph(IReadOnlyList<double> times, IReadOnlyList<double> discharges)
    {
        ArgumentNullException.ThrowIfNull(times);
        ArgumentNullException.ThrowIfNull(discharges);
        if (times.Count == 0 || times.Count != discharges.Count)
            throw new ArgumentException(
                $"a hydrograph needs as many discharges as times (got {times.Count} times, {discharges.Count} discharges, at least one)",
                nameof(discharges));
        for (var k = 0; k < times.Count; k++)
        {
            if (!double.IsFinite(times[k])) throw new ArgumentException($"hydrograph time at point {k} is {times[k]}; must be finite",
                nameof(times));
            if (k > 0 && times[k] <= times[k - 1]) throw new ArgumentException(
                $"hydrograph times must increase: point {k} (t = {times[k]} s) is not after point {k - 1} (t = {times[k - 1]} s)",
                nameof(times));
            if (!double.IsFinite(discharges[k]) || discharges[k] < 0) throw new ArgumentException(
                $"hydrograph discharge at t = {times[k]} s is {discharges[k]} m3/s; must be finite and >= 0", nameof(discharges));
        }
        this.times = times.ToArray();
        this.discharges = discharges.ToArray();
    }

    /// <summary>The constant discharge <paramref name="discharge"/> (m3/s) at all times.</summary>
    public static Hydrograph Constant(double discharge) => new([0.0], [discharge]);

    /// <summary>A triangle-like flood wave: 0 at t = 0, linear rise to <paramref name="peak"/> (m3/s) at
    /// <paramref name="riseTime"/> (s), linear fall back to 0 at <paramref name="duration"/> (s).</summary>
    public static Hydrograph Triangular(double peak, double riseTime, double duration)
    {
        if (!(riseTime > 0) || !(duration > riseTime))
            throw new ArgumentException(
                $"a triangular hydrograph needs 0 < riseTime < duration (got rise {riseTime} s, duration {duration} s)");
        return new([0.0, riseTime, duration], [0.0, peak, 0.0]);
    }

    /// <summary>The times (s) of the hydrograph's points.</summary>
    public IReadOnlyList<double> Times => times;

    /// <summary>The discharges (m3/s) of the hydrograph's points.</summary>
    public IReadOnlyList<double> Discharges => discharges;

    /// <summary>Discharge (m3/s) at time <paramref name="time"/> (s).</summary>
    public double At(double time)
    {
        if (time <= times[0]) return discharges[0];
        var last = times.Length - 1;
        if (time >= times[last]) return discharges[last];
        var k = Array.BinarySearch(times, time);
        if (k >= 0) return discharges[k];
        var upper = ~k;
        var lower = upper - 1;
        var w = (time - times[lower]) / (times[upper] - times[lower]);
        return discharges[lower] + w * (discharges[upper] - discharges[lower]);
    }
}
