using System.Globalization;
using System.Text;
using System.Text.Json;
using HydroWorkshop.Common;
using HydroWorkshop.Data.Synthetic;

namespace HydroWorkshop.Data.Grids;

/// <summary>
/// A stand-in for the shared <c>rhine_meuse_30min_grdc</c> data set, for machines without it (a fresh clone, Binder):
/// the same folder layout, file formats, grid, dates and gauge names, so <see cref="RhineMeuse.Open"/> and notebooks 05
/// and 06 read it unchanged, but every number is made up. The weather is <see cref="SyntheticGriddedWeather"/>; the
/// river network <see cref="SyntheticRiverNetwork"/>; each cell's runoff comes from the HBV model
/// (<see cref="HbvModel"/>: snow, soil, response stores) with parameters that vary smoothly over the map, and a gauge's
/// discharge is the runoff of its upstream cells, each delayed by a unit hydrograph that grows with its flow distance
/// (about half a day per cell), so a storm in the Alps reaches Basel before Lobith and no water is made or lost.
/// </summary>
public static class SyntheticRhineMeuse
{
    /// <summary>Generator version: a changed generator makes cached sets stale.</summary>
    private const int Version = 2;
    private static readonly string Generator = $"HydroWorkshop.Data.Grids.SyntheticRhineMeuse/{Version}";

    public static readonly DateOnly Start = new(2001, 1, 1), End = new(2010, 12, 31);

    /// <summary>What was generated (the files hold the same numbers): the network and its LDD codes, the terrain (m), the
    /// maps, each basin cell's HBV parameters (null outside) and runoff (mm/day [time * cells], 0 outside the basins) and
    /// each gauge's discharge (m³/s [time]), by gauge name.</summary>
    public sealed record Result(LddNetwork Network, float[] Ldd, float[] Elevation, SyntheticMaps Maps, HbvParameters?[] Parameters,
        float[] CellRunoff, IReadOnlyDictionary<string, float[]> Discharge)
    {
        public int Days => Maps.Precipitation.Length / Network.Geometry.Cells;
    }

    /// <summary>Generator version and seed as a folder name (e.g. <c>v2-seed1</c>): <see cref="RhineMeuseData"/> keeps each
    /// in its own folder, so a new version never replaces files a running kernel may still read.</summary>
    public static string VersionFolder(ulong seed = 1) => $"v{Version}-seed{seed}";

    /// <summary>Makes the set in <paramref name="folder"/> unless a complete one of this generator and
    /// <paramref name="seed"/> is there (its marker file, written last, says so); returns the folder's full path. Two
    /// processes asking at once (two notebooks opening the data) take turns on a lock file beside the folder: one
    /// generates, the other then finds the set complete (<see cref="GeneratedFolder"/>).</summary>
    public static string EnsureGenerated(string folder, ulong seed = 1, IProgress<string>? progress = null,
        CancellationToken? cancellationToken = null)
    {
        var target = Target(folder, seed);
        if (target.Ensure((temporary, token) => Write(temporary, seed, progress, token), cancellationToken ?? WorkshopCancellation.Token))
            progress?.Report($"synthetic Rhine–Meuse set written to {target.Folder}");
        return target.Folder;
    }

    /// <summary>
    /// Generates the set into <paramref name="folder"/>, replacing a set made by this generator there (a folder holding
    /// anything else is refused, not deleted). The files go to a temporary sibling folder that is renamed at the end, so an
    /// interrupted run leaves no half set behind; the same lock as <see cref="EnsureGenerated"/>. A second or two.
    /// </summary>
    public static Result Generate(string folder, ulong seed = 1, IProgress<string>? progress = null,
        CancellationToken? cancellationToken = null)
    {
        var target = Target(folder, seed);
        var result = target.Replace((temporary, token) => Write(temporary, seed, progress, token),
            cancellationToken ?? WorkshopCancellation.Token);
        progress?.Report($"synthetic Rhine–Meuse set written to {target.Folder}");
        return result;
    }

    private static GeneratedFolder Target(string folder, ulong seed) => new(folder, RhineMeuse.SyntheticMarkerFile,
        JsonSerializer.Serialize(new { generator = Generator, seed }), "synthetic Rhine–Meuse set", "HYDROWORKSHOP_SYNTHETIC_RHINE_MEUSE");

    private static Result Write(string temporary, ulong seed, IProgress<string>? progress, CancellationToken token)
    {
        progress?.Report($"synthetic Rhine–Meuse set (seed {seed}): simulating {Start:yyyy}–{End:yyyy}");
        var result = Simulate(seed, token);
        progress?.Report($"synthetic Rhine–Meuse set: writing {temporary}");
        Write(temporary, result, seed);
        return result;
    }

