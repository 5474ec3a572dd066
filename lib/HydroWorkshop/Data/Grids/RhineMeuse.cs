using HydroWorkshop.Common;

namespace HydroWorkshop.Data.Grids;

/// <summary>A GRDC gauge of the Rhine–Meuse set, placed on the 0.5° grid: its snapped cell, its basin (the cells upstream
/// of that cell, each with its area in km², 0 outside: [y * x]), its daily discharge in m³/s on the data's dates, and
/// each basin cell's flow distance to the gauge in LDD steps (-1 outside: [y * x], <see cref="LddNetwork.FlowSteps"/>).</summary>
public sealed record RhineMeuseGauge(string Name, string River, GaugeCell Cell, float[] BasinCellAreaKm2, float[] DischargeM3s,
    int[] FlowSteps)
{
    /// <summary>The snapped basin's area, km² (what the grid drains, not the stated catchment area).</summary>
    public double AreaKm2 => Cell.UpstreamAreaKm2;

    /// <summary>Discharge as a depth of water over the basin, mm/day: Q × 86,400 s / (A × 10⁶ m²) × 1,000 mm/m. Basins of
    /// different size become comparable, so one model can learn them all and be taken to a new one.</summary>
    public float[] DischargeMmPerDay() => DischargeM3s.Select(q => (float)(q * 86.4 / AreaKm2)).ToArray();

    /// <summary>mm/day back to m³/s for this basin.</summary>
    public double ToM3s(double mmPerDay) => mmPerDay * AreaKm2 / 86.4;
}

