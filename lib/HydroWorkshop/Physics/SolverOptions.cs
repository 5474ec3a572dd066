namespace HydroWorkshop.Physics;

/// <summary>Slope limiter of the MUSCL reconstruction.</summary>
public enum SlopeLimiter
{
    /// <summary>Most diffusive, most robust.</summary>
    Minmod,
    /// <summary>Smooth, second order on smooth flows; the default.</summary>
    VanLeer,
    /// <summary>Monotonized central: sharpest of the three.</summary>
    MonotonizedCentral,
}

/// <summary>Numerical settings of <see cref="ShallowWaterSolver"/>.</summary>
public sealed record SolverOptions
{
    /// <summary>Gravitational acceleration (m/s2).</summary>
    public double Gravity { get; init; } = 9.81;

    /// <summary>Courant number on dt * (ax/dx + ay/dy) with the largest face wave speeds; at most 0.5 keeps
    /// the second-order scheme positive.</summary>
    public double CourantNumber { get; init; } = 0.45;

    /// <summary>Depth (m) below which a cell counts as dry: its velocity is zero and its slopes are not reconstructed.</summary>
    public double DryDepth { get; init; } = 1e-6;

    /// <summary>MUSCL reconstruction with SSP-RK2 (Heun) time stepping; false gives the first-order Godunov scheme.</summary>
    public bool SecondOrder { get; init; } = true;

    /// <summary>The slope limiter when <see cref="SecondOrder"/> is on.</summary>
    public SlopeLimiter Limiter { get; init; } = SlopeLimiter.VanLeer;

    /// <summary>Threads used over rows; results do not depend on it. Default: all cores.</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;

    /// <summary>Upper bound on the time step (s), used as the step when the domain is at rest or dry.</summary>
    public double MaxTimeStep { get; init; } = 1.0;
}
