using System.Globalization;
using System.Text;
using System.Text.Json;
using HydroWorkshop.Common;

namespace HydroWorkshop.Data.Synthetic;

/// <summary>
/// Writes synthetic basins in the official CAMELS-US layout and formats:
/// <c>basin_dataset_public_v1p2/basin_mean_forcing/daymet/&lt;HUC02&gt;/&lt;gauge&gt;_lump_cida_forcing_leap.txt</c>,
/// <c>basin_dataset_public_v1p2/usgs_streamflow/&lt;HUC02&gt;/&lt;gauge&gt;_streamflow_qc.txt</c> (ft3/s, flags A, A:e, M)
/// and <c>camels_attributes_v2.0/camels_{topo,clim,soil,vege,geol,hydro,name}.txt</c>, plus basin lists and the true
/// HBV parameters (<c>synthetic_parameters.txt</c>). The forcing file's swe(mm) column is the model's snow pack, so
/// it can serve as a second target. Deterministic by seed.
/// </summary>
public static partial class SyntheticCamels
{
    /// <summary>Written last: its presence (with the same options) marks a complete set.</summary>
    public const string MarkerFile = "synthetic-camels.json";

    /// <summary>The release sub-folder that <see cref="CamelsUs.Open"/> accepts.</summary>
    public const string ReleaseFolder = "basin_dataset_public_v1p2";

    /// <summary>One generated basin: its attributes and the series written (mm/day discharge before rounding to ft3/s).</summary>
    public sealed record GeneratedBasin(SyntheticBasin Basin, SyntheticWeather Weather, HbvModel.Result Simulation,
        bool[] DischargeMissing);

    /// <summary>Makes the set in <paramref name="folder"/> unless a complete one with the same options is there; returns the
    /// folder. Two processes asking at once (two notebooks opening the data) take turns on a lock file beside the folder:
    /// one generates, the other then finds the set complete (<see cref="GeneratedFolder"/>).</summary>
    public static string EnsureGenerated(string folder, SyntheticCamelsOptions? options = null, IProgress<string>? progress = null,
        CancellationToken? cancellationToken = null)
    {
        options ??= new SyntheticCamelsOptions();
        options.Validate();
        Target(folder, options).Ensure((temporary, token) => Write(temporary, options, progress, token),
            cancellationToken ?? WorkshopCancellation.Token);
        return folder;
    }

    /// <summary>
    /// Generates the set into <paramref name="folder"/>, replacing a set made by this generator there (a folder holding
    /// anything else is refused, not deleted). Files are written into a temporary sibling folder that is renamed at the
    /// end, so an interrupted run leaves no half set behind; the same lock as <see cref="EnsureGenerated"/>.
    /// </summary>
    public static IReadOnlyList<GeneratedBasin> Generate(string folder, SyntheticCamelsOptions? options = null,
        IProgress<string>? progress = null, CancellationToken? cancellationToken = null)
    {
        options ??= new SyntheticCamelsOptions();
        options.Validate();
        return Target(folder, options).Replace((temporary, token) => Write(temporary, options, progress, token),
            cancellationToken ?? WorkshopCancellation.Token);
    }

    private static GeneratedFolder Target(string folder, SyntheticCamelsOptions options) =>
        new(folder, MarkerFile, MarkerText(options), "synthetic CAMELS set", "HYDROWORKSHOP_SYNTHETIC_CAMELS");

    private static GeneratedBasin[] Write(string root, SyntheticCamelsOptions options, IProgress<string>? progress, CancellationToken token)
    {
        var basins = new GeneratedBasin[options.Basins];
        Parallel.For(0, options.Basins, new ParallelOptions { CancellationToken = token }, b =>
        {
            basins[b] = Simulate(options, b, token);
        });
        for (var b = 0; b < basins.Length; b++)
        {
            token.ThrowIfCancellationRequested();
            WriteForcing(root, options.Start, basins[b]);
            WriteStreamflow(root, options.Start, basins[b]);
            if ((b + 1) % 8 == 0 || b + 1 == basins.Length) progress?.Report($"synthetic basins: {b + 1}/{basins.Length} written");
        }
        WriteAttributes(Path.Combine(root, "camels_attributes_v2.0"), options, basins);
        WriteLists(root, basins);
        return basins;
    }

