namespace HydroWorkshop.Physics.Vegetation;

/// <summary>What <see cref="VegetationSimulation.Run(VegetationForcing, int, VegetationSimulationOptions?)"/> made. All
/// LAI here is SIMULATED (a process model driven by real forcing), not satellite observations.</summary>
/// <param name="Start">Date of time index 0.</param>
/// <param name="Latitudes">Latitude (°N) of each row, [y].</param>
/// <param name="LandCover">Class of each cell, [y, x].</param>
/// <param name="Full">The full model's daily state and fluxes, [time, y, x].</param>
/// <param name="SimpleLai">The simple model's LAI (m²/m²), [time, y, x]: the physics-encoded input.</param>
/// <param name="Disturbances">The events drawn from the seed, by day (a fire that found no dry cell changed nothing).</param>
/// <param name="Seed">The seed the disturbances were drawn with.</param>
public sealed record VegetationSimulationResult(
    DateOnly Start, float[] Latitudes, LandCover[,] LandCover, VegetationModelOutput Full, float[,,] SimpleLai,
    IReadOnlyList<Disturbance> Disturbances, int Seed)
{
    /// <summary>The target LAI (m²/m²), [time, y, x].</summary>
    public float[,,] Lai => Full.Lai;

    /// <summary>Root-zone soil water (mm), [time, y, x].</summary>
    public float[,,] SoilWater => Full.SoilWater;

    /// <summary>Number of days.</summary>
    public int Days => Lai.GetLength(0);

    /// <summary>The dates of the time axis.</summary>
    public DateOnly[] Dates => Enumerable.Range(0, Days).Select(Start.AddDays).ToArray();

    /// <summary>Everything as flat arrays with names, units and dimensions, so that a netCDF or npy writer only loops over
    /// the list. Dimensions: time, lat (the given latitudes), lon (the writer adds the longitudes it read), event.</summary>
    public IReadOnlyList<VegetationVariable> ToVariables()
    {
        int days = Days, rows = LandCover.GetLength(0), columns = LandCover.GetLength(1);
        string[] grid = ["time", "lat", "lon"];
        int[] shape = [days, rows, columns];
        var classes = new int[rows * columns];
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < columns; c++) classes[r * columns + c] = (int)LandCover[r, c];
        string codes = string.Join(", ", Enum.GetValues<LandCover>().Select(v => $"{(int)v} = {v}"));
        string simulated = "SIMULATED by HydroWorkshop.Physics.Vegetation.VegetationModel from the forcing, not observed";
        return
        [
            new("time", $"days since {Start:yyyy-MM-dd}", ["time"], [days], Enumerable.Range(0, days).ToArray(),
                "day index of the daily series"),
            new("lat", "degrees_north", ["lat"], [rows], (float[])Latitudes.Clone(), "latitude of each row"),
            new("lai", "m2 m-2", grid, shape, Flat(Full.Lai), $"leaf area index, {simulated} (the target)"),
            new("simple_lai", "m2 m-2", grid, shape, Flat(SimpleLai),
                "leaf area index of SimpleVegetationModel (one class, temperature-only phenology, no soil water): the physics-encoded input"),
            new("soil_water", "mm", grid, shape, Flat(Full.SoilWater), $"root-zone plant-available water, {simulated}"),
            new("water_stress", "1", grid, shape, Flat(Full.WaterStress),
                "running mean of the FAO-56 water-stress factor Ks (1 = unstressed)"),
            new("evapotranspiration", "mm day-1", grid, shape, Flat(Full.Evapotranspiration), "actual evapotranspiration of the bucket"),
            new("reference_evapotranspiration", "mm day-1", grid, shape, Flat(Full.ReferenceEvapotranspiration),
                "Hargreaves ET0 from daily mean temperature and FAO-56 extraterrestrial radiation"),
            new("drainage", "mm day-1", grid, shape, Flat(Full.Drainage), "water drained from the bucket above capacity"),
            new("land_cover", "1", ["lat", "lon"], [rows, columns], classes,
                $"land-cover class ({codes}), drawn from the climate and a seeded pattern"),
            new("disturbance_day", "1", ["event"], [Disturbances.Count], Disturbances.Select(d => d.Day).ToArray(),
                "time index of each disturbance"),
            new("disturbance_row", "1", ["event"], [Disturbances.Count], Disturbances.Select(d => d.Row).ToArray(),
                "centre row (lat index)"),
            new("disturbance_column", "1", ["event"], [Disturbances.Count], Disturbances.Select(d => d.Column).ToArray(),
                "centre column (lon index)"),
            new("disturbance_kind", "1", ["event"], [Disturbances.Count], Disturbances.Select(d => (int)d.Kind).ToArray(),
                string.Join(", ", Enum.GetValues<DisturbanceKind>().Select(v => $"{(int)v} = {v}"))),
            new("disturbance_radius", "cells", ["event"], [Disturbances.Count], Disturbances.Select(d => (float)d.Radius).ToArray(),
                "patch radius"),
            new("disturbance_severity", "1", ["event"], [Disturbances.Count], Disturbances.Select(d => (float)d.Severity).ToArray(),
                "fraction of leaves and canopy capacity lost by a fully susceptible cell"),
        ];
    }

    static float[] Flat(float[,,] values)
    {
        var flat = new float[values.Length];
        Buffer.BlockCopy(values, 0, flat, 0, values.Length * sizeof(float));
        return flat;
    }
}
