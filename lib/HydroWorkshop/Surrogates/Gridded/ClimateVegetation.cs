using HydroWorkshop.Data;
using HydroWorkshop.Data.Grids;
using HydroWorkshop.Physics.Vegetation;
using static TorchSharp.torch;

namespace HydroWorkshop.Surrogates.Gridded;

/// <summary>Leaf area index maps read back from a netCDF file: the target, the process model's estimate, the land
/// cover and which cells are land (the rest, e.g. North Sea cells, carry no target).</summary>
/// <param name="Lai">Target LAI (m²/m²) [time, y, x] — SIMULATED unless you read a real product.</param>
/// <param name="ProcessLai">The simpler process model's LAI [time, y, x] (the physics-encoded input), or null.</param>
/// <param name="LandCover">Class code per cell [y * x] (<see cref="Physics.Vegetation.LandCover"/>), 0 outside land.</param>
/// <param name="Land">True for cells with a target [y * x].</param>
public sealed record VegetationMaps(GriddedVariable Lai, GriddedVariable? ProcessLai, int[] LandCover, bool[] Land);

/// <summary>
/// Climate → vegetation (Longyang &amp; Zeng) on the Rhine–Meuse grid: makes the simulated LAI data set from the real
/// forcing, reads it back the way a real LAI netCDF is read, and builds the <see cref="GriddedDataSet"/> the models
/// train on — inputs precipitation and temperature (and the process model's LAI for the physics-encoded variant),
/// targets the LAI of every cell [time, y * x] on one pooled scale, NaN outside land.
/// </summary>
public static class ClimateVegetation
{
    /// <summary>Simulates daily LAI with <see cref="VegetationSimulation"/> driven by the data set's forcing and writes
    /// it to <paramref name="path"/> (netCDF-3, CF axes). Land is the drainage network's extent.</summary>
    public static VegetationSimulationResult Simulate(RhineMeuse data, string path, int seed = 1)
    {
        var metres = data.Precipitation.Data.Select(v => v / 1000f).ToArray();                  // mm/day → m/day
        var latitudes = data.Precipitation.Latitude!.Select(l => (float)l).ToArray();
        var result = VegetationSimulation.Run(metres, data.Temperature.Data, data.Dates.Length, data.Rows, data.Columns, latitudes,
            data.Dates[0], seed);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        VegetationDataSetFile.Write(result, data.Precipitation.Longitude!, path, data.IsSynthetic
            ? "SYNTHETIC daily 0.5° precipitation and temperature (the stand-in for rhine_meuse_30min_grdc, made-up weather)"
            : null);
        return result;
    }

    /// <summary>Reads <c>lai</c>, <c>simple_lai</c> (if present) and <c>land_cover</c> from a netCDF file;
    /// <paramref name="land"/> marks the cells to learn (e.g. <c>LddNetwork.Inside</c>).</summary>
    public static VegetationMaps Read(string path, bool[] land)
    {
        var lai = GriddedFile.Read(path, "lai").NorthUp();
        var names = GriddedFile.VariableNames(path);
        var process = names.Contains("simple_lai") ? GriddedFile.Read(path, "simple_lai").NorthUp() : null;
        var cover = names.Contains("land_cover") ? GriddedFile.Read(path, "land_cover").NorthUp().Data.Select(v => (int)v).ToArray()
            : new int[lai.Rows * lai.Columns];
        if (land.Length != lai.Rows * lai.Columns) throw new ArgumentException(
            $"{path}: the land mask has {land.Length} cells, the LAI grid {lai.Rows} × {lai.Columns}", nameof(land));
        return new VegetationMaps(lai, process, cover.Select((c, i) => land[i] ? c : 0).ToArray(), land);
    }

    /// <summary>The data set: channels precipitation (mm/day), temperature (°C), with <paramref name="physicsEncoded"/>
    /// the process model's LAI, and with <paramref name="landCover"/> one constant 0/1 map per land-cover class
    /// present (<c>land_cover_…</c>, in <see cref="LandCover"/> order); targets the LAI of every cell, NaN off land. Inputs are
    /// scaled per channel and the target with one mean and std over land cells, all from <paramref name="training"/>.</summary>
    public static GriddedDataSet DataSet(RhineMeuse data, VegetationMaps maps, Period training, bool physicsEncoded,
        bool landCover = false)
    {
        using var scope = NewDisposeScope();
        List<GriddedVariable> inputs = [data.Precipitation, data.Temperature];
        List<string> channelNames = ["precipitation_mm_d", "temperature_c"];
        if (physicsEncoded)
        {
            inputs.Add(maps.ProcessLai ?? throw new ArgumentException(
                "the LAI file has no simple_lai for the physics-encoded model", nameof(maps)));
            channelNames.Add("process_lai");
        }
        // WHY one-hot maps: the class sets most of a cell's LAI level and season, and no weather series reveals the
        // lowland patchwork; a land-cover product is the usual static input beside the climate.
        if (landCover && maps.LandCover.All(c => c == 0)) throw new ArgumentException(
            "the LAI file has no land_cover map for the land-cover inputs", nameof(maps));
        var classes = landCover ? Enum.GetValues<LandCover>().Where(c => maps.LandCover.Contains((int)c)).ToArray() : [];
        var statics = classes.Select(c => maps.LandCover.Select(v => v == (int)c ? 1f : 0f).ToArray()).ToList();
        channelNames.AddRange(classes.Select(ClassChannel));
        var channels = GriddedDataSet.StackChannels(inputs, statics);                          // [time, c, y, x]
        var (days, cells) = (data.Dates.Length, data.Rows * data.Columns);
        using var land = tensor(maps.Land).reshape(1, cells);
        var targets = tensor(maps.Lai.Data).reshape(days, cells).where(land, float.NaN);       // [time, cells]
        var trainingDays = tensor(Enumerable.Range(0, days).Where(d => training.Contains(data.Dates[d])).Select(d => (long)d).ToArray());
        var trainChannels = channels.index_select(0, trainingDays).transpose(0, 1).flatten(1); // [c, n]
        var (channelMean, channelStd) = (trainChannels.mean([1]), trainChannels.std(1));
        var laiTraining = targets.index_select(0, trainingDays);
        var laiValues = laiTraining.masked_select(laiTraining.isnan().logical_not());
        var target = new FeatureScale("lai", laiValues.mean().item<float>(), laiValues.std().item<float>());
        var normalisation = new Normalisation
        {
            Inputs = channelNames.Select((n, c) => new FeatureScale(n, channelMean[c].item<float>(), channelStd[c].item<float>()))
                .ToArray(),
            Statics = [],
            Targets = Enumerable.Range(0, cells).Select(i => target with { Name = CellName(i, data.Columns) }).ToArray(),
            FittedOn = $"training {training}",
        };
        return new GriddedDataSet(channels, channelNames, targets, normalisation.Targets.Select(t => t.Name).ToArray(), data.Dates,
            training, normalisation);
    }

    /// <summary>The <c>static_maps</c> entry that adds the land-cover maps to a climate_vegetation run.</summary>
    public const string LandCoverMaps = "land_cover";

    /// <summary>"land_cover_cropland": the input channel of a land-cover class's 0/1 map.</summary>
    public static string ClassChannel(LandCover landCover) => $"land_cover_{landCover.ToString().ToLowerInvariant()}";

    /// <summary>"cell_r_c": the target name of a cell.</summary>
    public static string CellName(int index, int columns) => $"cell_{index / columns}_{index % columns}";
}
