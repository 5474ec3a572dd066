using System.Globalization;
using HydroWorkshop.Common;
using HydroWorkshop.FloodData;
using HydroWorkshop.Models.Maps;
using static TorchSharp.torch;

namespace HydroWorkshop.Surrogates;

/// <summary>The events of a map run: training, validation and test sets.</summary>
public sealed record MapRunData(MapSequences Train, MapSequences Validation, MapSequences Test);

/// <summary>The outcome of <see cref="MapRuns.Train(MapRunConfig, Action{string}?, CancellationToken?, bool)"/>: the training result and
/// the test events' scores.</summary>
public sealed record MapRunResult(MapTrainingResult Training, IReadOnlyList<MapEventScores> Test, string RunFolder);

/// <summary>
/// Map runs driven by a YAML config (<see cref="MapRunConfigReader"/>), what <c>hw surrogate train CONFIG.yml</c> and
/// <c>hw surrogate evaluate RUN_FOLDER</c> call: build the data and model the config names, train with
/// <see cref="MapTrainer"/> into the run folder (which keeps the config, <c>run_config.yml</c>, so that the run
/// can be evaluated from its folder alone) and score the test events into <c>RUN_FOLDER/evaluation/test/</c>;
/// <see cref="EvaluateOn"/> scores a dike-breach run on another folder's simulations beside the baselines.
/// </summary>
public static partial class MapRuns
{
    /// <summary>Trains the run <paramref name="configPath"/> describes, then evaluates it on the test events. With
    /// <paramref name="resume"/> a stopped run goes on from its folder's last checkpoint.</summary>
    public static MapRunResult Train(string configPath, Action<string>? log = null, CancellationToken? cancellationToken = null,
        bool resume = false) =>
        Train(MapRunConfigReader.Read(configPath), log, cancellationToken, resume);

    /// <summary>Trains the run <paramref name="config"/> describes into its run folder (which keeps the config as
    /// <see cref="RunFolderConfig.FileName"/>), then evaluates it on the test events.</summary>
    public static MapRunResult Train(MapRunConfig config, Action<string>? log = null, CancellationToken? cancellationToken = null,
        bool resume = false)
    {
        log ??= Console.WriteLine;
        var data = LoadData(config.Data);
        log(
            $"map run {config.RunFolder}: {config.Model.Type}, {data.Train.Count} training, {data.Validation.Count} validation, {data.Test.Count} test events " +
            $"of {data.Train.Frames} frames on {data.Train.Rows} x {data.Train.Columns} cells");
        manual_seed((long)(config.Training.Seed));
        using var model = BuildModel(config.Model, data.Train.Inputs, config.Map.WarmupFrames,
            depthFromExtraMap: config.Data.CoarseSolver > 0, data: data.Train);
        RunFolderConfig.Write(config.RunFolder, MapRunConfigReader.Write(config));
        var trainer = new MapTrainer(model, config.Training, config.Map, config.RunFolder, log);
        var fit = trainer.Fit(data.Train, data.Validation, cancellationToken, resume);
        var scores = trainer.Evaluate(data.Test, Path.Combine(config.RunFolder, "evaluation", "test"));
        log(Summary("test", scores));
        return new MapRunResult(fit, scores, config.RunFolder);
    }

    /// <summary>Scores a trained run (its folder's <c>run_config.yml</c>, scales and best weights) on the events of
    /// <paramref name="split"/> (test, validation or train), writing <c>RUN_FOLDER/evaluation/&lt;split&gt;/</c>.</summary>
    public static IReadOnlyList<MapEventScores> Evaluate(string runFolder, string split = "test", Action<string>? log = null)
    {
        log ??= Console.WriteLine;
        var config = ReadRunCopy(runFolder);
        var data = LoadData(config.Data);
        var events = split switch
        {
            "test" => data.Test,
            "validation" => data.Validation,
            "train" => data.Train,
            _ => throw new ArgumentException($"split '{split}' is not one of test, validation, train", nameof(split)),
        };
        using var model = BuildModel(config.Model, data.Train.Inputs, config.Map.WarmupFrames,
            depthFromExtraMap: config.Data.CoarseSolver > 0, data: data.Train);
        var trainer = new MapTrainer(model, config.Training, config.Map, config.RunFolder, log);
        trainer.Load();
        var scores = trainer.Evaluate(events, Path.Combine(config.RunFolder, "evaluation", split));
        log(Summary(split, scores));
        return scores;
    }

