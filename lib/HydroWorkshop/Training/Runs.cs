using HydroWorkshop.Data;
using HydroWorkshop.Evaluation;
using HydroWorkshop.Models;
using HydroWorkshop.Torch.Checkpoints;
using HydroWorkshop.Torch.Modules;
using static HydroWorkshop.Torch.torch;

namespace HydroWorkshop.Training;

/// <summary>
/// A run from a <see cref="RunConfig"/>: the data sets, the model, training into the run folder, and evaluation
/// of a trained run folder on a period. What <c>hw train</c> and <c>hw evaluate</c> call, and a notebook can too.
/// </summary>
public static class Runs
{
    public const string ConfigFileName = "run_config.yml";

    /// <summary>The source the config names: "default", "synthetic", or a CAMELS-US folder.</summary>
    public static IBasinSource OpenSource(DataConfig data) => data.Source switch
    {
        "default" => CamelsData.OpenDefault(),
        "synthetic" => CamelsData.OpenSynthetic(),
        var path => CamelsUs.Open(path, extraAttributeFolders: data.ExtraAttributes),
    };

    /// <summary>Train, validation and test sets; normalisation fitted on train unless given (evaluation reuses the run's).</summary>
    public static (BasinDataSet Train, BasinDataSet Validation, BasinDataSet Test) LoadData(RunConfig config, Normalisation? normalisation = null)
    {
        var source = OpenSource(config.Data);
        var (train, validation, test) = Periods(config.Data, source);
        var options = new BasinDataSetOptions
        {
            Inputs = config.Data.Inputs,
            Statics = config.Data.Statics,
            Targets = config.Data.Targets,
            Basins = config.Data.Basins is { } file ? BasinLists.Read(file) : null,
            Period = train,
            SequenceLength = config.Data.SequenceLength,
            PredictLastN = config.Data.PredictLastN,
            ConcatenateStatics = config.Model.Type != "ealstm",
        };
        var trainSet = BasinDataSet.Create(source, options, normalisation);
        return (trainSet,
            BasinDataSet.Create(source, options with { Period = validation }, trainSet.Normalisation),
            BasinDataSet.Create(source, options with { Period = test }, trainSet.Normalisation));
    }

    /// <summary>The model the config describes, sized for <paramref name="data"/>.</summary>
    public static Module BuildModel(ModelConfig model, BasinDataSet data, ulong seed)
    {
        manual_seed(seed);
        var targets = data.TargetNames.Count;
        return model.Type switch
        {
            "ealstm" => new EaLstm(data.InputNames.Count, data.StaticNames.Count, model.HiddenSize, model.Dropout, targets, model.InitialForgetBias),
            "transformer" => new TransformerRegressor(data.InputFeatures, 0, data.SequenceLength, model.DModel, model.Heads, model.NumLayers,
                model.FeedForward, model.Dropout, targets, model.LearnedPositions,
                pooling: model.Pooling switch { "mean" => SequencePooling.Mean, "attention" => SequencePooling.Attention, _ => SequencePooling.Last }),
            _ => new LstmRegressor(data.InputFeatures, 0, model.HiddenSize, model.NumLayers, model.Dropout, targets, model.InitialForgetBias, model.Attention),
        };
    }

    /// <summary>Trains the run the config at <paramref name="configPath"/> describes (copying the config into the run folder).</summary>
    public static TrainingResult Train(string configPath, bool resume = false, Action<string>? log = null)
    {
        var config = RunConfigReader.Read(configPath);
        log ??= Console.WriteLine;
        var (train, validation, _) = LoadData(config);
        log(train.Report.ToString());
        using var model = BuildModel(config.Model, train, config.Training.Seed);
        Directory.CreateDirectory(config.RunFolder);
        var copy = Path.Combine(config.RunFolder, ConfigFileName);
        if (Path.GetFullPath(copy) != Path.GetFullPath(configPath))
        {
            // The copy keeps the user's text; config_folder makes its relative paths resolve as the original's did.
            var text = File.ReadAllText(configPath).Replace("\r\n", "\n").TrimEnd('\n');
            if (config.ConfigFolder is null) text += $"\nconfig_folder: {Path.GetDirectoryName(Path.GetFullPath(configPath))}";
            AtomicFile.WriteAllText(copy, text + "\n");
        }
        return new Trainer(model, config.Training, config.RunFolder, log).Fit(train, validation, resume);
    }

    /// <summary>
    /// Evaluates a trained run folder on "test", "validation" or "train": its best weights, its normalisation,
    /// predictions and metrics written to <c>evaluation/&lt;period&gt;/</c>. Returns the per-basin predictions.
    /// </summary>
    public static IReadOnlyList<BasinPredictions> Evaluate(string runFolder, string period = "test", Action<string>? log = null)
    {
        log ??= Console.WriteLine;
        var configPath = Path.Combine(runFolder, ConfigFileName);
        if (!File.Exists(configPath)) throw new FileNotFoundException($"{runFolder} is not a run folder: {ConfigFileName} is missing", configPath);
        var config = RunConfigReader.Read(configPath) with { RunFolder = runFolder };
        var normalisation = Normalisation.Load(Path.Combine(runFolder, "normalisation.json"));
        var (train, validation, test) = LoadData(config, normalisation);
        var data = period switch
        {
            "test" => test,
            "validation" => validation,
            "train" => train,
            _ => throw new ArgumentException($"period '{period}' is not one of test, validation, train", nameof(period)),
        };
        using var model = BuildModel(config.Model, train, config.Training.Seed);
        using (NewDisposeScope()) Checkpoint.LoadInto(Path.Combine(runFolder, "best_model.safetensors"), model.state_dict());
        var predictions = BasinEvaluation.Predict(model, data);
        var folder = Path.Combine(runFolder, "evaluation", period);
        BasinEvaluation.Write(folder, predictions);
        log(BasinEvaluation.SummaryTable(predictions));
        log($"predictions and metrics in {folder}");
        return predictions;
    }

    private static (Period Train, Period Validation, Period Test) Periods(DataConfig data, IBasinSource source)
    {
        if (data.TrainPeriod is { } train && data.ValidationPeriod is { } validation && data.TestPeriod is { } test) return (train, validation, test);
        if (data.TrainPeriod is not null || data.ValidationPeriod is not null || data.TestPeriod is not null)
            throw new FormatException("give all three of train_period, validation_period and test_period, or none (60/20/20 % of the record)");
        return CamelsData.DefaultPeriods(source);
    }
}