    /// <summary>Weather, model run and discharge gaps of basin <paramref name="index"/> (no files).</summary>
    public static GeneratedBasin Simulate(SyntheticCamelsOptions options, int index, CancellationToken cancellationToken = default)
    {
        var basin = SyntheticBasin.Draw(options.Seed, index);
        var random = SeededRandom.For(options.Seed ^ 0x5EED, (ulong)index);
        var weather = WeatherGenerator.Generate(basin, options.Start, options.Days, random, cancellationToken);
        var simulation = HbvModel.Run(basin.Hbv, weather.Precipitation, weather.MaxTemperature, weather.MinTemperature,
            weather.PotentialEvaporation);
        var missing = new bool[options.Days];
        if (random.NextDouble() < options.GapFraction)
        {
            var length = random.Next(5, 120);
            var start = random.Next(0, Math.Max(1, options.Days - length));
            for (var d = start; d < Math.Min(options.Days, start + length); d++) missing[d] = true;
        }
        return new GeneratedBasin(basin, weather, simulation, missing);
    }

    private static string MarkerText(SyntheticCamelsOptions options) => JsonSerializer.Serialize(new
    {
        generator = "HydroWorkshop.Data.Synthetic/1",
        basins = options.Basins,
        start = options.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        end = options.End.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        seed = options.Seed,
        gapFraction = options.GapFraction,
    });

    private static string Huc(SyntheticBasin b) => b.Huc02.ToString("D2", CultureInfo.InvariantCulture);

    private static void WriteForcing(string root, DateOnly start, GeneratedBasin g)
    {
        var b = g.Basin;
        var w = g.Weather;
        var folder = Path.Combine(root, ReleaseFolder, "basin_mean_forcing", "daymet", Huc(b));
        Directory.CreateDirectory(folder);
        var text = new StringBuilder(w.Precipitation.Length * 64);
        var c = CultureInfo.InvariantCulture;
        text.Append(c, $"{b.Latitude,7:F2}\n{b.GaugeElevation,7:F2}\n {Math.Round(b.AreaKm2 * 1e6):F0}\n");
        text.Append("Year Mnth Day Hr dayl(s) prcp(mm/day) srad(W/m2) swe(mm) tmax(C) tmin(C) vp(Pa)\n");
        for (var d = 0; d < w.Precipitation.Length; d++)
        {
            var date = start.AddDays(d);
            text.Append(c,
                $"{date.Year:D4} {date.Month:D2} {date.Day:D2} 12\t{w.DayLength[d]:F2}\t{w.Precipitation[d]:F2}\t{w.Radiation[d]:F2}\t{g.Simulation.SnowWaterEquivalent[d]:F2}\t{w.MaxTemperature[d]:F2}\t{w.MinTemperature[d]:F2}\t{w.VapourPressure[d]:F2}\n");
        }
        File.WriteAllText(Path.Combine(folder, $"{b.GaugeId}_lump_cida_forcing_leap.txt"), text.ToString());
    }

    private static void WriteStreamflow(string root, DateOnly start, GeneratedBasin g)
    {
        var b = g.Basin;
        var folder = Path.Combine(root, ReleaseFolder, "usgs_streamflow", Huc(b));
        Directory.CreateDirectory(folder);
        var text = new StringBuilder(g.Simulation.Discharge.Length * 32);
        var c = CultureInfo.InvariantCulture;
        var area = Math.Round(b.AreaKm2 * 1e6);
        for (var d = 0; d < g.Simulation.Discharge.Length; d++)
        {
            var date = start.AddDays(d);
            var cfs = g.Simulation.Discharge[d] / DischargeUnits.CubicFeetPerSecondToMillimetresPerDay(1, area);
            // Low flows are "estimated", as USGS marks ice-affected or rated-out days.
            var (value, flag) = g.DischargeMissing[d] ? (-999.0, "M") : (cfs, g.Simulation.Discharge[d] < 0.05 ? "A:e" : "A");
            text.Append(c, $"{b.GaugeId} {date.Year:D4} {date.Month:D2} {date.Day:D2} {value,8:F2} {flag}\n");
        }
        File.WriteAllText(Path.Combine(folder, $"{b.GaugeId}_streamflow_qc.txt"), text.ToString());
    }

    private static void WriteLists(string root, GeneratedBasin[] basins)
    {
        var ids = basins.Select(g => g.Basin.GaugeId).ToArray();
        File.WriteAllText(Path.Combine(root, "basin_list.txt"), string.Join('\n', ids) + "\n");
        // A spatial split for regionalisation exercises: every fifth basin is held out for test, the next for validation.
        File.WriteAllText(Path.Combine(root, "train_basins.txt"), string.Join('\n', ids.Where((_, i) => i % 5 is 0 or 1 or 2)) + "\n");
        File.WriteAllText(Path.Combine(root, "valid_basins.txt"), string.Join('\n', ids.Where((_, i) => i % 5 == 3)) + "\n");
        File.WriteAllText(Path.Combine(root, "test_basins.txt"), string.Join('\n', ids.Where((_, i) => i % 5 == 4)) + "\n");
    }
}