    /// <summary>The model <paramref name="model"/> describes, for <paramref name="inputs"/>; with
    /// <paramref name="depthFromExtraMap"/> (a coarse solver's depth as the extra map) the CNN–LSTM starts each frame from it
    /// (the coarse refiner needs it).
    /// The flood stepper finds its breach map and inflow among <paramref name="data"/>'s channel names (dike-breach data).</summary>
    public static nn.Module BuildModel(MapModelConfig model, MapInputs inputs, int warmupFrames, bool depthFromExtraMap = false,
        MapSequences? data = null) => model.Type switch
    {
        "cnnlstm" => new CnnLstm(inputs, warmupFrames, model.Features, model.Latent, model.HiddenSize, depthFromExtraMap),
        "convlstm_forecaster" => new ConvLstmForecaster(inputs, model.Features, model.HiddenChannels, model.NumLayers, model.KernelSize,
            model.Peephole),
        "flood_stepper" => BuildFloodStepper(model, inputs, data ?? throw new ArgumentException(
            "flood_stepper is built for a data set: pass its events", nameof(data))),
        "coarse_refiner" => depthFromExtraMap ? new CoarseRefiner(inputs, model.Width)
            : throw new ArgumentException("coarse_refiner refines a coarse simulation: set data: coarse_solver (e.g. 2)"),
        "one_pass" => BuildOnePass(model, inputs, data ?? throw new ArgumentException(
            "one_pass is built for a data set: pass its events", nameof(data))),
        _ => throw new ArgumentException(
            $"unknown map model type '{model.Type}' (cnnlstm, convlstm_forecaster, flood_stepper, coarse_refiner, one_pass)"),
    };

    private static FloodStepper BuildFloodStepper(MapModelConfig model, MapInputs inputs, MapSequences data)
    {
        var (breach, inflow) = BreachChannels(model, data);
        return new FloodStepper(inputs, breach, inflow, DikeBreachDataSet.StepSeconds,
            DikeBreachDataSet.CellSize * DikeBreachDataSet.CellSize, model.Width);
    }

    private static OnePassFlood BuildOnePass(MapModelConfig model, MapInputs inputs, MapSequences data)
    {
        var (breach, inflow) = BreachChannels(model, data);
        return new OnePassFlood(inputs, breach, inflow, DikeBreachDataSet.StepSeconds,
            DikeBreachDataSet.CellSize * DikeBreachDataSet.CellSize, data.Frames, model.Width);
    }

    /// <summary>Where a breach model finds its breach map among the statics (after bed and obstacle) and its inflow among
    /// the forcings of <paramref name="data"/>.</summary>
    private static (int BreachStatic, int InflowForcing) BreachChannels(MapModelConfig model, MapSequences data)
    {
        var breach = data.MoreStaticNames.ToList().IndexOf("breach");
        var inflow = data.ForcingNames.ToList().IndexOf("inflow_m3s");
        if (breach < 0 || inflow < 0)
            throw new ArgumentException($"{model.Type} needs a breach map and an inflow forcing: data type dike_breach");
        return (2 + breach, inflow);
    }

    /// <summary>The training, validation and test events <paramref name="data"/> describes.</summary>
    public static MapRunData LoadData(MapDataConfig data)
    {
        if (data.Type == "dike_breach")
        {
            var dike = DikeBreachDataSet.Open(DikeBreachFolder(data));
            // The multi-fidelity variant: each event's own coarse simulation as an extra map (tens of ms per event at F = 4).
            MapSequences Inputs(MapSequences events) => data.CoarseSolver > 0 ? BreachCoarseMaps.Add(events, data.CoarseSolver) : events;
            return new MapRunData(Inputs(DikeBreachTraining(data, dike)), Inputs(MapSequences.FromDikeBreach(dike, data.ValidationIds)),
                Inputs(MapSequences.FromDikeBreach(dike, data.TestIds)));
        }
        var flumeFolder = data.Folder != "default" ? data.Folder
            : Path.Combine(ProjectPaths.FindRepositoryRoot() ?? Directory.GetCurrentDirectory(), "out", "flume-dataset");
        if (!File.Exists(Path.Combine(flumeFolder, FlumeDataSetFormat.MetadataFile)))
            throw new FileNotFoundException(
                $"no flume data set in {flumeFolder} (make one with data-scripts/make-flume-dataset.sh --out {flumeFolder})");
        var flume = FlumeDataSet.Open(flumeFolder);
        if (data.CoarseSolver > 0 && (flume.Rows % data.CoarseSolver != 0 || flume.Columns % data.CoarseSolver != 0))
            throw new ArgumentException(
                $"data: coarse_solver {data.CoarseSolver}: the {flume.Columns} x {flume.Rows} cells of {flumeFolder} do not " +
                $"divide by it (factors that do: {string.Join(", ", Physics.FlumeCoarseSimulation.FactorsDividing(flume.Columns, flume.Rows))})");
        var train = MapSequences.FromFlume(flume, flume.Split("train"), data.StorageEstimate, data.CoarseSolver);
        foreach (var extraFolder in data.ExtraTrainFolders)
        {
            var extra = FlumeDataSet.Open(extraFolder);
            if (extra.Rows != flume.Rows || extra.Columns != flume.Columns || extra.Frames != flume.Frames)
                throw new InvalidDataException(
                    $"{extraFolder}: {extra.Frames} frames of {extra.Rows} x {extra.Columns} cells, but {flumeFolder} has {flume.Frames} of {flume.Rows} x {flume.Columns}");
            var more = MapSequences.FromFlume(extra, Enumerable.Range(0, extra.EventCount).ToArray(), data.StorageEstimate,
                data.CoarseSolver);
            // Event names repeat across data sets (event_0000, ...): prefix the folder's name.
            var renamed =
                more.Events.Select(e => e with { Name = $"{Path.GetFileName(Path.TrimEndingDirectorySeparator(extraFolder))}/{e.Name}" });
            train = train.WithEvents([.. train.Events, .. renamed]);
        }
        return new MapRunData(train, MapSequences.FromFlume(flume, flume.Split("validation"), data.StorageEstimate, data.CoarseSolver),
            MapSequences.FromFlume(flume, flume.Split("test"), data.StorageEstimate, data.CoarseSolver));
    }

