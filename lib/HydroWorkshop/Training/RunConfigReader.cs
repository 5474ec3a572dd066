using HydroWorkshop.Common;
using HydroWorkshop.Data;
using YamlDotNet.RepresentationModel;
using static HydroWorkshop.Common.StrictYaml;
using static HydroWorkshop.Common.YamlNodes;

namespace HydroWorkshop.Training;

/// <summary>
/// Reads a run config from YAML with strict keys: an unknown key is rejected with the closest valid name, a
/// missing required key is named, and every error gives the file and line. Keys are documented in
/// docs/articles/models-and-training.md.
/// <code>
/// run_folder: out/runs/lstm-camels
/// preset: symfluence            # optional: start from the SYMFLUENCE defaults
/// data:   { source: default, seq_length: 365, train_period: [1999-10-01, 2008-09-30], ... }
/// model:  { type: lstm, hidden_size: 64, num_layers: 1, dropout: 0.0, attention: false }
/// training: { epochs: 30, batch_size: 256, learning_rate: 0.001, loss: nse, patience: 5 }
/// </code>
/// </summary>
public static partial class RunConfigReader
{
    private static readonly Dictionary<string, ConfigKey<RunConfig>> DataKeys = new()
    {
        ["source"] = new((c, v, x) => c with { Data = c.Data with { Source = Text(v, x) } }, c => Of(c.Data.Source),
            "default (real CAMELS-US when found, else synthetic), synthetic, or a CAMELS-US folder"),
        ["extra_attributes"] = new((c, v, x) => c with { Data = c.Data with { ExtraAttributes = List(v, x) } },
            c => List(c.Data.ExtraAttributes),
            "more CAMELS attribute folders for basins the source's attributes lack"),
        ["inputs"] = new((c, v, x) => c with { Data = c.Data with { Inputs = List(v, x) } }, c => List(c.Data.Inputs),
            "dynamic input variables (forcings)"),
        ["statics"] = new((c, v, x) => c with { Data = c.Data with { Statics = List(v, x) } }, c => List(c.Data.Statics),
            "static basin attributes"),
        ["targets"] = new((c, v, x) => c with { Data = c.Data with { Targets = List(v, x) } },
            c => c.Data.Targets is { } t ? List(t) : null,
            "target variables (default the source's discharge)"),
        ["basins"] = new((c, v, x) => c with { Data = BasinsOf(c.Data, v, x) },
            c => c.Data.BasinIds is { } ids ? List(ids) : c.Data.Basins is { } file ? Of(file) : null,
            "a list of basin ids, or a file with one id a line (default every basin of the source)"),
        ["train_period"] = new((c, v, x) => c with { Data = c.Data with { TrainPeriod = PeriodOf(v, x) } },
            c => c.Data.TrainPeriod is { } p ? PeriodNode(p) : null,
            "[start, end] (with validation_period and test_period; none: 60/20/20 % of the record)"),
        ["validation_period"] = new((c, v, x) => c with { Data = c.Data with { ValidationPeriod = PeriodOf(v, x) } },
            c => c.Data.ValidationPeriod is { } p ? PeriodNode(p) : null, "[start, end]"),
        ["test_period"] = new((c, v, x) => c with { Data = c.Data with { TestPeriod = PeriodOf(v, x) } },
            c => c.Data.TestPeriod is { } p ? PeriodNode(p) : null,
            "[start, end]"),
        ["seq_length"] = new((c, v, x) => c with { Data = c.Data with { SequenceLength = Int(v, x) } }, c => Of(c.Data.SequenceLength),
            "days of input the model sees per prediction"),
        ["predict_last_n"] = new((c, v, x) => c with { Data = c.Data with { PredictLastN = Int(v, x) } }, c => Of(c.Data.PredictLastN),
            "days at the end of each sequence that are scored"),
    };

