using HydroWorkshop.Common;
using HydroWorkshop.Training;
using static HydroWorkshop.Common.StrictYaml;
using static HydroWorkshop.Common.YamlNodes;

namespace HydroWorkshop.Surrogates;

/// <summary>
/// Reads a map-run config (<see cref="MapRunConfig"/>) from YAML with strict keys, in the style of
/// <see cref="RunConfigReader"/>: an unknown key is rejected with the closest valid name, a missing required key is
/// named, and every error gives the file and line; <see cref="Write"/> gives it back as YAML (the run folder's copy).
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
    private static readonly Dictionary<string, ConfigKey<MapRunConfig>> DataKeys = new()
    {
        ["type"] = new((c, v, x) => c with { Data = c.Data with { Type = OneOf(v, x, "flume", "dike_breach") } }, c => Of(c.Data.Type),
            "flume (a generated flume data set and its split) or dike_breach (the Bentivoglio et al. 2023 simulations, by id)"),
        ["folder"] = new((c, v, x) => c with { Data = c.Data with { Folder = Text(v, x) } }, c => Of(c.Data.Folder),
            "the data set's folder; default: out/flume-dataset, or the shared data folder for dike_breach"),
        ["extra_train_folders"] = new((c, v, x) => c with { Data = c.Data with { ExtraTrainFolders = List(v, x) } },
            c => List(c.Data.ExtraTrainFolders),
            "more data sets (same grid) whose every event trains"),
        ["storage_estimate"] = new((c, v, x) => c with { Data = c.Data with { StorageEstimate = Bool(v, x) } },
            c => Of(c.Data.StorageEstimate),
            "flume: the level-pool mean depth as a second forcing (physics-encoded)"),
        ["coarse_solver"] = new((c, v, x) => c with { Data = c.Data with { CoarseSolver = CoarseningFactor(v, x) } },
            c => Of(c.Data.CoarseSolver),
            "0, or a factor F: the event simulated on a grid F times coarser as an extra map (multi-fidelity)"),
        // [] is allowed here: a run may train on extra_train_folders alone.
        ["train_ids"] = new((c, v, x) => c with { Data = c.Data with { TrainIds = List(v, x).Count == 0 ? [] : Ids(v, x) } },
            c => List(c.Data.TrainIds),
            "dike_breach: training simulation ids and ranges, e.g. [1-20]"),
        ["validation_ids"] = new((c, v, x) => c with { Data = c.Data with { ValidationIds = Ids(v, x) } }, c => List(c.Data.ValidationIds),
            "dike_breach: validation simulation ids"),
        ["test_ids"] = new((c, v, x) => c with { Data = c.Data with { TestIds = Ids(v, x) } }, c => List(c.Data.TestIds),
            "dike_breach: test simulation ids"),
    };

    private static readonly Dictionary<string, ConfigKey<MapRunConfig>> ModelKeys = new()
    {
        ["type"] = new((c, v, x) => c with { Model = c.Model with { Type = OneOf(v, x, "cnnlstm", "convlstm_forecaster",
            "flood_stepper", "coarse_refiner", "one_pass") } }, c => Of(c.Model.Type),
            "cnnlstm (CNN encoder, LSTM, decoder), convlstm_forecaster (ConvLSTM on the maps), flood_stepper (dike_breach), " +
            "coarse_refiner (corrects each frame of the coarse_solver run) or one_pass (dike_breach, a whole event in one pass)"),
        ["features"] = new((c, v, x) => c with { Model = c.Model with { Features = Positive(v, x) } }, c => Of(c.Model.Features),
            "feature channels of the CNN encoders"),
        ["latent"] = new((c, v, x) => c with { Model = c.Model with { Latent = Positive(v, x) } }, c => Of(c.Model.Latent),
            "cnnlstm: the per-frame latent vector size"),
        ["hidden_size"] = new((c, v, x) => c with { Model = c.Model with { HiddenSize = Positive(v, x) } }, c => Of(c.Model.HiddenSize),
            "cnnlstm: LSTM hidden size"),
        ["hidden_channels"] = new((c, v, x) => c with { Model = c.Model with { HiddenChannels = Positive(v, x) } },
            c => Of(c.Model.HiddenChannels),
            "convlstm_forecaster: ConvLSTM hidden channels"),
        ["num_layers"] = new((c, v, x) => c with { Model = c.Model with { NumLayers = Positive(v, x) } }, c => Of(c.Model.NumLayers),
            "convlstm_forecaster: layers"),
        ["kernel_size"] = new((c, v, x) => c with { Model = c.Model with { KernelSize = Positive(v, x) } }, c => Of(c.Model.KernelSize),
            "convlstm_forecaster: kernel size (cells)"),
        ["peephole"] = new((c, v, x) => c with { Model = c.Model with { Peephole = Bool(v, x) } }, c => Of(c.Model.Peephole),
            "convlstm_forecaster: peephole connections"),
        ["width"] = new((c, v, x) => c with { Model = c.Model with { Width = Positive(v, x) } }, c => Of(c.Model.Width),
            "flood_stepper, coarse_refiner, one_pass: channels at half resolution"),
    };

    private static readonly Dictionary<string, ConfigKey<MapRunConfig>> MapKeys = new()
    {
        ["warmup_frames"] = new((c, v, x) => c with { Map = c.Map with { WarmupFrames = Int(v, x) } }, c => Of(c.Map.WarmupFrames),
            "observed frames the model starts from"),
        ["window_frames"] = new((c, v, x) => c with { Map = c.Map with { WindowFrames = Int(v, x) } }, c => Of(c.Map.WindowFrames),
            "frames per training window (0: whole events)"),
        ["windows_per_event"] = new((c, v, x) => c with { Map = c.Map with { WindowsPerEvent = Int(v, x) } },
            c => Of(c.Map.WindowsPerEvent),
            "training windows drawn from each event per epoch"),
        ["curriculum_start_steps"] = new((c, v, x) => c with { Map = c.Map with { Curriculum = new(Int(v, x),
            c.Map.Curriculum?.EpochsPerDoubling ?? RolloutCurriculum.DefaultEpochsPerDoubling) } },
            c => c.Map.Curriculum is { } k ? Of(k.StartSteps) : null, "rollout curriculum: predicted steps at the start"),
        ["curriculum_epochs_per_doubling"] = new((c, v, x) => c with { Map = c.Map with { Curriculum = new(c.Map.Curriculum?.StartSteps
            ?? 1, Int(v, x)) } },
            c => c.Map.Curriculum is { } k ? Of(k.EpochsPerDoubling) : null, "rollout curriculum: epochs until the steps double"),
        ["teacher_forcing"] = new((c, v, x) => c with { Map = c.Map with { TeacherForcing = TeacherForcing(v, x) } },
            c => TeacherForcingNode(c.Map.TeacherForcing),
            "none or {start: 1.0, end: 0.0, decay_epochs: 10, decay: linear | inverse_sigmoid}"),
        ["wet_threshold"] = new((c, v, x) => c with { Map = c.Map with { WetThreshold = Number(v, x) } }, c => Of(c.Map.WetThreshold),
            "depth (m) above which a cell is wet"),
        ["stop_metric"] = new((c, v, x) => c with
        {
            Map = c.Map with
            {
                StopMetric = OneOf(v, x, "wet_rmse", "csi", "loss") switch { "wet_rmse" => MapStopMetric.WetRmse,
                    "csi" => MapStopMetric.Csi, _ => MapStopMetric.Loss },
            },
        }, c => Of(c.Map.StopMetric switch { MapStopMetric.WetRmse => "wet_rmse", MapStopMetric.Csi => "csi", _ => "loss" }),
            "wet_rmse, csi or loss: what keeps the best weights and stops early"),
        ["wet_dry_weight"] = new((c, v, x) => c with { Map = c.Map with { WetDryWeight = Number(v, x) } }, c => Of(c.Map.WetDryWeight),
            "weight of the wet/dry loss"),
        ["wet_cell_weight"] = new((c, v, x) => c with { Map = c.Map with { WetCellWeight = Number(v, x) } }, c => Of(c.Map.WetCellWeight),
            "depth-loss weight of wet cells"),
        ["wet_positive_weight"] = new((c, v, x) => c with { Map = c.Map with { WetPositiveWeight = Number(v, x) } },
            c => Of(c.Map.WetPositiveWeight),
            "weight of wet cells in the wet/dry loss"),
        ["mirror_rows"] = new((c, v, x) => c with { Map = c.Map with { MirrorRows = Bool(v, x) } }, c => Of(c.Map.MirrorRows),
            "augment with events mirrored across rows"),
        ["evaluation_batch_size"] = new((c, v, x) => c with { Map = c.Map with { EvaluationBatchSize = Int(v, x) } },
            c => Of(c.Map.EvaluationBatchSize),
            "events per evaluation batch"),
        ["time_limit_minutes"] = new((c, v, x) => c with { Map = c.Map with { TimeLimit = IsNull(v) ? null
            : TimeSpan.FromMinutes(Number(v, x)) } },
            c => OfOptional(c.Map.TimeLimit?.TotalMinutes), "stop training after this many minutes; null for none"),
    };

    private static readonly ConfigSection<MapRunConfig>[] Sections =
    [
        new("data", DataKeys),
        new("model", ModelKeys),
        new("training", TrainingConfigKeys.Within<MapRunConfig>(c => c.Training, (c, t) => c with { Training = t })),
        new("map", MapKeys),
    ];

    private static readonly (string Key, string Doc)[] TopLevel =
    [
        ("run_folder", "where the run writes its files (required; relative to the config file)"),
        ("data", "where the events come from"),
        ("model", "the map model"),
        ("training", "how it trains (the keys every config shares)"),
        ("map", "warm-up, windows, teacher forcing, wet threshold, loss weights, augmentation, time limit"),
        // Read from run folders made before run configs were written whole: where relative paths resolve.
        ("config_folder", "the folder relative paths resolve against (default the config file's)"),
    ];

    /// <summary>The name of the config copy run folders made before had (now <see cref="RunFolderConfig.FileName"/>).</summary>
    internal const string EarlierRunFolderCopy = "map_run.yml";

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

    /// <summary>The config as YAML that <see cref="Read"/> reads back to an equal config: every key written out, paths as
    /// the record holds them (absolute once read from a file). What a run folder keeps as <see cref="RunFolderConfig.FileName"/>.</summary>
    public static string Write(MapRunConfig config) =>
        StrictYamlSections.Save("the map run's config as it trained, every key explicit (hw surrogate evaluate reads it)",
            [("run_folder", Of(config.RunFolder))], StrictYamlSections.Write(config, Sections));

    /// <summary>Every key a map-run config accepts, one a line with what it means (<c>hw config keys map</c>).</summary>
    public static string KeyHelp() =>
        StrictYamlSections.Help("map-run config (hw surrogate train, hw surrogate evaluate):", TopLevel, Sections);

    private static (MapRunConfig Config, string? ConfigFolder) ParseWithFolder(string yaml, string file)
    {
        var context = new YamlContext(file);
        var root = StrictYamlSections.Load(yaml, context, TopLevel.Select(k => k.Key), "run_folder, data, model, training and map");
        var runFolder = StrictYamlSections.TopLevelText(root, "run_folder", context)
            ?? throw new FormatException($"{file}: the required key 'run_folder' is missing (where the run writes its files)");
        var configFolder = StrictYamlSections.TopLevelText(root, "config_folder", context);
        var config = StrictYamlSections.Apply(root, Sections, new MapRunConfig { RunFolder = runFolder }, context);
        StrictYamlSections.Check(config.Training.Validate, "training", file);
        StrictYamlSections.Check(config.Map.Validate, "map", file);
        if (config.Data.Type == "dike_breach" && config.Data.StorageEstimate)
            throw new FormatException(
                $"{file}: data: storage_estimate is for flume data sets (it needs the event's inflow, slope and roughness)");
        if (config.Model.Type == "one_pass" && (config.Map.WindowFrames > 0 || config.Map.Curriculum is not null))
            throw new FormatException(
                $"{file}: map: " + (config.Map.WindowFrames > 0 ? $"window_frames {config.Map.WindowFrames}" : "curriculum_start_steps") +
                ": one_pass predicts whole events (window_frames 0, the default, and no curriculum): it is built for the events' " +
                "frame count and has no steps to grow");
        // Each refined frame reads the coarse frame after it; a window's last frame has none inside the window (it would
        // read itself), so the refiner trains on whole events, as it is evaluated.
        if (config.Model.Type == "coarse_refiner" && (config.Map.WindowFrames > 0 || config.Map.Curriculum is not null))
            throw new FormatException(
                $"{file}: map: " + (config.Map.WindowFrames > 0 ? $"window_frames {config.Map.WindowFrames}" : "curriculum_start_steps") +
                ": coarse_refiner trains on whole events (window_frames 0, the default, and no curriculum): each frame reads the " +
                "coarse frame after it, which a window's last frame does not have");
        return (config, configFolder);
    }
}
