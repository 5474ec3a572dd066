namespace HydroWorkshop.Physics;

/// <summary>
/// Exact solutions of the frictionless 1D dam break over a flat bed: Ritter (1892) for a dry downstream bed and
/// Stoker (1957) for a wet one (rarefaction, constant middle state, bore). The dam sits at <see cref="DamPosition"/>
/// with depth <see cref="UpstreamDepth"/> to its left (x &lt; dam) and <see cref="DownstreamDepth"/> to its right.
/// </summary>
public sealed class DamBreakSolution
{
    /// <param name="upstreamDepth">Depth (m) left of the dam, positive.</param>
    /// <param name="downstreamDepth">Depth (m) right of the dam, 0 (Ritter) up to below the upstream depth (Stoker).</param>
    /// <param name="damPosition">x (m) of the dam.</param>
    /// <param name="gravity">g (m/s2).</param>
    public DamBreakSolution(double upstreamDepth, double downstreamDepth, double damPosition = 0, double gravity = 9.81)
    {
        if (!(upstreamDepth > 0) || !(downstreamDepth >= 0) || downstreamDepth >= upstreamDepth)
            throw new ArgumentException($"need upstream depth > downstream depth >= 0 (got {upstreamDepth} m and {downstreamDepth} m)");
        UpstreamDepth = upstreamDepth;
        DownstreamDepth = downstreamDepth;
        DamPosition = damPosition;
        Gravity = gravity;
        if (downstreamDepth > 0) SolveMiddleState();
    }

    public double UpstreamDepth { get; }
    public double DownstreamDepth { get; }
    public double DamPosition { get; }
    public double Gravity { get; }

    /// <summary>Depth (m) between the rarefaction and the bore (Stoker); 0 for a dry bed.</summary>
    public double MiddleDepth { get; private set; }

    /// <summary>Velocity (m/s) of the middle state (Stoker).</summary>
    public double MiddleVelocity { get; private set; }

    /// <summary>Speed (m/s) of the bore (Stoker) or of the wet front (Ritter: 2 sqrt(g h0)).</summary>
    public double FrontSpeed => DownstreamDepth > 0 ? boreSpeed : 2 * Math.Sqrt(Gravity * UpstreamDepth);

    private double boreSpeed;

    /// <summary>Depth (m) and velocity (m/s) at position <paramref name="x"/> (m) and time <paramref name="time"/> (s) &gt; 0.</summary>
    public (double Depth, double Velocity) At(double x, double time)
    {
        if (time <= 0) return x < DamPosition ? (UpstreamDepth, 0) : (DownstreamDepth, 0);
        var g = Gravity;
        var c0 = Math.Sqrt(g * UpstreamDepth);
        var xi = (x - DamPosition) / time;
        if (xi <= -c0) return (UpstreamDepth, 0);
        if (DownstreamDepth == 0)
        {
            if (xi >= 2 * c0) return (0, 0);
            var c = (2 * c0 - xi) / 3;
            return (c * c / g, 2.0 / 3.0 * (xi + c0));
        }
        var cm = Math.Sqrt(g * MiddleDepth);
        if (xi <= MiddleVelocity - cm)
        {
            var c = (2 * c0 - xi) / 3;
            return (c * c / g, 2.0 / 3.0 * (xi + c0));
        }
        if (xi <= boreSpeed) return (MiddleDepth, MiddleVelocity);
        return (DownstreamDepth, 0);
    }

    private void SolveMiddleState()
    {
        var g = Gravity;
        var hL = UpstreamDepth;
        var hR = DownstreamDepth;
        var cL = Math.Sqrt(g * hL);
        // Rarefaction: u = 2 (cL - c); bore into still water: u = (h - hR) sqrt(g (h + hR) / (2 h hR)). Bisection on h.
        double Mismatch(double h) => 2 * (cL - Math.Sqrt(g * h)) - (h - hR) * Math.Sqrt(g * (h + hR) / (2 * h * hR));
        double low = hR, high = hL;
        for (var iteration = 0; iteration < 200; iteration++)
        {
            var mid = 0.5 * (low + high);
            if (Mismatch(mid) > 0) low = mid; else high = mid;
        }
        MiddleDepth = 0.5 * (low + high);
        MiddleVelocity = 2 * (cL - Math.Sqrt(g * MiddleDepth));
        boreSpeed = MiddleDepth * MiddleVelocity / (MiddleDepth - hR);
    }
}