    /// <summary>The set's numbers without writing files.</summary>
    public static Result Simulate(ulong seed = 1, CancellationToken cancellationToken = default)
    {
        var grid = SyntheticRiverNetwork.Grid;
        var (ldd, areas) = SyntheticRiverNetwork.Build(seed);
        var network = new LddNetwork(grid, ldd, areas, "synthetic LDD");
        var elevation = SyntheticGriddedWeather.Elevation(grid, seed);
        var days = End.DayNumber - Start.DayNumber + 1;
        var maps = SyntheticGriddedWeather.Generate(grid, elevation, Start, days, seed, cancellationToken);
        var parameters = CellParameters(grid, network, elevation, seed);
        var runoff = CellRunoff(grid, parameters, maps, days, cancellationToken);
        var discharge = RhineMeuse.GaugeList.ToDictionary(g => g.Name, g =>
        {
            var cell = network.SnapGauge(g.Latitude, g.Longitude, g.AreaKm2);
            return Route(network, network.FlowSteps(cell.Row, cell.Column), runoff, days);
        });
        return new Result(network, ldd, elevation, maps, parameters, runoff, discharge);
    }

    /// <summary>HBV parameters of every basin cell (null outside). They drift smoothly across the map (two patterns of a few
    /// sine waves), so neighbouring cells respond alike; mountains have thin soils and quick runoff.</summary>
    private static HbvParameters?[] CellParameters(GridGeometry grid, LddNetwork network, float[] elevation, ulong seed)
    {
        var random = SeededRandom.For(seed, 0x4B5);
        var (a1, a2, a3, a4) = (random.Uniform(0, 6.3), random.Uniform(0, 6.3), random.Uniform(0, 6.3), random.Uniform(0, 6.3));
        return Enumerable.Range(0, grid.Cells).Select(i =>
        {
            if (!network.Inside[i]) return null;
            var (r, c) = (i / grid.Columns, i % grid.Columns);
            var soil = 0.5 + 0.5 * Math.Sin(0.45 * r + a1) * Math.Cos(0.35 * c + a2);          // 0–1
            var slow = 0.5 + 0.5 * Math.Sin(0.3 * r + a3 + 0.25 * c) * Math.Cos(0.4 * c + a4);
            var mountain = Math.Clamp(elevation[i] / 1500.0, 0, 1);
            return new HbvParameters
            {
                ThresholdTemperature = 0.5,
                DegreeDayFactor = 3.0 - 1.2 * mountain,                  // slower melt up high: the snow lasts into summer
                FieldCapacity = 320 - 180 * mountain - 60 * soil,
                Beta = 1.8 + 1.5 * soil,
                EvaporationThreshold = 0.7,
                FastRecession = 0.25,
                UpperRecession = 0.08 + 0.06 * mountain,
                LowerRecession = 0.015 + 0.03 * slow,
                Percolation = 1.2 + 1.0 * slow,
                UpperThreshold = 15,
                RoutingDays = 1.5,
            };
        }).ToArray();
    }

    /// <summary>HBV runoff of every basin cell, mm/day [time * cells] (0 outside); snow falls and melts with each cell's own
    /// temperature.</summary>
    private static float[] CellRunoff(GridGeometry grid, HbvParameters?[] parameters, SyntheticMaps maps, int days,
        CancellationToken cancellationToken)
    {
        var cells = grid.Cells;
        var runoff = new float[days * cells];
        Parallel.For(0, cells, new ParallelOptions { CancellationToken = cancellationToken }, i =>
        {
            if (parameters[i] is not { } p) return;
            var r = i / grid.Columns;
            var precipitation = new float[days];
            var tmax = new float[days];
            var tmin = new float[days];
            var evaporation = new float[days];
            var latitude = grid.CellCentreY(r) * Math.PI / 180;
            for (var d = 0; d < days; d++)
            {
                precipitation[d] = maps.Precipitation[d * cells + i];
                var t = maps.Temperature[d * cells + i];
                (tmax[d], tmin[d]) = (t + 4, t - 4);
                var (_, extraterrestrial) = WeatherGenerator.Solar(latitude, Start.AddDays(d).DayOfYear);
                evaporation[d] = (float)WeatherGenerator.HargreavesEvaporation(extraterrestrial, t, 8.0);
            }
            var q = HbvModel.Run(p, precipitation, tmax, tmin, evaporation).Discharge;
            for (var d = 0; d < days; d++) runoff[d * cells + i] = q[d];
        });
        return runoff;
    }

