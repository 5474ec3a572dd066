namespace HydroWorkshop.Physics.Vegetation;

/// <summary>Settings of <see cref="VegetationSimulation.Run(VegetationForcing, int, VegetationSimulationOptions?)"/>.</summary>
public sealed record VegetationSimulationOptions
{
    /// <summary>A land-cover map [y, x] to use instead of the one drawn from the climate (e.g. from real land-use data).</summary>
    public LandCover[,]? LandCover { get; init; }

    /// <summary>Seed of the land-cover patchwork. Kept apart from the run's seed so that runs with different seeds (a
    /// disturbance ensemble) share one map, as the real landscape would.</summary>
    public int LandCoverSeed { get; init; } = 23;

    /// <summary>Rates and severities of the stochastic disturbances.</summary>
    public DisturbanceRegime Disturbances { get; init; } = new();

    /// <summary>The full process model (the target).</summary>
    public VegetationModel Model { get; init; } = new();

    /// <summary>The simpler, biased model (the physics-encoded input); it gets the same land-cover map.</summary>
    public SimpleVegetationModel Simple { get; init; } = new();
}
