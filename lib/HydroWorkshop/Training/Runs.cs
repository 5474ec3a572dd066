using HydroWorkshop.Checkpoints;
using HydroWorkshop.Common;
using HydroWorkshop.Data;
using static TorchSharp.torch;

namespace HydroWorkshop.Training;

/// <summary>
/// A run from a <see cref="RunConfig"/>: the data sets, the model, training into the run folder, and evaluation
/// of a trained run folder on a period. What <c>hw train</c>, <c>hw evaluate</c>, <c>hw finetune</c>,
/// <c>hw predict</c> and <c>hw search</c> call, and a notebook can too.
/// </summary>
public static partial class Runs
{
    /// <summary>The run folder's copy of its config (<see cref="RunFolderConfig.FileName"/>).</summary>
    public const string ConfigFileName = RunFolderConfig.FileName;
    public const string NormalisationFileName = "normalisation.json";
    public const string BestModelFileName = "best_model.safetensors";

    /// <summary>The source the config names: "default", "synthetic", or a CAMELS-US folder.</summary>
    public static IBasinSource OpenSource(DataConfig data) => data.Source switch
    {
        "default" => CamelsData.OpenDefault(),
        "synthetic" => CamelsData.OpenSynthetic(),
        var path => CamelsUs.Open(path, extraAttributeFolders: data.ExtraAttributes),
    };

    /// <summary>Train, validation and test sets; normalisation fitted on train unless given (evaluation reuses the run's).</summary>
    public static (BasinDataSet Train, BasinDataSet Validation, BasinDataSet Test) LoadData(RunConfig config,
        Normalisation? normalisation = null)
    {
        var source = OpenSource(config.Data);
        var (train, validation, test) = Periods(config.Data, source);
        var options = Options(config, train, config.Data.BasinList());
        var trainSet = BasinDataSet.Create(source, options, normalisation);
        return (trainSet,
            BasinDataSet.Create(source, options with { Period = validation }, trainSet.Normalisation),
            BasinDataSet.Create(source, options with { Period = test }, trainSet.Normalisation));
    }

    private static BasinDataSetOptions Options(RunConfig config, Period period, IReadOnlyList<string>? basins) => new()
    {
        Inputs = config.Data.Inputs,
        Statics = config.Data.Statics,
        Targets = config.Data.Targets,
        Basins = basins,
        Period = period,
        SequenceLength = config.Data.SequenceLength,
        PredictLastN = config.Data.PredictLastN,
        ConcatenateStatics = config.Model.Type != "ealstm",
    };

    /// <summary>The model the config describes (<see cref="RunModels"/>), sized for <paramref name="data"/>.</summary>
    public static nn.Module BuildModel(ModelConfig model, BasinDataSet data, ulong seed)
    {
        manual_seed((long)(seed));
        return RunModels.Types.TryGetValue(model.Type, out var type) ? type.Build(model, data)
            : throw new ArgumentException($"unknown model type '{model.Type}' ({string.Join(", ", RunModels.Types.Keys)})");
    }

    /// <summary>
    /// Trains the run the config at <paramref name="configPath"/> describes
    /// (<see cref="Train(RunConfig, bool, Action{string}?, int?, CancellationToken?)"/>).
    /// </summary>
    public static TrainingResult Train(string configPath, bool resume = false, Action<string>? log = null, int? seeds = null,
        CancellationToken? cancellationToken = null) =>
        Train(RunConfigReader.Read(configPath), resume, log, seeds, cancellationToken);

    /// <summary>
    /// Trains the run <paramref name="config"/> describes into its run folder, which keeps the config as
    /// <see cref="ConfigFileName"/>. A config with <c>ensemble: {seeds: N}</c> (or <paramref name="seeds"/> &gt; 1) trains
    /// the N members (<see cref="TrainEnsemble(RunConfig, int?, bool, Action{string}?)"/>) and returns the last one's result
    /// with the ensemble folder; one with a <c>finetune:</c> section fine-tunes
    /// (<see cref="Finetune(RunConfig, string?, bool, Action{string}?)"/>).
    /// </summary>
    public static TrainingResult Train(RunConfig config, bool resume = false, Action<string>? log = null, int? seeds = null,
        CancellationToken? cancellationToken = null)
    {
        if ((seeds ?? config.Ensemble.Seeds) > 1)
            return TrainEnsemble(config, seeds, resume, log)[^1] with { RunFolder = config.RunFolder };
        if (config.Finetune is not null) return Finetune(config, null, resume, log);
        log ??= Console.WriteLine;
        var (train, validation, _) = LoadData(config);
        log(train.Report.ToString());
        using var model = BuildModel(config.Model, train, config.Training.Seed);
        RunFolderConfig.Write(config.RunFolder, RunConfigReader.Write(config));
        return new Trainer(model, config.Training, config.RunFolder, log).Fit(train, validation, resume, cancellationToken);
    }

    /// <summary>A trained run folder's config (run folder set to where it now lies).</summary>
    public static RunConfig ReadRun(string runFolder)
    {
        var configPath = Path.Combine(runFolder, ConfigFileName);
        if (!File.Exists(configPath)) throw new FileNotFoundException($"{runFolder} is not a run folder: {ConfigFileName} is missing",
            configPath);
        return RunConfigReader.Read(configPath) with { RunFolder = Path.GetFullPath(runFolder) };
    }

    /// <summary>The model of a trained run, sized for <paramref name="data"/>, with its best weights.</summary>
    public static nn.Module LoadModel(string runFolder, RunConfig config, BasinDataSet data)
    {
        var weights = Path.Combine(runFolder, BestModelFileName);
        if (!File.Exists(weights)) throw new FileNotFoundException(
            $"{runFolder} has no {BestModelFileName}: the run has not finished an epoch", weights);
        var model = BuildModel(config.Model, data, config.Training.Seed);
        using (NewDisposeScope()) Checkpoint.LoadInto(weights, model.state_dict());
        return model;
    }

    private static (Period Train, Period Validation, Period Test) Periods(DataConfig data, IBasinSource source)
    {
        if (data.TrainPeriod is { } train && data.ValidationPeriod is { } validation && data.TestPeriod is { } test) return (train,
            validation, test);
        if (data.TrainPeriod is not null || data.ValidationPeriod is not null || data.TestPeriod is not null)
            throw new FormatException(
                "give all three of train_period, validation_period and test_period, or none (60/20/20 % of the record)");
        return CamelsData.DefaultPeriods(source);
    }
}
