using HydroWorkshop.Training;
using YamlDotNet.RepresentationModel;
using HydroWorkshop.Common;
using static HydroWorkshop.Common.StrictYaml;

namespace HydroWorkshop.Surrogates;

/// <summary>
/// Reads a map-run config (<see cref="MapRunConfig"/>) from YAML with strict keys, in the style of
/// <see cref="RunConfigReader"/>: an unknown key is rejected with the closest valid name, a missing required key is
/// named, and every error gives the file and line.
/// <code>
/// run_folder: ../../out/runs/flume-cnnlstm
/// data:     { type: flume, folder: ../../out/flume-dataset, extra_train_folders: [../../out/flume-dataset-extra] }
/// model:    { type: cnnlstm, features: 8, latent: 64, hidden_size: 64 }
/// training: { epochs: 400, batch_size: 1, learning_rate: 0.002, clip_grad_norm: 1.0, patience: 40, seed: 42 }
/// map:      { warmup_frames: 4, wet_threshold: 0.001, stop_metric: wet_rmse, mirror_rows: true, time_limit_minutes: 5 }
/// </code>
/// </summary>
public static partial class MapRunConfigReader
{
    private delegate MapRunConfig Setter(MapRunConfig config, YamlNode value, YamlContext context);

    private static readonly Dictionary<string, Setter> DataKeys = new()
    {
        ["type"] = (c, v, x) => c with { Data = c.Data with { Type = OneOf(v, x, "flume", "dike_breach") } },
        ["folder"] = (c, v, x) => c with { Data = c.Data with { Folder = Text(v, x) } },
        ["extra_train_folders"] = (c, v, x) => c with { Data = c.Data with { ExtraTrainFolders = List(v, x) } },
        ["storage_estimate"] = (c, v, x) => c with { Data = c.Data with { StorageEstimate = Bool(v, x) } },
        ["coarse_solver"] = (c, v, x) => c with { Data = c.Data with { CoarseSolver = CoarseningFactor(v, x) } },
        // [] is allowed here: a run may train on extra_train_folders alone.
        ["train_ids"] = (c, v, x) => c with { Data = c.Data with { TrainIds = List(v, x).Count == 0 ? [] : Ids(v, x) } },
        ["validation_ids"] = (c, v, x) => c with { Data = c.Data with { ValidationIds = Ids(v, x) } },
        ["test_ids"] = (c, v, x) => c with { Data = c.Data with { TestIds = Ids(v, x) } },
    };

    private static readonly Dictionary<string, Setter> ModelKeys = new()
    {
        ["type"] = (c, v, x) => c with { Model = c.Model with { Type = OneOf(v, x, "cnnlstm", "convlstm_forecaster", "flood_stepper") } },
        ["features"] = (c, v, x) => c with { Model = c.Model with { Features = Positive(v, x) } },
        ["latent"] = (c, v, x) => c with { Model = c.Model with { Latent = Positive(v, x) } },
        ["hidden_size"] = (c, v, x) => c with { Model = c.Model with { HiddenSize = Positive(v, x) } },
        ["hidden_channels"] = (c, v, x) => c with { Model = c.Model with { HiddenChannels = Positive(v, x) } },
        ["num_layers"] = (c, v, x) => c with { Model = c.Model with { NumLayers = Positive(v, x) } },
        ["kernel_size"] = (c, v, x) => c with { Model = c.Model with { KernelSize = Positive(v, x) } },
        ["peephole"] = (c, v, x) => c with { Model = c.Model with { Peephole = Bool(v, x) } },
        ["width"] = (c, v, x) => c with { Model = c.Model with { Width = Positive(v, x) } },
    };

    private static readonly Dictionary<string, Setter> TrainingKeys = new(TrainingConfigKeys.Shared.Select(kv => KeyValuePair.Create(kv.Key, (Setter)((c, v, x) => c with { Training = kv.Value(c.Training, v, x) }))));