/// <summary>
/// The shared data set <c>rhine_meuse_30min_grdc</c> (see its PROVENANCE.md): daily 0.5° precipitation (read as m/day,
/// returned in mm/day) and temperature (°C) maps over the Rhine and Meuse, 2001–2010, north-up [time, 13, 17]; the
/// PCRaster drainage network; and the five GRDC gauges, each snapped to the cell whose upstream area matches its
/// stated catchment area, with its basin and observed discharge.
/// </summary>
public sealed record RhineMeuse(GriddedVariable Precipitation, GriddedVariable Temperature, LddNetwork Network,
    IReadOnlyList<RhineMeuseGauge> Gauges, string Folder)
{
    public const string DataSetName = "rhine_meuse_30min_grdc";

    /// <summary>Present (written last) in a folder made by <see cref="SyntheticRhineMeuse"/>: a
    /// made-up set in this layout for machines without the real one.</summary>
    public const string SyntheticMarkerFile = "SYNTHETIC.json";

    /// <summary>Which set this is, read once at <see cref="Open"/>: <c>real</c>, or <c>synthetic</c> and the stand-in's marker
    /// (its generator version and seed). A run folder records it, so a run is never scored on another set.</summary>
    public string Source { get; init; } = "real";

    /// <summary>True when <see cref="Folder"/> held the synthetic stand-in, not the real data, when it was opened.</summary>
    public bool IsSynthetic => Source.StartsWith("synthetic", StringComparison.Ordinal);

    /// <summary>One line for a notebook's first output: which data this is and where it came from.</summary>
    public string Description => IsSynthetic
        ? $"SYNTHETIC stand-in for {DataSetName} (made-up weather, rivers and discharge; the real set was not found): {Folder}"
        : $"{DataSetName} (real forcing and GRDC discharge): {Folder}";

    /// <summary>The gauges as PROVENANCE.md lists them: name, river, latitude (°N), longitude (°E), catchment area (km²).</summary>
    public static readonly IReadOnlyList<(string Name, string River, double Latitude, double Longitude, double AreaKm2)> GaugeList =
    [
        ("Lobith", "Rhine", 51.84, 6.11, 160_800),
        ("Basel", "Rhine", 47.56, 7.62, 35_897),
        ("Maxau", "Rhine", 49.04, 8.31, 50_196),
        ("Cochem", "Moselle", 50.14, 7.17, 27_088),
        ("Borgharen", "Meuse", 50.87, 5.69, 21_301),
    ];

    public DateOnly[] Dates => Precipitation.Time!;
    public int Rows => Precipitation.Rows;
    public int Columns => Precipitation.Columns;

    /// <summary>The gauge named (case-insensitive).</summary>
    public RhineMeuseGauge Gauge(string name) =>
        Gauges.FirstOrDefault(g => string.Equals(g.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"no gauge '{name}'; the gauges are {string.Join(", ", Gauges.Select(g => g.Name))}", nameof(name));

    /// <summary>The shared copy (<c>../shared/data/rhine_meuse_30min_grdc</c> or $HYDROWORKSHOP_DATA), or null.</summary>
    public static string? FindShared() => ProjectPaths.SharedDataSet(DataSetName);

    /// <summary>The land-surface files (netCDF-4 in the real set, netCDF-3 in the synthetic stand-in) whose static maps
    /// <see cref="LandSurfaceMap"/> reads.</summary>
    public static readonly IReadOnlyList<string> LandSurfaceFiles = ["topoPropertiesRhineMeuse30min.nc",
        "soilPropertiesRhineMeuse30min.nc"];

    /// <summary>A static map [y * x] (north-up, NaN outside the basins) of <c>landSurface/</c>, e.g. <c>dzRel0090</c>
    /// (the 90th percentile of elevation above the cell's lowest point, m: mountains), <c>tanslope</c> or <c>KSat1</c>.</summary>
    public float[] LandSurfaceMap(string variable)
    {
        var names = new List<string>();
        foreach (var file in LandSurfaceFiles)
        {
            var path = Path.Combine(Folder, "landSurface", file);
            if (!System.IO.File.Exists(path)) throw new FileNotFoundException($"{path}: not found; is {Folder} the {DataSetName} data set?",
                path);
            var variables = GriddedFile.VariableNames(path);
            if (!variables.Contains(variable)) { names.AddRange(variables.Where(v => v is not ("lat" or "lon"))); continue; }
            var map = GriddedFile.Read(path, variable).NorthUp();
            if (map.Rows != Rows || map.Columns != Columns)
                throw new DataFileException(path, $"'{variable}' is {map.Rows} × {map.Columns}, the forcing {Rows} × {Columns}");
            return map.Data;
        }
        throw new ArgumentException($"no land-surface map '{variable}'; the files have {string.Join(", ", names)}", nameof(variable));
    }

    /// <summary>Reads the data set from <paramref name="folder"/> (its layout as in PROVENANCE.md).</summary>
    public static RhineMeuse Open(string folder)
    {
        if (!Directory.Exists(folder)) throw new DirectoryNotFoundException($"{folder}: not found (the {DataSetName} data set)");
        string File(params string[] parts)
        {
            var path = Path.Combine([folder, .. parts]);
            return System.IO.File.Exists(path) ? path : throw new FileNotFoundException(
                $"{path}: not found; is {folder} the {DataSetName} data set?", path);
        }
        var precipitationMetres = GriddedFile.Read(File("forcing", "precipitation_2001to2010.nc"), "precipitation").NorthUp();
        // The file's units attribute says "undefined"; the values are m/day (mean 0.0029), see PROVENANCE.md.
        var precipitation = precipitationMetres with { Data = precipitationMetres.Data.Select(v => v * 1000f).ToArray(), Units = "mm/day" };
        var temperature = GriddedFile.Read(File("forcing", "temperature_2001to2010.nc"), "temperature").NorthUp() with { Units = "°C" };
        var network = LddNetwork.Read(File("routing", "RhineMeuse_lddsound_30min.map"), File("routing", "RhineMeuse_cellarea30min.map"));
        if (network.Rows != precipitation.Rows || network.Columns != precipitation.Columns)
            throw new DataFileException(folder,
                $"the LDD grid is {network.Rows} × {network.Columns}, the forcing {precipitation.Rows} × {precipitation.Columns}");
        var dates = precipitation.Time ?? throw new DataFileException(precipitation.SourcePath, "precipitation has no time axis");
        var gauges = GaugeList.Select(g =>
        {
            var cell = network.SnapGauge(g.Latitude, g.Longitude, g.AreaKm2);
            var mask = network.UpstreamMaskValues(cell.Row, cell.Column);
            var areas = mask.Select((m, i) => m > 0 ? (float)network.CellAreaKm2[i] : 0f).ToArray();
            var discharge = GrdcDischarge.Read(File("discharge", $"Discharge_{g.Name.ToLowerInvariant()}.csv")).AlignTo(dates);
            return new RhineMeuseGauge(g.Name, g.River, cell, areas, discharge, network.FlowSteps(cell.Row, cell.Column));
        }).ToArray();
        var marker = Path.Combine(folder, SyntheticMarkerFile);
        return new RhineMeuse(precipitation, temperature, network, gauges, folder)
        {
            Source = System.IO.File.Exists(marker) ? "synthetic " + System.IO.File.ReadAllText(marker).Trim() : "real",
        };
    }
}