    private static readonly Dictionary<string, ConfigKey<RunConfig>> ModelKeys = new()
    {
        ["type"] = new((c, v, x) => c with { Model = c.Model with { Type = OneOf(v, x, [.. RunModels.Types.Keys]) } },
            c => Of(c.Model.Type),
            $"the model: {string.Join("; ", RunModels.Types.Select(t => $"{t.Key} ({t.Value.Doc})"))}"),
        ["hidden_size"] = new((c, v, x) => c with { Model = c.Model with { HiddenSize = Int(v, x) } }, c => Of(c.Model.HiddenSize),
            "LSTM / EA-LSTM hidden units"),
        ["num_layers"] = new((c, v, x) => c with { Model = c.Model with { NumLayers = Int(v, x) } }, c => Of(c.Model.NumLayers),
            "stacked LSTM or transformer layers"),
        ["dropout"] = new((c, v, x) => c with { Model = c.Model with { Dropout = Number(v, x) } }, c => Of(c.Model.Dropout),
            "dropout probability"),
        ["initial_forget_bias"] = new((c, v, x) => c with { Model = c.Model with { InitialForgetBias = Number(v, x) } },
            c => Of(c.Model.InitialForgetBias),
            "the LSTM forget gate's starting bias"),
        ["attention"] = new((c, v, x) => c with { Model = c.Model with { Attention = Bool(v, x) } }, c => Of(c.Model.Attention),
            "lstm: attention over the hidden states"),
        ["d_model"] = new((c, v, x) => c with { Model = c.Model with { DModel = Int(v, x) } }, c => Of(c.Model.DModel),
            "transformer: embedding size"),
        ["heads"] = new((c, v, x) => c with { Model = c.Model with { Heads = Int(v, x) } }, c => Of(c.Model.Heads),
            "transformer: attention heads (divide d_model)"),
        ["feed_forward"] = new((c, v, x) => c with { Model = c.Model with { FeedForward = Int(v, x) } }, c => Of(c.Model.FeedForward),
            "transformer: feed-forward units"),
        ["pooling"] = new((c, v, x) => c with { Model = c.Model with { Pooling = OneOf(v, x, "last", "mean", "attention") } },
            c => Of(c.Model.Pooling),
            "transformer: last, mean or attention over the sequence"),
        ["learned_positions"] = new((c, v, x) => c with { Model = c.Model with { LearnedPositions = Bool(v, x) } },
            c => Of(c.Model.LearnedPositions),
            "transformer: learned instead of sinusoidal positions"),
        ["head"] = new((c, v, x) => c with { Model = c.Model with { Head = OneOf(v, x, "regression", "gaussian") } }, c => Of(c.Model.Head),
            "regression (a value per target) or gaussian (mean and variance, for loss gaussian_nll)"),
    };

    // The keys every config shares (TrainingConfigKeys) and the two only sequence runs have.
    private static readonly Dictionary<string, ConfigKey<RunConfig>> TrainingKeys =
        new(TrainingConfigKeys.Within<RunConfig>(c => c.Training, (c, t) => c with { Training = t }))
    {
        ["loss"] = new((c, v, x) => c with
        {
            Training = c.Training with
            {
                Loss = OneOf(v, x, "mse", "nse", "gaussian_nll") switch { "mse" => TrainingLoss.Mse, "nse" => TrainingLoss.Nse,
                    _ => TrainingLoss.GaussianNll },
            },
        }, c => Of(c.Training.Loss switch { TrainingLoss.Mse => "mse", TrainingLoss.Nse => "nse", _ => "gaussian_nll" }),
            "mse, nse (NSE*, every basin alike) or gaussian_nll (needs model head: gaussian)"),
        ["target_weights"] = new((c, v, x) => c with { Training = c.Training with { TargetWeights = IsNull(v) ? null : Numbers(v, x) } },
            c => c.Training.TargetWeights is { } w ? List(w) : Null, "one loss weight per target; null pools all targets"),
    };

    private static readonly Dictionary<string, ConfigKey<RunConfig>> FinetuneKeys = new()
    {
        ["pretrained"] = new((c, v, x) => c with { Finetune = (c.Finetune ?? new()) with { Pretrained = Text(v, x) } },
            c => c.Finetune?.Pretrained is { } p ? Of(p) : null, "the pretrained run folder (or hw finetune RUN_FOLDER)"),
        ["freeze"] = new((c, v, x) => c with { Finetune = (c.Finetune ?? new()) with { Freeze = List(v, x) } },
            c => List(c.Finetune?.Freeze ?? []),
            "parameter-name prefixes to freeze, e.g. [lstm]"),
    };