    private static readonly Dictionary<string, Setter> MapKeys = new()
    {
        ["warmup_frames"] = (c, v, x) => c with { Map = c.Map with { WarmupFrames = Int(v, x) } },
        ["window_frames"] = (c, v, x) => c with { Map = c.Map with { WindowFrames = Int(v, x) } },
        ["windows_per_event"] = (c, v, x) => c with { Map = c.Map with { WindowsPerEvent = Int(v, x) } },
        ["curriculum_start_steps"] = (c, v, x) => c with { Map = c.Map with { Curriculum = new(Int(v, x), c.Map.Curriculum?.EpochsPerDoubling ?? RolloutCurriculum.DefaultEpochsPerDoubling) } },
        ["curriculum_epochs_per_doubling"] = (c, v, x) => c with { Map = c.Map with { Curriculum = new(c.Map.Curriculum?.StartSteps ?? 1, Int(v, x)) } },
        ["teacher_forcing"] = (c, v, x) => c with { Map = c.Map with { TeacherForcing = TeacherForcing(v, x) } },
        ["wet_threshold"] = (c, v, x) => c with { Map = c.Map with { WetThreshold = Number(v, x) } },
        ["stop_metric"] = (c, v, x) => c with
        {
            Map = c.Map with
            {
                StopMetric = OneOf(v, x, "wet_rmse", "csi", "loss") switch { "wet_rmse" => MapStopMetric.WetRmse, "csi" => MapStopMetric.Csi, _ => MapStopMetric.Loss },
            },
        },
        ["wet_dry_weight"] = (c, v, x) => c with { Map = c.Map with { WetDryWeight = Number(v, x) } },
        ["wet_cell_weight"] = (c, v, x) => c with { Map = c.Map with { WetCellWeight = Number(v, x) } },
        ["wet_positive_weight"] = (c, v, x) => c with { Map = c.Map with { WetPositiveWeight = Number(v, x) } },
        ["mirror_rows"] = (c, v, x) => c with { Map = c.Map with { MirrorRows = Bool(v, x) } },
        ["evaluation_batch_size"] = (c, v, x) => c with { Map = c.Map with { EvaluationBatchSize = Int(v, x) } },
        ["time_limit_minutes"] = (c, v, x) => c with { Map = c.Map with { TimeLimit = IsNull(v) ? null : TimeSpan.FromMinutes(Number(v, x)) } },
    };

    private static readonly Dictionary<string, Dictionary<string, Setter>> Sections = new()
    {
        ["data"] = DataKeys,
        ["model"] = ModelKeys,
        ["training"] = TrainingKeys,
        ["map"] = MapKeys,
    };

    // config_folder: where relative paths resolve (hw surrogate train writes it into the run folder's copy of the config).
    private static readonly string[] TopLevelKeys = ["run_folder", "data", "model", "training", "map", "config_folder"];

    /// <summary>The name of the config copy a run folder keeps (what <c>hw surrogate evaluate</c> reads).</summary>
    public const string RunFolderCopy = "map_run.yml";

    /// <summary>Reads <paramref name="path"/>; relative paths in it (run_folder, data folders) are relative to the file.</summary>
    public static MapRunConfig Read(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"map-run config {path} not found", path);
        var (config, configFolder) = ParseWithFolder(File.ReadAllText(path), path);
        var folder = configFolder ?? Path.GetDirectoryName(Path.GetFullPath(path))!;
        return config with
        {
            RunFolder = Path.GetFullPath(config.RunFolder, folder),
            Data = config.Data with
            {
                Folder = config.Data.Folder == "default" ? "default" : Path.GetFullPath(config.Data.Folder, folder),
                ExtraTrainFolders = config.Data.ExtraTrainFolders.Select(f => Path.GetFullPath(f, folder)).ToArray(),
            },
        };
    }

    /// <summary>Parses YAML text; <paramref name="file"/> names it in errors. Paths stay as written.</summary>
    public static MapRunConfig Parse(string yaml, string file = "config") => ParseWithFolder(yaml, file).Config;

    private static (MapRunConfig Config, string? ConfigFolder) ParseWithFolder(string yaml, string file)
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
            throw new FormatException($"{file}: expected a mapping with run_folder, data, model, training and map");
        foreach (var key in root.Children.Keys) CheckKey(key, TopLevelKeys, "the top level", context);

        string? runFolder = root.Children.TryGetValue(new YamlScalarNode("run_folder"), out var folderNode) ? Text(folderNode, context) : null;
        if (runFolder is null) throw new FormatException($"{file}: the required key 'run_folder' is missing (where the run writes its files)");
        var configFolder = root.Children.TryGetValue(new YamlScalarNode("config_folder"), out var folderOfConfig) ? Text(folderOfConfig, context) : null;
        var config = new MapRunConfig { RunFolder = runFolder };
        foreach (var (sectionName, keys) in Sections)
        {
            if (!root.Children.TryGetValue(new YamlScalarNode(sectionName), out var section) || IsNull(section)) continue;
            if (section is not YamlMappingNode mapping) throw Error(section, context, $"'{sectionName}' must be a mapping of keys");
            foreach (var (key, value) in mapping.Children)
            {
                var name = CheckKey(key, keys.Keys, $"'{sectionName}'", context);
                config = keys[name](config, value, context);
            }
        }
        Check(() => config.Training.Validate(), "training", file);
        Check(() => config.Map.Validate(), "map", file);
        if (config.Data.Type == "dike_breach" && config.Data.StorageEstimate)
            throw new FormatException($"{file}: data: storage_estimate is for flume data sets (it needs the event's inflow, slope and roughness)");
        if (config.Data.Type == "dike_breach" && config.Data.CoarseSolver > 0)
            throw new FormatException($"{file}: data: coarse_solver is for flume data sets (it re-simulates the event from its parameters)");
        return (config, configFolder);
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
