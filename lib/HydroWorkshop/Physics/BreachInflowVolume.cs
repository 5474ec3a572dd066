namespace HydroWorkshop.Physics;

/// <summary>The breach discharge (m³/s), linear between frames, and the volume (m³) it brings in over any interval.</summary>
internal sealed class BreachInflowVolume
{
    private readonly double[] discharge;
    private readonly double[] entered;   // m³ in by the start of each frame
    private readonly double interval;

    internal BreachInflowVolume(IReadOnlyList<double> discharge, double outputSeconds)
    {
        this.discharge = [.. discharge];
        interval = outputSeconds;
        entered = new double[discharge.Count];
        for (var t = 1; t < discharge.Count; t++) entered[t] = entered[t - 1] + 0.5 * (discharge[t - 1] + discharge[t]) * interval;
    }

    /// <summary>Volume (m³) entered between the two times (s); none before the first frame or after the last.</summary>
    internal double Between(double from, double to) => Entered(to) - Entered(from);

    private double Entered(double time)
    {
        if (discharge.Length == 1) return 0;
        time = Math.Clamp(time, 0, (discharge.Length - 1) * interval);
        var frame = Math.Min((int)(time / interval), discharge.Length - 2);
        var into = time - frame * interval;
        var now = discharge[frame] + (discharge[frame + 1] - discharge[frame]) * into / interval;
        return entered[frame] + 0.5 * (discharge[frame] + now) * into;
    }
}
