using System.Globalization;
using HydroWorkshop.Data;
using YamlDotNet.RepresentationModel;
using HydroWorkshop.Common;
using static HydroWorkshop.Common.StrictYaml;

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
    private delegate RunConfig Setter(RunConfig config, YamlNode value, YamlContext context);

    private static readonly Dictionary<string, Setter> DataKeys = new()
    {
        ["source"] = (c, v, x) => c with { Data = c.Data with { Source = Text(v, x) } },
        ["extra_attributes"] = (c, v, x) => c with { Data = c.Data with { ExtraAttributes = List(v, x) } },
        ["inputs"] = (c, v, x) => c with { Data = c.Data with { Inputs = List(v, x) } },
        ["statics"] = (c, v, x) => c with { Data = c.Data with { Statics = List(v, x) } },
        ["targets"] = (c, v, x) => c with { Data = c.Data with { Targets = List(v, x) } },
        ["basins"] = (c, v, x) => c with { Data = BasinsOf(c.Data, v, x) },
        ["train_period"] = (c, v, x) => c with { Data = c.Data with { TrainPeriod = PeriodOf(v, x) } },
        ["validation_period"] = (c, v, x) => c with { Data = c.Data with { ValidationPeriod = PeriodOf(v, x) } },
        ["test_period"] = (c, v, x) => c with { Data = c.Data with { TestPeriod = PeriodOf(v, x) } },
        ["seq_length"] = (c, v, x) => c with { Data = c.Data with { SequenceLength = Int(v, x) } },
        ["predict_last_n"] = (c, v, x) => c with { Data = c.Data with { PredictLastN = Int(v, x) } },
    };

    private static readonly Dictionary<string, Setter> ModelKeys = new()
    {
        ["type"] = (c, v, x) => c with { Model = c.Model with { Type = OneOf(v, x, "lstm", "ealstm", "transformer") } },
        ["hidden_size"] = (c, v, x) => c with { Model = c.Model with { HiddenSize = Int(v, x) } },
        ["num_layers"] = (c, v, x) => c with { Model = c.Model with { NumLayers = Int(v, x) } },
        ["dropout"] = (c, v, x) => c with { Model = c.Model with { Dropout = Number(v, x) } },
        ["initial_forget_bias"] = (c, v, x) => c with { Model = c.Model with { InitialForgetBias = Number(v, x) } },
        ["attention"] = (c, v, x) => c with { Model = c.Model with { Attention = Bool(v, x) } },
        ["d_model"] = (c, v, x) => c with { Model = c.Model with { DModel = Int(v, x) } },
        ["heads"] = (c, v, x) => c with { Model = c.Model with { Heads = Int(v, x) } },
        ["feed_forward"] = (c, v, x) => c with { Model = c.Model with { FeedForward = Int(v, x) } },
        ["pooling"] = (c, v, x) => c with { Model = c.Model with { Pooling = OneOf(v, x, "last", "mean", "attention") } },
        ["learned_positions"] = (c, v, x) => c with { Model = c.Model with { LearnedPositions = Bool(v, x) } },
        ["head"] = (c, v, x) => c with { Model = c.Model with { Head = OneOf(v, x, "regression", "gaussian") } },
    };

    // The keys every config shares (TrainingConfigKeys) and the two only sequence runs have.
    private static readonly Dictionary<string, Setter> TrainingKeys = new(TrainingConfigKeys.Shared.Select(kv => KeyValuePair.Create(kv.Key, (Setter)((c, v, x) => c with { Training = kv.Value(c.Training, v, x) }))))
    {
        ["loss"] = (c, v, x) => c with
        {
            Training = c.Training with
            {
                Loss = OneOf(v, x, "mse", "nse", "gaussian_nll") switch { "mse" => TrainingLoss.Mse, "nse" => TrainingLoss.Nse, _ => TrainingLoss.GaussianNll },
            },
        },
        ["target_weights"] = (c, v, x) => c with { Training = c.Training with { TargetWeights = IsNull(v) ? null : Numbers(v, x) } },
    };

    private static readonly Dictionary<string, Setter> FinetuneKeys = new()
    {
        ["pretrained"] = (c, v, x) => c with { Finetune = (c.Finetune ?? new()) with { Pretrained = Text(v, x) } },
        ["freeze"] = (c, v, x) => c with { Finetune = (c.Finetune ?? new()) with { Freeze = List(v, x) } },
    };

    private static readonly Dictionary<string, Setter> EnsembleKeys = new()
    {
        ["seeds"] = (c, v, x) => c with { Ensemble = c.Ensemble with { Seeds = Int(v, x) } },
        ["mc_dropout"] = (c, v, x) => c with { Ensemble = c.Ensemble with { McDropout = Int(v, x) } },
        ["quantiles"] = (c, v, x) => Numbers(v, x) is [var lower, var upper]
            ? c with { Ensemble = c.Ensemble with { LowerQuantile = lower, UpperQuantile = upper } }
            : throw Error(v, x, "quantiles is [lower, upper], e.g. [0.05, 0.95]"),
    };

    private static readonly Dictionary<string, Dictionary<string, Setter>> Sections = new()
    {
        ["data"] = DataKeys,
        ["model"] = ModelKeys,
        ["training"] = TrainingKeys,
        ["finetune"] = FinetuneKeys,
        ["ensemble"] = EnsembleKeys,
    };

    // config_folder: where relative paths resolve (hw train writes it into the run folder's copy of the config).
    private static readonly string[] TopLevelKeys = ["run_folder", "preset", "data", "model", "training", "finetune", "ensemble", "search", "config_folder"];

    /// <summary>Reads <paramref name="path"/>; relative paths in it (run_folder, data source, basins) are relative to the file.</summary>
    public static RunConfig Read(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"run config {path} not found", path);
        var config = Parse(File.ReadAllText(path), path);
        var folder = config.ConfigFolder ?? Path.GetDirectoryName(Path.GetFullPath(path))!;
        return config with
        {
            RunFolder = Path.GetFullPath(config.RunFolder, folder),
            Data = config.Data with
            {
                Basins = config.Data.Basins is { } b ? Path.GetFullPath(b, folder) : null,
                Source = config.Data.Source is "default" or "synthetic" ? config.Data.Source : Path.GetFullPath(config.Data.Source, folder),
                ExtraAttributes = config.Data.ExtraAttributes.Select(a => Path.GetFullPath(a, folder)).ToArray(),
            },
            Finetune = config.Finetune is { Pretrained: { } pretrained } finetune ? finetune with { Pretrained = Path.GetFullPath(pretrained, folder) } : config.Finetune,
        };
    }

    /// <summary>Parses YAML text; <paramref name="file"/> names it in errors.</summary>
    public static RunConfig Parse(string yaml, string file = "config")
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
            throw new FormatException($"{file}: expected a mapping with run_folder, data, model and training");
        foreach (var key in root.Children.Keys) CheckKey(key, TopLevelKeys, "the top level", context);

        string? runFolder = root.Children.TryGetValue(new YamlScalarNode("run_folder"), out var folderNode) ? Text(folderNode, context) : null;
        if (runFolder is null) throw new FormatException($"{file}: the required key 'run_folder' is missing (where the run writes its files)");
        var configFolder = root.Children.TryGetValue(new YamlScalarNode("config_folder"), out var folderOfConfig) ? Text(folderOfConfig, context) : null;
        var config = new RunConfig { RunFolder = runFolder, ConfigFolder = configFolder };
        if (root.Children.TryGetValue(new YamlScalarNode("preset"), out var preset))
        {
            _ = OneOf(preset, context, "symfluence");                  // the only preset so far
            config = RunConfig.Symfluence(runFolder) with { ConfigFolder = configFolder };
        }
        foreach (var (sectionName, keys) in Sections)
        {
            if (!root.Children.TryGetValue(new YamlScalarNode(sectionName), out var section) || IsNull(section)) continue;
            if (section is not YamlMappingNode mapping) throw Error(section, context, $"'{sectionName}' must be a mapping of keys");
            if (sectionName == "finetune") config = config with { Finetune = config.Finetune ?? new() };
            foreach (var (key, value) in mapping.Children)
            {
                var name = CheckKey(key, keys.Keys, $"'{sectionName}'", context);
                config = keys[name](config, value, context);
            }
        }
        if (root.Children.TryGetValue(new YamlScalarNode("search"), out var search) && !IsNull(search))
            config = config with { Search = ParseSearch(search, config, context) };
        try
        {
            config.Training.Validate();
        }
        catch (ArgumentException e)
        {
            throw new FormatException($"{file}: training: {e.Message}", e);
        }
        try
        {
            config.Ensemble.Validate();
        }
        catch (ArgumentException e)
        {
            throw new FormatException($"{file}: ensemble: {e.Message}", e);
        }
        if (config.Training.Loss == TrainingLoss.GaussianNll && config.Model.Head != "gaussian")
            throw new FormatException($"{file}: training: loss gaussian_nll needs model: head: gaussian (a mean and a variance to score)");
        return config;
    }

    private static IReadOnlyList<double> Numbers(YamlNode node, YamlContext context) =>
        node is YamlSequenceNode sequence ? sequence.Children.Select(c => Number(c, context)).ToArray() : throw Error(node, context, "expected a list of numbers, e.g. [1.0, 0.5]");

    /// <summary><c>basins:</c> an inline list of ids (<c>[01031500]</c>: YAML keeps the leading zero of a scalar's text)
    /// or the path of a file with one id per line.</summary>
    private static DataConfig BasinsOf(DataConfig data, YamlNode node, YamlContext context)
    {
        const string Expected = "basins is a list of basin ids, e.g. [01031500, 01013500], or the path of a file with one id per line, e.g. train_basins.txt";
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