    private static readonly Dictionary<string, ConfigKey<RunConfig>> EnsembleKeys = new()
    {
        ["seeds"] = new((c, v, x) => c with { Ensemble = c.Ensemble with { Seeds = Int(v, x) } }, c => Of(c.Ensemble.Seeds),
            "N > 1 trains N runs with seeds seed, seed+1, ... into run_folder/seed-<seed>/"),
        ["mc_dropout"] = new((c, v, x) => c with { Ensemble = c.Ensemble with { McDropout = Int(v, x) } }, c => Of(c.Ensemble.McDropout),
            "MC-dropout samples at evaluation (0: off)"),
        ["quantiles"] = new((c, v, x) => Numbers(v, x) is [var lower, var upper]
            ? c with { Ensemble = c.Ensemble with { LowerQuantile = lower, UpperQuantile = upper } }
            : throw Error(v, x, "quantiles is [lower, upper], e.g. [0.05, 0.95]"),
            c => List(new[] { c.Ensemble.LowerQuantile, c.Ensemble.UpperQuantile }),
            "[lower, upper] quantiles of the band, e.g. [0.05, 0.95]"),
    };

    private static readonly ConfigSection<RunConfig>[] Sections =
    [
        new("data", DataKeys),
        new("model", ModelKeys),
        new("training", TrainingKeys),
        new("finetune", FinetuneKeys) { Presence = (c => c with { Finetune = c.Finetune ?? new() }, c => c.Finetune is not null) },
        new("ensemble", EnsembleKeys),
    ];

    private static readonly (string Key, string Doc)[] TopLevel =
    [
        ("run_folder", "where the run writes its files (required; relative to the config file)"),
        ("preset", "symfluence: start from the SYMFLUENCE LSTM guide's defaults"),
        ("data", "which data the run reads and how it samples it"),
        ("model", "the model"),
        ("training", "how it trains"),
        ("finetune", "start from a trained run's weights (hw finetune)"),
        ("ensemble", "several seeds, MC-dropout, the band's quantiles"),
        ("search", "a hyperparameter search (hw search): method, trials, metric, seed and the searched keys"),
        // Read from run folders made before run configs were written whole: where relative paths resolve.
        ("config_folder", "the folder relative paths resolve against (default the config file's)"),
    ];

