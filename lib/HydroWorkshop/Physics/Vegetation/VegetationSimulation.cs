namespace HydroWorkshop.Physics.Vegetation;

/// <summary>The vegetation data set of notebook 06 in one call: land cover from the climate, seeded disturbances, the
/// full model's LAI (the simulated target) and the simple model's LAI (the physics-encoded input), from real or
/// synthetic daily forcing. Deterministic: the same forcing, seed and options give bit-identical arrays.</summary>
public static class VegetationSimulation
{
    /// <summary>Runs on [time, y, x] arrays: precipitation in m/day (the Rhine-Meuse files' unit), temperature in °C,
    /// <paramref name="latitudes"/> [y] in °N; <paramref name="seed"/> draws the disturbances.</summary>
    public static VegetationSimulationResult Run(float[,,] precipitation, float[,,] temperature, float[] latitudes,
        DateOnly startDate, int seed, VegetationSimulationOptions? options = null) =>
        Run(VegetationForcing.FromMetresPerDay(precipitation, temperature, latitudes, startDate), seed, options);

    /// <summary>Runs on flat row-major [time, y, x] arrays of shape (<paramref name="days"/>, <paramref name="rows"/>,
    /// <paramref name="columns"/>), units as in the other overload.</summary>
    public static VegetationSimulationResult Run(float[] precipitation, float[] temperature, int days, int rows, int columns,
        float[] latitudes, DateOnly startDate, int seed, VegetationSimulationOptions? options = null) =>
        Run(VegetationForcing.FromMetresPerDay(precipitation, temperature, days, rows, columns, latitudes, startDate), seed, options);

    /// <summary>Runs on checked forcing.</summary>
    public static VegetationSimulationResult Run(VegetationForcing forcing, int seed, VegetationSimulationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(forcing);
        options ??= new VegetationSimulationOptions();
        LandCover[,] landCover = options.LandCover ?? LandCoverMap.FromClimate(forcing, options.LandCoverSeed);
        var disturbances = options.Disturbances.Draw(forcing.Days, forcing.Rows, forcing.Columns, forcing.Start, seed);
        VegetationModelOutput full = options.Model.Run(forcing, landCover, disturbances);
        float[,,] simple = options.Simple.Run(forcing, landCover);
        return new VegetationSimulationResult(forcing.Start, (float[])forcing.Latitudes.Clone(), landCover, full, simple,
            disturbances, seed);
    }
}
