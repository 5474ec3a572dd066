namespace HydroWorkshop.Physics;

/// <summary>Physical and numerical settings of <see cref="BreachSimulation"/>.</summary>
public sealed record BreachSimulationOptions
{
    /// <summary>Manning roughness n (s/m^(1/3)) of every cell. The default is the value that best reproduced the D-HYDRO
    /// dike-breach simulations (Bentivoglio et al. 2023) with our solver; see docs/articles/results.md, "Breach
    /// generator calibration".</summary>
    public double Manning { get; init; } = DefaultManning;

    /// <summary>The calibrated default of <see cref="Manning"/> (s/m^(1/3)).</summary>
    public const double DefaultManning = 0.025;

    /// <summary>Depth (m) of the breach cell at t = 0, the rest dry: D-HYDRO's files mark the breach this way (0.01 m).</summary>
    public double InitialDepth { get; init; } = 0.01;

    /// <summary>Solver threads per simulation; 1 lets a generator run one simulation per core.</summary>
    public int Threads { get; init; } = 1;

    /// <summary>MUSCL reconstruction with Heun time stepping; false gives the first-order scheme (faster, more diffusive).</summary>
    public bool SecondOrder { get; init; } = true;

    /// <summary>How a coarse run (coarsening F &gt; 1) comes back onto the fine grid. The default, the water level, halves the
    /// coarse solver's depth error against the D-HYDRO simulations at F = 2 (docs/articles/results.md, "Flood stepper").</summary>
    public CoarseDownscaling Downscaling { get; init; } = CoarseDownscaling.WaterLevel;

    /// <summary>With coarsening F &gt; 1, give each coarse face the crest of the fine bed along it: the lowest of the F fine
    /// crossings, each the higher of the two fine cells either side. Water then crosses a coarse face only where it would
    /// cross on the fine grid, so ridges that block-averaging flattens still steer the flood. On by default: at F = 2 it
    /// lifts the coarse solver's worst-event CSI(5 cm) on the D-HYDRO test events from 0.67 to 0.75 at no cost in time, and
    /// to 0.83 with <see cref="CoarseBedLowering"/> (docs/articles/results.md, "Coarse refiner"). No effect at F = 1.</summary>
    public bool FaceCrests { get; init; } = true;

    /// <summary>With coarsening F &gt; 1, each coarse cell's bed is its block's mean lowered this fraction of the way to the
    /// block's lowest fine cell (0: the mean, 1: the lowest cell). At the flood's edge a block holds little water, which on
    /// the fine bed lies in its lowest cells; over the mean bed the same volume stands higher and is pushed on too early.
    /// The volume is unaffected (the coarse run keeps each cell's volume, and the depth comes back on the fine bed). 0.25
    /// was chosen on validation events (D-HYDRO 73-80 and our breaches 1-10; 0, 0.25, 0.5, 0.75 and 1 tried, with
    /// <see cref="FaceCrests"/>): it had the lowest MAE on both (docs/articles/results.md, "Coarse refiner").</summary>
    public double CoarseBedLowering { get; init; } = 0.25;

    /// <summary>The scheme; the Godunov solver by default (it made the generated events). <see cref="Subgrid"/> gives the
    /// subgrid local-inertial one.</summary>
    public BreachScheme Scheme { get; init; } = BreachScheme.Godunov;

    /// <summary>α of the subgrid local-inertial step, Δt = α Δx / √(g h_max), within (0, 0.7] (Bates et al. 2010 use 0.7;
    /// above it a lake in a bowl no longer comes to rest). The step hardly changes the maps: at F = 4 the scores against
    /// the D-HYDRO validation events were the same to 3 digits at 0.4 and 0.7.</summary>
    public double SubgridCourantNumber { get; init; } = 0.7;

    /// <summary>Courant number of the Godunov solver; at most 0.5 for the second-order scheme, up to 1 for the first-order one.</summary>
    public double CourantNumber { get; init; } = 0.45;

    /// <summary>Upper bound on the time step (s). It is the step while the domain is still at rest (the first step after
    /// t = 0), so it bounds how much water the first step pours into the breach cell: 60 s of 50 m3/s is 0.3 m there.</summary>
    public double MaxTimeStep { get; init; } = 60;

    /// <summary>The breach generator's settings: first order at Courant number 0.9. Against the D-HYDRO simulations the
    /// first-order scheme is only a little further off than the second-order one (docs/articles/results.md, "Breach
    /// generator calibration") and takes about a third of its time. The evaluation's solver rows use the same settings on
    /// libtorch's thread count (<c>BreachSimulators.KitOptions</c>), so a speed-up is against the solver as it made the
    /// data, on the surrogate's threads.</summary>
    public static BreachSimulationOptions Generator { get; } = new() { SecondOrder = false, CourantNumber = 0.9 };

    /// <summary>The subgrid local-inertial scheme (<see cref="BreachScheme.SubgridLocalInertial"/>) with the default
    /// roughness: for coarse runs (coarsening F &gt; 1), where it keeps the fine bed's storage and crossings. The Godunov
    /// solver's settings (order, Courant number, threads, crests, bed lowering, downscaling) do not apply to it: its depth
    /// comes back onto the fine grid by its own water level, which is the water-level downscaling.</summary>
    public static BreachSimulationOptions Subgrid { get; } = new() { Scheme = BreachScheme.SubgridLocalInertial };
}
