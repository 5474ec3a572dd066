using HydroWorkshop.Checkpoints;
using HydroWorkshop.Common;
using static TorchSharp.torch;

namespace HydroWorkshop.Surrogates.Gridded;

/// <summary>The outcome of <see cref="GriddedRuns.Train(GriddedRunConfig, Action{string}?, CancellationToken?)"/>: the training, the test
/// period's scores and the run folder.</summary>
public sealed record GriddedRunResult(GriddedTrainingResult Training, GriddedScores Test, string RunFolder);

/// <summary>
/// Gridded runs driven by a YAML config (<see cref="GriddedRunConfigReader"/>), what <c>hw gridded train CONFIG.yml</c>
/// and <c>hw gridded evaluate RUN_FOLDER</c> call: notebook 05's discharge-from-maps models and notebook 06's
/// climate → vegetation models, trained with <see cref="GriddedTrainer"/> into a run folder that keeps a copy of the
/// config (<c>run_config.yml</c>), the scales and the best weights, so the run can be scored from its folder alone.
/// </summary>
public static class GriddedRuns
{
    /// <summary>Written into the run folder at training: which Rhine–Meuse set it was trained on
    /// (<see cref="HydroWorkshop.Data.Grids.RhineMeuse.Source"/>, then its description).</summary>
    public const string DataSetFile = "data_set.txt";

    /// <summary>Trains the run <paramref name="configPath"/> describes, then scores it on the test period.</summary>
    public static GriddedRunResult Train(string configPath, Action<string>? log = null, CancellationToken? cancellationToken = null) =>
        Train(GriddedRunConfigReader.Read(configPath), log, cancellationToken);

    /// <summary>Trains the run <paramref name="config"/> describes into its run folder (which keeps the config as
    /// <see cref="RunFolderConfig.FileName"/>), then scores it on the test period.</summary>
    public static GriddedRunResult Train(GriddedRunConfig config, Action<string>? log = null, CancellationToken? cancellationToken = null)
    {
        log ??= Console.WriteLine;
        RunFolderConfig.Write(config.RunFolder, GriddedRunConfigReader.Write(config));
        var experiment = GriddedExperiment.Open(config, training: true);
        log($"data: {experiment.DataDescription}");
        AtomicFile.WriteAllText(Path.Combine(config.RunFolder, DataSetFile), $"{experiment.DataSource}\n{experiment.DataDescription}\n");
        using var data = experiment.TrainingData();
        log($"gridded run {config.RunFolder}: {config.Model.Type} on {config.Data.Type}, {data.Channels.size(1)} channels " +
            $"({string.Join(", ", data.ChannelNames)}), {data.TargetNames.Count} targets, train {config.Data.TrainPeriod}, validation {config.Data.ValidationPeriod}");
        manual_seed((long)config.Training.Seed);
        using var model = experiment.BuildModel(data);
        var fit = new GriddedTrainer(model, config.Training, config.Windows, config.RunFolder, log)
            .Fit(data, config.Data.TrainPeriod, config.Data.ValidationPeriod, cancellationToken);
        var scores = experiment.Score(model, data, "test", config.Data.TestPeriod);
        log(scores.Summary());
        return new GriddedRunResult(fit, scores, config.RunFolder);
    }

    /// <summary>Scores a trained run (its folder's <c>run_config.yml</c>, <c>normalisation.json</c> and best weights) on
    /// <paramref name="period"/> (test, validation or train), writing <c>RUN_FOLDER/evaluation/&lt;period&gt;/</c>.</summary>
    public static GriddedScores Evaluate(string runFolder, string period = "test", Action<string>? log = null)
    {
        log ??= Console.WriteLine;
        var copy = RunFolderConfig.Require(runFolder, "gridded run", "hw gridded train", GriddedRunConfigReader.EarlierRunFolderCopy);
        var config = GriddedRunConfigReader.Read(copy) with { RunFolder = Path.GetFullPath(runFolder) };
        var weights = Path.Combine(config.RunFolder, "best_model.safetensors");
        var scalesFile = Path.Combine(config.RunFolder, "normalisation.json");
        foreach (var file in new[] { weights, scalesFile })
            if (!File.Exists(file)) throw new FileNotFoundException(
                $"{runFolder}: {Path.GetFileName(file)} is missing (the run has not finished a validated epoch)", file);
        var dates = period switch
        {
            "test" => config.Data.TestPeriod,
            "validation" => config.Data.ValidationPeriod,
            "train" => config.Data.TrainPeriod,
            _ => throw new ArgumentException($"period '{period}' is not one of test, validation, train", nameof(period)),
        };
        var experiment = GriddedExperiment.Open(config, training: false);
        log($"data: {experiment.DataDescription}");
        var scales = HydroWorkshop.Data.Normalisation.Load(scalesFile);
        using var data = experiment.TrainingData(scales);
        using var model = experiment.BuildModel(data);
        Checkpoint.LoadInto(weights, model.state_dict());
        var scores = experiment.Score(model, data, period, dates);
        log(scores.Summary());
        return scores;
    }
}
