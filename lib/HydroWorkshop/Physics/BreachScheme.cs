namespace HydroWorkshop.Physics;

/// <summary>How <see cref="BreachSimulation"/> solves the flood.</summary>
public enum BreachScheme
{
    /// <summary>The kit's finite-volume shallow-water solver (<see cref="ShallowWaterSolver"/>: HLLC fluxes, first or
    /// second order); on a coarse grid over a block-averaged bed with the fine faces' crests. It made the generated
    /// breach events.</summary>
    Godunov,

    /// <summary>A subgrid local-inertial model: coarse cells that store water on their fine beds and faces that pass it
    /// through their fine crossings, the momentum equation without advection (Bates et al. 2010). On the fine grid it
    /// follows the D-HYDRO simulations more closely than the Godunov solver; on a grid twice as coarse it is far closer
    /// than the Godunov solver on that grid, at a small share of the fine run's time (docs/articles/results.md,
    /// "Subgrid solver").</summary>
    SubgridLocalInertial,
}
