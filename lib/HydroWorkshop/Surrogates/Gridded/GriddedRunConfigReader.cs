using HydroWorkshop.Common;
using HydroWorkshop.Training;
using YamlDotNet.RepresentationModel;
using static HydroWorkshop.Common.StrictYaml;
using static HydroWorkshop.Common.YamlNodes;

namespace HydroWorkshop.Surrogates.Gridded;

/// <summary>
/// Reads a gridded-run config (<see cref="GriddedRunConfig"/>) with strict keys, as the other config readers do: an
/// unknown key is rejected with the closest valid name, and every error gives the file and line; <see cref="Write"/>
/// gives it back as YAML (the run folder's copy). The <c>training:</c> keys are the ones every config shares.
/// <code>
/// run_folder: ../../out/runs/rhine-meuse-convlstm
/// data:     { type: rhine_meuse, gauges: [Lobith, Basel, Maxau, Cochem], held_out_gauges: [Borgharen] }
/// model:    { type: convlstm_gauges, hidden_size: 16 }
/// training: { epochs: 25, batch_size: 8, optimizer: adamw, learning_rate: 0.003, weight_decay: 0.0001, patience: 8, seed: 1 }
/// windows:  { window_days: 365, warmup_days: 180, batches_per_epoch: 8, time_limit_minutes: 5 }
/// </code>
/// </summary>
public static class GriddedRunConfigReader
{
    private static readonly Dictionary<string, ConfigKey<GriddedRunConfig>> DataKeys = new()
    {
        ["type"] = new((c, v, x) => c with { Data = c.Data with { Type = OneOf(v, x, "rhine_meuse", "climate_vegetation") } },
            c => Of(c.Data.Type),
            "rhine_meuse (discharge at gauges from climate maps) or climate_vegetation (a leaf-area-index map per day)"),
        ["folder"] = new((c, v, x) => c with { Data = c.Data with { Folder = Text(v, x) } }, c => Of(c.Data.Folder),
            "the rhine_meuse_30min_grdc folder; default: the shared data folder, else the synthetic stand-in"),
        ["gauges"] = new((c, v, x) => c with { Data = c.Data with { Gauges = Gauges(v, x, allowEmpty: false) } }, c => List(c.Data.Gauges),
            "rhine_meuse: the gauges trained on, in output order"),
        ["held_out_gauges"] = new(
            (c, v, x) => c with { Data = c.Data with { HeldOutGauges = IsNull(v) ? [] : Gauges(v, x, allowEmpty: true) } },
            c => List(c.Data.HeldOutGauges), "rhine_meuse: gauges never trained on, scored for transfer"),
        ["static_maps"] = new((c, v, x) => c with { Data = c.Data with { StaticMaps = List(v, x) } }, c => List(c.Data.StaticMaps),
            "maps added as channels: rhine_meuse land-surface maps, e.g. [dzRel0090, tanslope]; climate_vegetation: [land_cover]"),
        ["lai_file"] = new((c, v, x) => c with { Data = c.Data with { LaiFile = Text(v, x) } }, c => Of(c.Data.LaiFile),
            "climate_vegetation: a netCDF file with lai, or simulate (the kit's simulated LAI)"),
        ["vegetation_seed"] = new((c, v, x) => c with { Data = c.Data with { VegetationSeed = Int(v, x) } }, c => Of(c.Data.VegetationSeed),
            "climate_vegetation with lai_file simulate: the simulation's seed"),
        ["physics_encoded"] = new((c, v, x) => c with { Data = c.Data with { PhysicsEncoded = Bool(v, x) } },
            c => Of(c.Data.PhysicsEncoded),
            "climate_vegetation: the process model's LAI as an input channel"),
        ["train_period"] = new((c, v, x) => c with { Data = c.Data with { TrainPeriod = RunConfigReader.PeriodOf(v, x) } },
            c => RunConfigReader.PeriodNode(c.Data.TrainPeriod), "[start, end]"),
        ["validation_period"] = new((c, v, x) => c with { Data = c.Data with { ValidationPeriod = RunConfigReader.PeriodOf(v, x) } },
            c => RunConfigReader.PeriodNode(c.Data.ValidationPeriod),
            "[start, end]"),
        ["test_period"] = new((c, v, x) => c with { Data = c.Data with { TestPeriod = RunConfigReader.PeriodOf(v, x) } },
            c => RunConfigReader.PeriodNode(c.Data.TestPeriod), "[start, end]"),
    };

