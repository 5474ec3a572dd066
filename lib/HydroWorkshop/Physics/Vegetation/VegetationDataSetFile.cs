using HydroWorkshop.Data.Grids;

namespace HydroWorkshop.Physics.Vegetation;

/// <summary>
/// Writes a vegetation simulation as a netCDF-3 file with CF-style axes (time "days since …", lat, lon), so that
/// notebooks read the simulated leaf area index with <see cref="GriddedFile.Read"/> exactly as they would read a real
/// LAI product (GLOBMAP, MODIS regridded to the forcing grid as netCDF [time, lat, lon]).
/// </summary>
public static class VegetationDataSetFile
{
    /// <summary>Writes <paramref name="result"/> to <paramref name="path"/> (atomically); <paramref name="longitudes"/>
    /// are the cell centres of the columns (°E); <paramref name="forcing"/> names the climate that drove it (the file's
    /// <c>source</c> attribute; default the real Rhine–Meuse forcing). Every [time, lat, lon] and [lat, lon] variable of
    /// <see cref="VegetationSimulationResult.ToVariables"/> is written, with its units and description, and the global
    /// attributes say loudly that the LAI is simulated.</summary>
    public static void Write(VegetationSimulationResult result, double[] longitudes, string path,
        string? forcing = null)
    {
        forcing ??= "real daily 0.5° precipitation and temperature (rhine_meuse_30min_grdc)";
        var variables = result.ToVariables();
        var columns = result.LandCover.GetLength(1);
        if (longitudes.Length != columns) throw new ArgumentException($"{longitudes.Length} longitudes for {columns} columns",
            nameof(longitudes));
        var writer = new NetCdf3Writer()
            .AddRecordDimension("time")
            .AddDimension("lat", result.LandCover.GetLength(0))
            .AddDimension("lon", columns)
            .AddAttribute(NetCdfAttribute.Of("title", "SIMULATED leaf area index over the Rhine and Meuse (not observations)"))
            .AddAttribute(NetCdfAttribute.Of("source", $"HydroWorkshop.Physics.Vegetation.VegetationModel driven by {forcing}"))
            .AddAttribute(NetCdfAttribute.Of("comment",
                "The target LAI is made by a process model with a soil-water bucket, temperature and light limits, phenology and random disturbances; simple_lai is a deliberately simpler model's estimate (the physics-encoded input). Replace lai with a real product on the same grid to ask the question of real data."))
            .AddAttribute(NetCdfAttribute.Of("seed", result.Seed))
            .AddAttribute(NetCdfAttribute.Of("Conventions", "CF-1.8"));
        foreach (var v in variables.Where(v => v.Dimensions.All(d => d is "time" or "lat" or "lon")))
        {
            var attributes = new List<NetCdfAttribute> { NetCdfAttribute.Of("units", v.Units),
                NetCdfAttribute.Of("long_name", v.Description) };
            if (v.Name == "time") attributes.Add(NetCdfAttribute.Of("calendar", "standard"));
            if (v.Name == "lat") attributes.Add(NetCdfAttribute.Of("standard_name", "latitude"));
            switch (v.Values)
            {
                case float[] f: writer.AddVariable(v.Name, v.Dimensions, f, [.. attributes]); break;
                case int[] i: writer.AddVariable(v.Name, v.Dimensions, i, [.. attributes]); break;
                default: throw new InvalidOperationException($"{v.Name}: values of type {v.Values.GetType().Name} cannot be written");
            }
        }
        writer.AddVariable("lon", ["lon"], longitudes, NetCdfAttribute.Of("units", "degrees_east"),
            NetCdfAttribute.Of("standard_name", "longitude"));
        writer.Write(path);
    }
}