    /// <summary>A dike-breach run's training simulations: <c>train_ids</c> of its folder (none is fine) and every
    /// simulation of each <c>extra_train_folders</c> folder (e.g. events of our own breach generator), named
    /// <c>&lt;folder&gt;/dike_&lt;id&gt;</c>.</summary>
    internal static MapSequences DikeBreachTraining(MapDataConfig data, DikeBreachDataSet dike)
    {
        var parts = new List<MapSequences>();
        if (data.TrainIds.Count > 0) parts.Add(MapSequences.FromDikeBreach(dike, data.TrainIds));
        foreach (var folder in data.ExtraTrainFolders)
        {
            var extra = DikeBreachDataSet.Open(folder);
            var name = Path.GetFileName(Path.TrimEndingDirectorySeparator(folder));
            var more = MapSequences.FromDikeBreach(extra, extra.Ids);
            parts.Add(more.WithEvents(more.Events.Select(e => e with { Name = $"{name}/{e.Name}" }).ToArray()));
        }
        if (parts.Count == 0) throw new ArgumentException("data: a dike-breach run needs train_ids or extra_train_folders");
        foreach (var part in parts.Skip(1))
            if (part.Frames != parts[0].Frames)
                throw new InvalidDataException(
                    $"data: training simulations with {part.Frames} and {parts[0].Frames} frames cannot be mixed");
        return parts[0].WithEvents(parts.SelectMany(p => p.Events).ToArray());
    }

    /// <summary>The config copy of a run folder, with the run folder where the folder now is.</summary>
    private static MapRunConfig ReadRunCopy(string runFolder)
    {
        var copy = RunFolderConfig.Require(runFolder, "map run", "hw surrogate train", MapRunConfigReader.EarlierRunFolderCopy);
        return MapRunConfigReader.Read(copy) with { RunFolder = Path.GetFullPath(runFolder) };
    }

    private static string DikeBreachFolder(MapDataConfig data) =>
        data.Folder != "default" ? data.Folder : ProjectPaths.SharedDataSet("dike_breach_bentivoglio2023_subset")
            ?? throw new DirectoryNotFoundException(
                "data set dike_breach_bentivoglio2023_subset not found ($HYDROWORKSHOP_DATA or ../shared/data); set data: folder");

    /// <summary>One line: mean wet-cell RMSE (m and % of the event's maximum depth), MAE and CSI over the events.</summary>
    public static string Summary(string split, IReadOnlyList<MapEventScores> scores) => string.Create(CultureInfo.InvariantCulture,
        $"{split}: {scores.Count} events, wet RMSE {scores.Average(s => s.Scores.WetRmse):F4} m " +
        $"({100 * scores.Average(s => s.Scores.WetRmse / s.MaxObservedDepth):F1} % of the event's max depth), " +
        $"MAE {scores.Average(s => s.Scores.Mae):F4} m, CSI {scores.Average(s => s.Scores.Csi):F3} (worst {scores.Min(s => s.Scores.Csi):F3})");
}