    private static readonly Dictionary<string, ConfigKey<GriddedRunConfig>> ModelKeys = new()
    {
        ["type"] = new(
            (c, v, x) => c with
            {
                Model = c.Model with { Type = OneOf(v, x, "convlstm_gauges", "lumped_lstm", "convlstm_maps", "cell_lstm") },
            },
            c => Of(c.Model.Type),
            "rhine_meuse: convlstm_gauges (maps to gauges) or lumped_lstm; climate_vegetation: convlstm_maps or cell_lstm"),
        ["hidden_size"] = new((c, v, x) => c with { Model = c.Model with { HiddenSize = Positive(v, x) } }, c => Of(c.Model.HiddenSize),
            "ConvLSTM hidden channels, or the LSTM's hidden size"),
        ["kernel_size"] = new((c, v, x) => c with { Model = c.Model with { KernelSize = OddPositive(v, x) } }, c => Of(c.Model.KernelSize),
            "ConvLSTM kernel (cells, odd)"),
        ["head_size"] = new((c, v, x) => c with { Model = c.Model with { HeadSize = Positive(v, x) } }, c => Of(c.Model.HeadSize),
            "convlstm_gauges: hidden units of the per-gauge head"),
        ["routing_bands"] = new((c, v, x) => c with { Model = c.Model with { RoutingBands = NotNegative(v, x) } },
            c => Of(c.Model.RoutingBands),
            "convlstm_gauges: flow-distance bands, each with a learned delay (0: pool the whole basin)"),
        ["steps_per_band"] = new((c, v, x) => c with { Model = c.Model with { StepsPerBand = Positive(v, x) } },
            c => Of(c.Model.StepsPerBand),
            "convlstm_gauges with routing: LDD steps per band"),
        ["routing_days"] = new((c, v, x) => c with { Model = c.Model with { RoutingDays = Positive(v, x) } }, c => Of(c.Model.RoutingDays),
            "convlstm_gauges with routing: the delay kernel's length in days"),
        ["readout"] = new((c, v, x) => c with { Model = c.Model with { Readout = OneOf(v, x, "basin", "cells") } },
            c => Of(c.Model.Readout),
            "convlstm_gauges: basin (a head reads pooled basin features) or cells (each cell's runoff, averaged over the basin)"),
    };

    private static readonly Dictionary<string, ConfigKey<GriddedRunConfig>> WindowKeys = new()
    {
        ["window_days"] = new((c, v, x) => c with { Windows = c.Windows with { WindowDays = Positive(v, x) } },
            c => Of(c.Windows.WindowDays), "days per training window"),
        ["warmup_days"] = new((c, v, x) => c with { Windows = c.Windows with { WarmupDays = Int(v, x) } }, c => Of(c.Windows.WarmupDays),
            "days at a window's start that are not scored (the state spins up)"),
        ["batches_per_epoch"] = new((c, v, x) => c with { Windows = c.Windows with { BatchesPerEpoch = Positive(v, x) } },
            c => Of(c.Windows.BatchesPerEpoch),
            "batches of random windows per epoch"),
        ["nse_weights"] = new((c, v, x) => c with { Windows = c.Windows with { NseWeights = Bool(v, x) } }, c => Of(c.Windows.NseWeights),
            "weight each target by 1 / its variance (NSE*-style)"),
        ["time_limit_minutes"] = new((c, v, x) => c with { Windows = c.Windows with { TimeLimit = IsNull(v) ? null
            : TimeSpan.FromMinutes(Number(v, x)) } },
            c => OfOptional(c.Windows.TimeLimit?.TotalMinutes), "stop training after this many minutes; null for none"),
    };

    // The keys every config shares, and the gridded trainer's own.
    private static Dictionary<string, ConfigKey<GriddedRunConfig>> TrainingKeys()
    {
        var keys = TrainingConfigKeys.Within<GriddedRunConfig>(c => c.Training, (c, t) => c with { Training = t });
        keys["weight_average"] = new((c, v, x) => c with { Windows = c.Windows with { WeightAverage = IsNull(v) ? null : Decay(v, x) } },
            c => OfOptional(c.Windows.WeightAverage),
            "decay of a moving average of the weights (e.g. 0.9) that is validated and kept; null keeps the last weights");
        return keys;
    }

    private static readonly ConfigSection<GriddedRunConfig>[] Sections =
    [
        new("data", DataKeys),
        new("model", ModelKeys),
        new("training", TrainingKeys()),
        new("windows", WindowKeys),
    ];

    private static readonly (string Key, string Doc)[] TopLevel =
    [
        ("run_folder", "where the run writes its files (required; relative to the config file)"),
        ("data", "where the maps and targets come from"),
        ("model", "the gridded model"),
        ("training", "how it trains (the keys every config shares, and weight_average)"),
        ("windows", "how the record is cut into training windows"),
        // Read from run folders made before run configs were written whole: where relative paths resolve.
        ("config_folder", "the folder relative paths resolve against (default the config file's)"),
    ];

    /// <summary>The name of the config copy run folders made before had (now <see cref="RunFolderConfig.FileName"/>).</summary>
    internal const string EarlierRunFolderCopy = "gridded_run.yml";