    /// <summary>Discharge at a gauge, m³/s [time]: the runoff (mm/day [time * cells]) of each cell upstream of it
    /// (<paramref name="flowSteps"/>: LDD steps to the gauge, -1 elsewhere; <see cref="LddNetwork.FlowSteps"/>), turned into
    /// m³/s (mm/day × km² / 86.4) and spread over a triangular unit hydrograph with a base of 1 + steps days. The weights sum
    /// to one: the river delays water, it does not make or lose any (water still on its way after the last day is not
    /// counted; with a year or more of runoff, the first year's last days fill the river before day 0).</summary>
    public static float[] Route(LddNetwork network, int[] flowSteps, float[] runoff, int days)
    {
        var cells = network.Geometry.Cells;
        var discharge = new double[days];
        for (var i = 0; i < cells; i++)
        {
            if (flowSteps[i] < 0) continue;
            var weights = HbvModel.RoutingWeights(1 + flowSteps[i]);
            var toM3s = network.CellAreaKm2[i] / 86.4;
            // The river starts full: with a year or more of runoff, the first year's last days also flow in before day 0
            // (the HBV stores start from a spun-up state too), so day 0 is not a dry riverbed.
            var first = days >= 365 ? Math.Max(-365, 1 - weights.Length) : 0;
            for (var d = first; d < days; d++)
            {
                var q = runoff[(d < 0 ? d + 365 : d) * cells + i] * toM3s;
                if (q == 0) continue;
                for (var k = Math.Max(0, -d); k < weights.Length && d + k < days; k++) discharge[d + k] += q * weights[k];
            }
        }
        return discharge.Select(v => (float)v).ToArray();
    }

    private static void Write(string root, Result result, ulong seed)
    {
        var grid = result.Network.Geometry;
        var days = result.Days;
        var origin = new DateOnly(1901, 1, 1);
        var time = Enumerable.Range(0, days).Select(d => (double)(Start.AddDays(d).DayNumber - origin.DayNumber)).ToArray();
        void Forcing(string name, string variable, float[] values, string units, string longName)
        {
            Directory.CreateDirectory(Path.Combine(root, "forcing"));
            Axes(new NetCdf3Writer().AddRecordDimension("time"), grid, seed)
                .AddVariable("time", ["time"], time, NetCdfAttribute.Of("units", "Days since 1901-01-01"),
                    NetCdfAttribute.Of("calendar", "standard"), NetCdfAttribute.Of("standard_name", "time"))
                .AddVariable(variable, ["time", "lat", "lon"], values, NetCdfAttribute.Of("units", units),
                    NetCdfAttribute.Of("long_name", longName))
                .Write(Path.Combine(root, "forcing", name));
        }
        // As in the real files: precipitation in m/day (RhineMeuse.Open turns it into mm/day), temperature in °C.
        Forcing("precipitation_2001to2010.nc", "precipitation", result.Maps.Precipitation.Select(v => v / 1000f).ToArray(), "m/day",
            "SYNTHETIC daily precipitation");
        Forcing("temperature_2001to2010.nc", "temperature", result.Maps.Temperature, "degrees_Celsius", "SYNTHETIC daily mean temperature");

        var inside = result.Network.Inside;
        PcRasterWriter.Write(Path.Combine(root, "routing", "RhineMeuse_lddsound_30min.map"), grid, result.Ldd, PcRasterValueScale.Ldd,
            PcRasterCellRepresentation.UInt1);
        var cellAreaM2 = Enumerable.Range(0, grid.Cells)
            .Select(i => (float)(SyntheticRiverNetwork.CellAreaKm2(grid.CellCentreY(i / grid.Columns)) * 1e6)).ToArray();
        PcRasterWriter.Write(Path.Combine(root, "routing", "RhineMeuse_cellarea30min.map"), grid, cellAreaM2, PcRasterValueScale.Scalar,
            PcRasterCellRepresentation.Real4);
        PcRasterWriter.Write(Path.Combine(root, "cloneMaps", "RhineMeuse_landmask.map"), grid, Enumerable.Repeat(1f, grid.Cells).ToArray(),
            PcRasterValueScale.Boolean, PcRasterCellRepresentation.UInt1);

        // Static maps with names of the real land-surface files (written as netCDF-3; the reader takes either kind).
        float[] Masked(Func<int, double> value) =>
            Enumerable.Range(0, grid.Cells).Select(i => inside[i] ? (float)value(i) : float.NaN).ToArray();
        var relief = Masked(i => 20 + 0.45 * result.Elevation[i]);
        Directory.CreateDirectory(Path.Combine(root, "landSurface"));
        Axes(new NetCdf3Writer(), grid, seed)
            .AddVariable("dzRel0090", ["lat", "lon"], relief, NetCdfAttribute.Of("units", "m"),
                NetCdfAttribute.Of("long_name", "SYNTHETIC 90th percentile of elevation above the cell's lowest point"))
            .AddVariable("tanslope", ["lat", "lon"], Masked(i => relief[i] / 4000), NetCdfAttribute.Of("units", "1"),
                NetCdfAttribute.Of("long_name", "SYNTHETIC mean slope (tangent)"))
            .AddVariable("elevation", ["lat", "lon"], Masked(i => result.Elevation[i]), NetCdfAttribute.Of("units", "m"),
                NetCdfAttribute.Of("long_name", "SYNTHETIC mean elevation (drives the lapse rate and the orographic rain)"))
            .Write(Path.Combine(root, "landSurface", RhineMeuse.LandSurfaceFiles[0]));
        Axes(new NetCdf3Writer(), grid, seed)
            .AddVariable("fieldCapacity", ["lat", "lon"], Masked(i => result.Parameters[i]?.FieldCapacity ?? double.NaN),
                NetCdfAttribute.Of("units", "mm"), NetCdfAttribute.Of("long_name", "SYNTHETIC soil storage of the HBV model (FC)"))
            .Write(Path.Combine(root, "landSurface", RhineMeuse.LandSurfaceFiles[1]));

        Directory.CreateDirectory(Path.Combine(root, "discharge"));
        foreach (var (name, series) in result.Discharge)
        {
            var text = new StringBuilder("datetime,discharge\n", days * 20);
            for (var d = 0; d < days; d++)
                text.Append(CultureInfo.InvariantCulture, $"{Start.AddDays(d):yyyy-MM-dd},{series[d]:F3}\n");
            File.WriteAllText(Path.Combine(root, "discharge", $"Discharge_{name.ToLowerInvariant()}.csv"), text.ToString());
        }
        File.WriteAllText(Path.Combine(root, "PROVENANCE.md"), Provenance(seed));
    }

