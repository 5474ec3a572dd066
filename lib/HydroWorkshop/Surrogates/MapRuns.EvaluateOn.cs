using HydroWorkshop.FloodData;
using static TorchSharp.torch;

namespace HydroWorkshop.Surrogates;

/// <summary>What <see cref="MapRuns.EvaluateOn"/> scores beside the surrogate, and on which simulations.</summary>
public sealed record MapDataEvaluationOptions
{
    /// <summary>Simulation ids and ranges separated by commas (<c>500-509,512</c>, the <c>--ids</c> argument); null: the
    /// run's ids of <see cref="Split"/>, or every simulation of the folder when that is null too.</summary>
    public string? Ids { get; init; }
    /// <summary><c>test</c>, <c>validation</c> or <c>train</c>: the run's own ids of that split, looked up in the folder.</summary>
    public string? Split { get; init; }
    /// <summary>The solver behind the coarse-solver baseline and the speed-up; null: neither is run (the table says so).</summary>
    public BreachSimulator? Simulator { get; init; } = BreachSimulators.Kit;
    /// <summary>How many times coarser the coarse-solver baseline's grid is (2: 32 x 32 cells of 200 m, the strongest
    /// coarse baseline; 4 loses the ridges that steer the flood).</summary>
    public int Coarsening { get; init; } = 2;
    /// <summary>The solver of the subgrid baseline (<see cref="BreachSimulators.Subgrid"/>); null: no such row.</summary>
    public BreachSimulator? Subgrid { get; init; } = BreachSimulators.Subgrid;
    /// <summary>How many times coarser the subgrid baseline's grid is (the <c>--subgrid</c> argument; 2 by default, where it
    /// beats every trained surrogate here; 0: no such row).</summary>
    public int SubgridCoarsening { get; init; } = 2;
    /// <summary>Run the fine solver on every event too, to time the surrogate's speed-up against it (and score it).</summary>
    public bool TimeFineSolver { get; init; } = true;
}

/// <summary>The outcome of <see cref="MapRuns.EvaluateOn"/>: the scores, the printed table and the folder written.</summary>
public sealed record MapDataEvaluation(FloodEvaluationResult Result, string Table, string Folder);