    /// <summary>Reads <paramref name="path"/>; relative paths in it (run_folder, data folder, lai_file) are relative to the file.</summary>
    public static GriddedRunConfig Read(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"gridded-run config {path} not found", path);
        var (config, configFolder) = ParseWithFolder(File.ReadAllText(path), path);
        var folder = configFolder ?? Path.GetDirectoryName(Path.GetFullPath(path))!;
        return config with
        {
            RunFolder = Path.GetFullPath(config.RunFolder, folder),
            Data = config.Data with
            {
                Folder = config.Data.Folder == "default" ? "default" : Path.GetFullPath(config.Data.Folder, folder),
                LaiFile = config.Data.LaiFile == "simulate" ? "simulate" : Path.GetFullPath(config.Data.LaiFile, folder),
            },
        };
    }

    /// <summary>Parses YAML text; <paramref name="file"/> names it in errors. Paths stay as written.</summary>
    public static GriddedRunConfig Parse(string yaml, string file = "config") => ParseWithFolder(yaml, file).Config;

    /// <summary>The config as YAML that <see cref="Read"/> reads back to an equal config: every key written out, paths as
    /// the record holds them (absolute once read from a file). What a run folder keeps as <see cref="RunFolderConfig.FileName"/>.</summary>
    public static string Write(GriddedRunConfig config) =>
        StrictYamlSections.Save("the gridded run's config as it trained, every key explicit (hw gridded evaluate reads it)",
            [("run_folder", Of(config.RunFolder))], StrictYamlSections.Write(config, Sections));

    /// <summary>Every key a gridded-run config accepts, one a line with what it means (<c>hw config keys gridded</c>).</summary>
    public static string KeyHelp() =>
        StrictYamlSections.Help("gridded-run config (hw gridded train, hw gridded evaluate):", TopLevel, Sections);

    private static (GriddedRunConfig Config, string? ConfigFolder) ParseWithFolder(string yaml, string file)
    {
        var context = new YamlContext(file);
        var root = StrictYamlSections.Load(yaml, context, TopLevel.Select(k => k.Key), "run_folder, data, model, training and windows");
        var runFolder = StrictYamlSections.TopLevelText(root, "run_folder", context)
            ?? throw new FormatException($"{file}: the required key 'run_folder' is missing (where the run writes its files)");
        var configFolder = StrictYamlSections.TopLevelText(root, "config_folder", context);
        YamlNode? modelType = null;
        var config = StrictYamlSections.Apply(root, Sections, new GriddedRunConfig { RunFolder = runFolder }, context,
            (section, key, value) => modelType = section == "model" && key == "type" ? value : modelType);

        var data = config.Data;
        var model = config.Model with { Type = modelType is null ? GriddedModelConfig.TypesFor(data.Type)[0] : config.Model.Type };
        if (!GriddedModelConfig.TypesFor(data.Type).Contains(model.Type))
            throw Error(modelType!, context,
                $"model type '{model.Type}' does not fit data type '{data.Type}' (use {string.Join(" or ", GriddedModelConfig.TypesFor(data.Type))})");
        if (data.Type == "rhine_meuse" && data.HeldOutGauges.Intersect(data.Gauges, StringComparer.OrdinalIgnoreCase)
            .FirstOrDefault() is { } both)
            throw new FormatException($"{file}: data: gauge '{both}' is both trained on and held out");
        if (model.Type != "convlstm_gauges" && model.RoutingBands > 0)
            throw new FormatException(
                $"{file}: model: routing_bands is for convlstm_gauges (it delays the gauge read-out by flow distance)");
        if (model.Type != "convlstm_gauges" && model.Readout != "basin")
            throw new FormatException($"{file}: model: readout is for convlstm_gauges (where its head reads the hidden maps)");
        if (data.Type == "climate_vegetation" && data.StaticMaps.FirstOrDefault(m => m != ClimateVegetation.LandCoverMaps) is { } map)
            throw new FormatException(
                $"{file}: data: static_maps: '{map}' is not a climate_vegetation map (the one there is: {ClimateVegetation.LandCoverMaps})");
        if (data.Type == "rhine_meuse" && data.PhysicsEncoded)
            throw new FormatException($"{file}: data: physics_encoded is for climate_vegetation (the process model's LAI as an input)");
        StrictYamlSections.Check(config.Training.Validate, "training", file);
        StrictYamlSections.Check(config.Windows.Validate, "windows", file);
        return (config with { Model = model }, configFolder);
    }

    private static IReadOnlyList<string> Gauges(YamlNode node, YamlContext context, bool allowEmpty)
    {
        var names = List(node, context);
        if (names.Count == 0 && !allowEmpty) throw Error(node, context, "expected at least one gauge, e.g. [Lobith, Basel]");
        var known = HydroWorkshop.Data.Grids.RhineMeuse.GaugeList.Select(g => g.Name).ToArray();
        foreach (var name in names)
            if (!known.Contains(name, StringComparer.OrdinalIgnoreCase))
                throw Error(node, context, $"unknown gauge '{name}' (the data set has {string.Join(", ", known)})");
        return names;
    }

    private static int OddPositive(YamlNode node, YamlContext context)
    {
        var value = Positive(node, context);
        return value % 2 == 1 ? value : throw Error(node, context,
            $"expected an odd kernel size (3, 5, ...) so that maps keep their size, got {value}");
    }

    private static double Decay(YamlNode node, YamlContext context)
    {
        var value = Number(node, context);
        return value is >= 0 and < 1 ? value : throw Error(node, context,
            $"expected a decay in [0, 1) (0.9 averages about the last 10 steps), got {value}");
    }
}