    private static NetCdf3Writer Axes(NetCdf3Writer writer, GridGeometry grid, ulong seed) => writer
        .AddDimension("lat", grid.Rows)
        .AddDimension("lon", grid.Columns)
        .AddAttribute(NetCdfAttribute.Of("title", "SYNTHETIC stand-in for rhine_meuse_30min_grdc (made-up data, not observations)"))
        .AddAttribute(NetCdfAttribute.Of("source", $"{Generator}, seed {seed}"))
        .AddAttribute(NetCdfAttribute.Of("Conventions", "CF-1.8"))
        .AddVariable("lat", ["lat"], grid.CellCentresY(), NetCdfAttribute.Of("units", "degrees_north"),
            NetCdfAttribute.Of("standard_name", "latitude"))
        .AddVariable("lon", ["lon"], grid.CellCentresX(), NetCdfAttribute.Of("units", "degrees_east"),
            NetCdfAttribute.Of("standard_name", "longitude"));

    private static string Provenance(ulong seed) => $"""
        # SYNTHETIC stand-in for rhine_meuse_30min_grdc — made-up data, not the Rhine or the Meuse

        Generated by `{Generator}` (seed {seed}) because the real data set (`../shared/data/rhine_meuse_30min_grdc` or
        `$HYDROWORKSHOP_DATA`) was not found. Same layout, formats, grid (13 × 17 cells of 0.5°, 3.75–11.75 °E,
        46.25–52.25 °N), dates (2001-01-01 … 2010-12-31) and gauge names as the real set, so the notebooks run unchanged;
        every number is invented:
        - `forcing/`: daily precipitation (m/day) from storms that drift east or sit for a summer day, more over high
          ground; daily mean temperature (°C) with a seasonal cycle, a lapse rate and red-noise anomalies.
        - `routing/`: a random drainage network grown so that each gauge drains about its real stated area; cell areas on
          a sphere (m²). `cloneMaps/`: every cell.
        - `discharge/`: HBV runoff of every basin cell (snow, soil and response stores), routed to each gauge with a
          delay that grows with the flow distance. Noise-free "observations": a model can do better here than on real data.
        - `landSurface/`: `dzRel0090`, `tanslope` and `elevation` made from the synthetic terrain (netCDF-3, not netCDF-4).
        Scores on this set say whether a model learns this generator's behaviour, nothing about the real rivers.
        """;
}