public static partial class MapRuns
{
    /// <summary>
    /// Scores a trained dike-breach run on simulations of another folder in the dike-breach layout
    /// (<see cref="DikeBreachDataSet"/>: <c>raw_dataset/DEM</c>, <c>raw_dataset/WD</c>), beside the baselines
    /// (persistence, the per-frame mean of the run's training simulations, the coarse solver) and the fine solver, and
    /// writes into <c>RUN_FOLDER/evaluation_&lt;folder name&gt;/</c> the files of <see cref="Evaluate"/>
    /// (<c>event_metrics.csv</c>, <c>lead_time_metrics.csv</c>, <c>maps/</c>) and of <see cref="FloodEvaluationFiles"/>
    /// (<c>scores.csv</c>, <c>summary.csv</c>, <c>mae_over_time.csv</c>, <c>table.txt</c>). What
    /// <c>hw surrogate evaluate RUN_FOLDER --data FOLDER [--ids ...] [--split ...]</c> calls; errors name the argument.
    /// </summary>
    public static MapDataEvaluation EvaluateOn(string runFolder, string dataFolder, MapDataEvaluationOptions? options = null,
        Action<string>? log = null)
    {
        options ??= new MapDataEvaluationOptions();
        log ??= Console.WriteLine;
        var config = ReadRunCopy(runFolder);
        if (config.Data.Type != "dike_breach")
            throw new ArgumentException(
                $"--data: {runFolder} is a {config.Data.Type} run; --data scores a dike-breach run on simulations in the dike-breach layout");
        if (!Directory.Exists(dataFolder)) throw new DirectoryNotFoundException($"--data: folder {dataFolder} not found");
        DikeBreachDataSet data;
        try
        {
            data = DikeBreachDataSet.Open(dataFolder);
        }
        catch (Exception e) when (e is DirectoryNotFoundException or InvalidDataException)
        {
            throw new ArgumentException($"--data: {e.Message}", e);
        }
        var ids = SelectIds(data, dataFolder, options, config.Data);

        var training = DikeBreachTraining(config.Data, DikeBreachDataSet.Open(DikeBreachFolder(config.Data)));
        var events = MapSequences.FromDikeBreach(data, ids);
        if (events.Frames != training.Frames)
            throw new ArgumentException(
                $"--data: the simulations of {dataFolder} have {events.Frames} frames, the run's training simulations " +
                                        $"{training.Frames}; the per-frame baseline and the model's elapsed-time forcing need the same");
        var subgridFactor = options.Subgrid is null ? 0 : options.SubgridCoarsening;
        if (subgridFactor < 0)
            throw new ArgumentException($"--subgrid: {subgridFactor}; how many times coarser, at least 1 (0 leaves the subgrid solver out)",
                nameof(options));
        if (subgridFactor > 0 && (events.Rows % subgridFactor != 0 || events.Columns % subgridFactor != 0))
            throw new ArgumentException(
                $"--subgrid: {subgridFactor} does not divide the {events.Rows} x {events.Columns} grid (0 leaves the subgrid solver out)",
                nameof(options));
        var name = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(dataFolder)));
        var output = Path.Combine(config.RunFolder, $"evaluation_{name}");
        log($"map run {config.RunFolder}: {config.Model.Type} on {events.Count} simulations of {dataFolder} ({IdRanges(ids)})");

        // A multi-fidelity run takes each event's coarse simulation as one more map: it is made for the scores here, and
        // again inside the surrogate's timed call, since the coarse run is part of what the surrogate costs.
        var coarse = config.Data.CoarseSolver;
        var simulate = options.Simulator;
        if (coarse > 0 && simulate is null)
            throw new ArgumentException(
                $"{runFolder} takes its coarse solver x{coarse} as input (data: coarse_solver); without a breach solver it cannot predict",
                nameof(options));
        var inputs = coarse > 0 ? training.Inputs with { Extra = training.Inputs.Extra + 1 } : training.Inputs;
        using var model = BuildModel(config.Model, inputs, config.Map.WarmupFrames, depthFromExtraMap: coarse > 0, data: training);
        var trainer = new MapTrainer(model, config.Training, config.Map, config.RunFolder, log);
        trainer.Load();
        log(Summary(name, trainer.Evaluate(coarse > 0 ? BreachCoarseMaps.Add(events, coarse, simulate) : events, output)));

        var frameSeconds = DikeBreachDataSet.StepSeconds;
        var predictors = new List<IFloodPredictor>
        {
            coarse > 0
                ? new MapSurrogatePredictor(trainer, $"{config.Model.Type}+coarse x{coarse}",
                    (one, token) => BreachCoarseMaps.Add(one, coarse, simulate, token))
                : new MapSurrogatePredictor(trainer, config.Model.Type),
            new PersistenceBaseline(),
            new ClimatologyBaseline(training),
        };
        var notes = new List<string>
        {
            $"climatology: the mean of the run's {training.Count} training simulations ({TrainingSources(config.Data)}) at each frame; " +
            $"persistence: frame {config.Map.WarmupFrames - 1} (the last one the model sees) repeated",
        };
        if (simulate is { } simulator)
        {
            predictors.Add(CoarseSolverBaseline.ForDikeBreach(events, options.Coarsening, simulator));
            // A multi-fidelity surrogate must also beat its own input alone: what does the network add to the coarse run?
            if (coarse > 0 && coarse != options.Coarsening) predictors.Add(CoarseSolverBaseline.ForDikeBreach(events, coarse, simulator));
            if (options.TimeFineSolver) predictors.Add(CoarseSolverBaseline.ForDikeBreach(events, 1, simulator));
            notes.Add(
                "solvers: breach at the wet cell of frame 0, inflow from each event's Q file or, without one, from the growth of its water volume; " +
                (simulator == BreachSimulators.Kit
                    ? "a coarse grid with each face's crest from the fine bed, its depth brought back at one water level per block"
                    : "a custom solver"));
            if (coarse > 0)
                notes.Add($"{config.Model.Type}+coarse x{coarse}: its time per event includes its own coarse solver x{coarse} run");
        }
        if (options.Subgrid is { } subgrid && subgridFactor > 0)
        {
            predictors.Add(CoarseSolverBaseline.ForDikeBreach(events, options.SubgridCoarsening, subgrid, "subgrid solver"));
            notes.Add($"subgrid solver x{options.SubgridCoarsening}: local-inertial flow on a grid {options.SubgridCoarsening} " +
                      "times coarser that stores water on the fine bed and passes it through the fine crossings, one thread");
        }
        if (simulate is null)
        {
            notes.Add(
                $"! coarse solver x{options.Coarsening}: not run (no breach solver: {nameof(BreachSimulators)}.{nameof(BreachSimulators.Kit)} is not wired in); " +
                      $"the flags compare with the {predictors.Count(p => p.Role == FloodPredictorRole.Baseline)} baselines above only, " +
                      "and there is no speed-up");
        }
        var result = FloodEvaluation.Run(events, config.Map.WarmupFrames, frameSeconds, predictors, notes, log);
        // The thread count is printed only where it is known to hold for both sides: the kit's solver follows libtorch's.
        var table = FloodEvaluationTable.Text(result, $"{Path.GetFileName(config.RunFolder)} on {name}",
            simulate == BreachSimulators.Kit ? get_num_threads() : 0);
        log(table.TrimEnd('\n'));
        FloodEvaluationFiles.Write(output, result, table);
        return new MapDataEvaluation(result, table, output);
    }

    /// <summary>"1-72 + breach-dataset": the training ids and extra folders of a dike-breach run.</summary>
    private static string TrainingSources(MapDataConfig data) => string.Join(" + ",
        (data.TrainIds.Count > 0 ? [IdRanges(data.TrainIds)] : Array.Empty<string>())
        .Concat(data.ExtraTrainFolders.Select(f => Path.GetFileName(Path.TrimEndingDirectorySeparator(f)))));

    private static IReadOnlyList<int> SelectIds(DikeBreachDataSet data, string dataFolder, MapDataEvaluationOptions options,
        MapDataConfig run)
    {
        IReadOnlyList<int> ids;
        string argument;
        if (options.Ids is { } text)
        {
            argument = "--ids";
            try
            {
                ids = MapRunConfigReader.ParseIds(text.Split(',', StringSplitOptions.TrimEntries));
            }
            catch (FormatException e)
            {
                throw new ArgumentException($"--ids {text}: {e.Message} (e.g. --ids 500-509,512)", e);
            }
        }
        else if (options.Split is { } split)
        {
            argument = $"--split {split}";
            ids = split switch
            {
                "test" => run.TestIds,
                "validation" => run.ValidationIds,
                "train" => run.TrainIds,
                _ => throw new ArgumentException($"--split: '{split}' is not one of test, validation, train"),
            };
        }
        else
        {
            return data.Ids;
        }
        var missing = ids.Where(id => !data.Ids.Contains(id)).Distinct().ToArray();
        if (missing.Length > 0)
            throw new ArgumentException(
                $"{argument}: {(missing.Length == 1 ? "simulation" : "simulations")} {IdRanges(missing)} not in {dataFolder} " +
                                        $"(it has {IdRanges(data.Ids)})");
        return ids;
    }

    /// <summary>Ids as ranges, e.g. <c>1-20, 500-509, 512</c>.</summary>
    internal static string IdRanges(IEnumerable<int> ids)
    {
        var sorted = ids.Distinct().Order().ToArray();
        var parts = new List<string>();
        for (var i = 0; i < sorted.Length;)
        {
            var j = i;
            while (j + 1 < sorted.Length && sorted[j + 1] == sorted[j] + 1) j++;
            parts.Add(j == i ? $"{sorted[i]}" : $"{sorted[i]}-{sorted[j]}");
            i = j + 1;
        }
        return string.Join(", ", parts);
    }
}
