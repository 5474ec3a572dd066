using HydroWorkshop.Common;
using HydroWorkshop.Training;
using YamlDotNet.RepresentationModel;
using static HydroWorkshop.Common.StrictYaml;

namespace HydroWorkshop.Surrogates.Gridded;

/// <summary>
/// Reads a gridded-run config (<see cref="GriddedRunConfig"/>) with strict keys, as the other config readers do: an
/// unknown key is rejected with the closest valid name, and every error gives the file and line. The <c>training:</c>
/// keys are the ones every config shares.
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
    private delegate GriddedRunConfig Setter(GriddedRunConfig config, YamlNode value, YamlContext context);

    private static readonly Dictionary<string, Setter> DataKeys = new()
    {
        ["type"] = (c, v, x) => c with { Data = c.Data with { Type = OneOf(v, x, "rhine_meuse", "climate_vegetation") } },
        ["folder"] = (c, v, x) => c with { Data = c.Data with { Folder = Text(v, x) } },
        ["gauges"] = (c, v, x) => c with { Data = c.Data with { Gauges = Gauges(v, x, allowEmpty: false) } },
        ["held_out_gauges"] = (c, v, x) => c with { Data = c.Data with { HeldOutGauges = IsNull(v) ? [] : Gauges(v, x, allowEmpty: true) } },
        ["static_maps"] = (c, v, x) => c with { Data = c.Data with { StaticMaps = List(v, x) } },
        ["lai_file"] = (c, v, x) => c with { Data = c.Data with { LaiFile = Text(v, x) } },
        ["vegetation_seed"] = (c, v, x) => c with { Data = c.Data with { VegetationSeed = Int(v, x) } },
        ["physics_encoded"] = (c, v, x) => c with { Data = c.Data with { PhysicsEncoded = Bool(v, x) } },
        ["train_period"] = (c, v, x) => c with { Data = c.Data with { TrainPeriod = RunConfigReader.PeriodOf(v, x) } },
        ["validation_period"] = (c, v, x) => c with { Data = c.Data with { ValidationPeriod = RunConfigReader.PeriodOf(v, x) } },
        ["test_period"] = (c, v, x) => c with { Data = c.Data with { TestPeriod = RunConfigReader.PeriodOf(v, x) } },
    };

    private static readonly Dictionary<string, Setter> ModelKeys = new()
    {
        ["type"] = (c, v, x) => c with { Model = c.Model with { Type = OneOf(v, x, "convlstm_gauges", "lumped_lstm", "convlstm_maps", "cell_lstm") } },
        ["hidden_size"] = (c, v, x) => c with { Model = c.Model with { HiddenSize = Positive(v, x) } },
        ["kernel_size"] = (c, v, x) => c with { Model = c.Model with { KernelSize = OddPositive(v, x) } },
        ["head_size"] = (c, v, x) => c with { Model = c.Model with { HeadSize = Positive(v, x) } },
        ["routing_bands"] = (c, v, x) => c with { Model = c.Model with { RoutingBands = NotNegative(v, x) } },
        ["steps_per_band"] = (c, v, x) => c with { Model = c.Model with { StepsPerBand = Positive(v, x) } },
        ["routing_days"] = (c, v, x) => c with { Model = c.Model with { RoutingDays = Positive(v, x) } },
    };

    private static readonly Dictionary<string, Setter> TrainingKeys =
        new(TrainingConfigKeys.Shared.Select(kv => KeyValuePair.Create(kv.Key, (Setter)((c, v, x) => c with { Training = kv.Value(c.Training, v, x) }))));

    private static readonly Dictionary<string, Setter> WindowKeys = new()
    {
        ["window_days"] = (c, v, x) => c with { Windows = c.Windows with { WindowDays = Positive(v, x) } },
        ["warmup_days"] = (c, v, x) => c with { Windows = c.Windows with { WarmupDays = Int(v, x) } },
        ["batches_per_epoch"] = (c, v, x) => c with { Windows = c.Windows with { BatchesPerEpoch = Positive(v, x) } },
        ["nse_weights"] = (c, v, x) => c with { Windows = c.Windows with { NseWeights = Bool(v, x) } },
        ["time_limit_minutes"] = (c, v, x) => c with { Windows = c.Windows with { TimeLimit = IsNull(v) ? null : TimeSpan.FromMinutes(Number(v, x)) } },
    };

    private static readonly Dictionary<string, Dictionary<string, Setter>> Sections = new()
    {
        ["data"] = DataKeys,
        ["model"] = ModelKeys,
        ["training"] = TrainingKeys,
        ["windows"] = WindowKeys,
    };

    // config_folder: where relative paths resolve (the run folder's copy of the config names the original's folder).
    private static readonly string[] TopLevelKeys = ["run_folder", "data", "model", "training", "windows", "config_folder"];

    /// <summary>The name of the config copy a run folder keeps (what <c>hw gridded evaluate</c> reads).</summary>
    public const string RunFolderCopy = "gridded_run.yml";

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

    private static (GriddedRunConfig Config, string? ConfigFolder) ParseWithFolder(string yaml, string file)
    {
        var context = new YamlContext(file);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlDotNet.Core.YamlException e)
        {
            throw new FormatException($"{file} line {e.Start.Line}: {e.Message}", e);
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
            throw new FormatException($"{file}: expected a mapping with run_folder, data, model, training and windows");
        foreach (var key in root.Children.Keys) CheckKey(key, TopLevelKeys, "the top level", context);

        var runFolder = root.Children.TryGetValue(new YamlScalarNode("run_folder"), out var folderNode) ? Text(folderNode, context)
            : throw new FormatException($"{file}: the required key 'run_folder' is missing (where the run writes its files)");
        var configFolder = root.Children.TryGetValue(new YamlScalarNode("config_folder"), out var ofConfig) ? Text(ofConfig, context) : null;
        var config = new GriddedRunConfig { RunFolder = runFolder };
        YamlNode? modelType = null;
        foreach (var (sectionName, keys) in Sections)
        {
            if (!root.Children.TryGetValue(new YamlScalarNode(sectionName), out var section) || IsNull(section)) continue;
            if (section is not YamlMappingNode mapping) throw Error(section, context, $"'{sectionName}' must be a mapping of keys");
            foreach (var (key, value) in mapping.Children)
            {
                var name = CheckKey(key, keys.Keys, $"'{sectionName}'", context);
                config = keys[name](config, value, context);
                if (sectionName == "model" && name == "type") modelType = value;
            }
        }

        var data = config.Data;
        var model = config.Model with { Type = modelType is null ? GriddedModelConfig.TypesFor(data.Type)[0] : config.Model.Type };
        if (!GriddedModelConfig.TypesFor(data.Type).Contains(model.Type))
            throw Error(modelType!, context, $"model type '{model.Type}' does not fit data type '{data.Type}' (use {string.Join(" or ", GriddedModelConfig.TypesFor(data.Type))})");
        if (data.Type == "rhine_meuse" && data.HeldOutGauges.Intersect(data.Gauges, StringComparer.OrdinalIgnoreCase).FirstOrDefault() is { } both)
            throw new FormatException($"{file}: data: gauge '{both}' is both trained on and held out");
        if (model.Type != "convlstm_gauges" && model.RoutingBands > 0)
            throw new FormatException($"{file}: model: routing_bands is for convlstm_gauges (it delays the gauge read-out by flow distance)");
        if (data.Type == "climate_vegetation" && data.StaticMaps.Count > 0)
            throw new FormatException($"{file}: data: static_maps is for rhine_meuse (the vegetation models read the forcing only)");
        if (data.Type == "rhine_meuse" && data.PhysicsEncoded)
            throw new FormatException($"{file}: data: physics_encoded is for climate_vegetation (the process model's LAI as an input)");
        Check(() => config.Training.Validate(), "training", file);
        Check(() => config.Windows.Validate(), "windows", file);
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

    private static int Positive(YamlNode node, YamlContext context)
    {
        var value = Int(node, context);
        return value > 0 ? value : throw Error(node, context, $"expected a positive whole number, got {value}");
    }

    private static int NotNegative(YamlNode node, YamlContext context)
    {
        var value = Int(node, context);
        return value >= 0 ? value : throw Error(node, context, $"expected 0 or more, got {value}");
    }

    private static int OddPositive(YamlNode node, YamlContext context)
    {
        var value = Positive(node, context);
        return value % 2 == 1 ? value : throw Error(node, context, $"expected an odd kernel size (3, 5, ...) so that maps keep their size, got {value}");
    }

    private static void Check(Action validate, string section, string file)
    {
        try
        {
            validate();
        }
        catch (ArgumentException e)
        {
            throw new FormatException($"{file}: {section}: {e.Message}", e);
        }
    }
}