    /// <summary>Reads <paramref name="path"/>; relative paths in it (run_folder, data source, basins) are relative to the file.</summary>
    public static RunConfig Read(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"run config {path} not found", path);
        var (config, configFolder) = ParseWithFolder(File.ReadAllText(path), path);
        var folder = configFolder ?? Path.GetDirectoryName(Path.GetFullPath(path))!;
        return config with
        {
            RunFolder = Path.GetFullPath(config.RunFolder, folder),
            Data = config.Data with
            {
                Basins = config.Data.Basins is { } b ? Path.GetFullPath(b, folder) : null,
                Source = config.Data.Source is "default" or "synthetic" ? config.Data.Source : Path.GetFullPath(config.Data.Source, folder),
                ExtraAttributes = config.Data.ExtraAttributes.Select(a => Path.GetFullPath(a, folder)).ToArray(),
            },
            Finetune = config.Finetune is { Pretrained: { } pretrained } finetune
                ? finetune with { Pretrained = Path.GetFullPath(pretrained, folder) } : config.Finetune,
        };
    }

    /// <summary>Parses YAML text; <paramref name="file"/> names it in errors. Paths stay as written.</summary>
    public static RunConfig Parse(string yaml, string file = "config") => ParseWithFolder(yaml, file).Config;

    private static (RunConfig Config, string? ConfigFolder) ParseWithFolder(string yaml, string file)
    {
        var context = new YamlContext(file);
        var root = StrictYamlSections.Load(yaml, context, TopLevel.Select(k => k.Key), "run_folder, data, model and training");
        var runFolder = StrictYamlSections.TopLevelText(root, "run_folder", context)
            ?? throw new FormatException($"{file}: the required key 'run_folder' is missing (where the run writes its files)");
        var configFolder = StrictYamlSections.TopLevelText(root, "config_folder", context);
        var config = new RunConfig { RunFolder = runFolder };
        if (root.Children.TryGetValue(new YamlScalarNode("preset"), out var preset))
        {
            _ = OneOf(preset, context, "symfluence");                  // the only preset so far
            config = RunConfig.Symfluence(runFolder);
        }
        config = StrictYamlSections.Apply(root, Sections, config, context);
        if (root.Children.TryGetValue(new YamlScalarNode("search"), out var search) && !IsNull(search))
            config = config with { Search = ParseSearch(search, config, context) };
        Validate(config, file);
        return (config, configFolder);
    }

    /// <summary>Checks the values of a config: what a read config passes, and what a search trial's must.</summary>
    /// <exception cref="FormatException">A bad value; the message names <paramref name="file"/> and the section.</exception>
    internal static void Validate(RunConfig config, string file)
    {
        StrictYamlSections.Check(config.Training.Validate, "training", file);
        StrictYamlSections.Check(config.Ensemble.Validate, "ensemble", file);
        if (config.Training.Loss == TrainingLoss.GaussianNll && config.Model.Head != "gaussian")
            throw new FormatException($"{file}: training: loss gaussian_nll needs model: head: gaussian (a mean and a variance to score)");
    }

    /// <summary>
    /// The config as YAML that <see cref="Read"/> reads back to an equal config: every key written out (no preset), paths
    /// as the record holds them (absolute once read from a file, so the text reads the same from any folder). What a run
    /// folder keeps as <see cref="RunFolderConfig.FileName"/>.
    /// </summary>
    public static string Write(RunConfig config)
    {
        IEnumerable<(string, YamlNode)> top = [("run_folder", Of(config.RunFolder))];
        var sections = StrictYamlSections.Write(config, Sections);
        if (config.Search is { } search) sections = sections.Append(("search", SearchNode(search)));
        return StrictYamlSections.Save("the run's config as it trained, every key explicit (hw evaluate, predict and finetune read it)",
            top, sections);
    }

    /// <summary>Every key a run config accepts, one a line with what it means (<c>hw config keys run</c>).</summary>
    public static string KeyHelp() =>
        StrictYamlSections.Help("run config (hw train, evaluate, finetune, predict, search):", TopLevel, Sections,
        [("search", SearchSettingsHelp.Concat([("<section.key>",
            $"values to try: [a, b, c] or {{min: a, max: b, log: true}}; searchable: {string.Join(", ", SearchableKeys)}")]))]);

    private static IReadOnlyList<double> Numbers(YamlNode node, YamlContext context) =>
        node is YamlSequenceNode sequence ? sequence.Children.Select(c => Number(c, context)).ToArray() : throw Error(node, context,
            "expected a list of numbers, e.g. [1.0, 0.5]");

    /// <summary><c>basins:</c> an inline list of ids (<c>[01031500]</c>: YAML keeps the leading zero of a scalar's text)
    /// or the path of a file with one id per line.</summary>
    private static DataConfig BasinsOf(DataConfig data, YamlNode node, YamlContext context)
    {
        const string Expected =
            "basins is a list of basin ids, e.g. [01031500, 01013500], or the path of a file with one id per line, e.g. train_basins.txt";
        if (IsNull(node)) return data with { Basins = null, BasinIds = null };
        switch (node)
        {
            case YamlSequenceNode sequence:
                if (sequence.Children.Count == 0) throw Error(node, context, $"the basins list is empty; {Expected}");
                var ids = sequence.Children.Select(c => c is YamlScalarNode { Value: { Length: > 0 } id } ? id.Trim()
                    : throw Error(c, context, $"a basin id is a single value; {Expected}")).ToArray();
                return data with { BasinIds = ids, Basins = null };
            case YamlScalarNode { Value: { Length: > 0 } path }:
                return data with { Basins = path, BasinIds = null };
            default:
                throw Error(node, context, $"a mapping is not a basin list; {Expected}");
        }
    }

    /// <summary>A period as <c>[start, end]</c> (ISO dates), as <see cref="PeriodOf"/> reads it.</summary>
    internal static YamlNode PeriodNode(Period period) =>
        YamlNodes.List([period.Start.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            period.End.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)]);

    internal static Period PeriodOf(YamlNode node, YamlContext context)
    {
        var parts = List(node, context);
        if (parts.Count != 2) throw Error(node, context, "a period is [start, end], e.g. [1999-10-01, 2008-09-30]");
        try
        {
            return Period.Parse(parts[0], parts[1]);
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            throw Error(node, context, e.Message);
        }
    }
}
