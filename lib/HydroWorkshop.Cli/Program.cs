using HydroWorkshop.Cli;
using HydroWorkshop.Training;

// hw info                          what the engine runs on: libtorch, BLAS, threads, CUDA (and why not)
// hw demo                          trains a tiny rainfall-runoff model on a synthetic basin and prints its skill
// hw train CONFIG.yml [--resume] [--seeds N]   trains the run a YAML config describes into its run folder
//                                  (N > 1: an ensemble of N seeds in RUN_FOLDER/seed-<n>/)
// hw evaluate RUN_FOLDER [--period test|validation|train] [--basins FILE|id,id] [--mc-dropout N] [--source S]
//                                  scores a trained run (or ensemble), writes CSVs; --basins: e.g. ungauged basins
// hw finetune RUN_FOLDER CONFIG.yml [--resume]   fine-tunes a trained run on the config's data
// hw predict RUN_FOLDER --period START END [--forcings F] [--attributes FILE] [--basins ...] [--output PATH] [--mc-dropout N]
//                                  predicts from forcings alone (no observations needed)
// hw search CONFIG.yml [--resume]  random or grid search over the config's search: section, ranked
// hw surrogate train CONFIG.yml [--resume]   trains a flood-map surrogate (CNN-LSTM, ConvLSTM) a map-run config describes
// hw surrogate evaluate RUN_FOLDER [--split test|validation|train]   scores a trained map run, writes CSVs and maps
// hw surrogate evaluate RUN_FOLDER --data FOLDER [--ids 500-509,512] [--split S] [--subgrid F]   scores a dike-breach run
//                                  on another folder's simulations beside persistence, climatology, the coarse solver
//                                  and the subgrid solver on a grid F times coarser (2; 0 leaves it out)
// hw gridded train CONFIG.yml      trains a model on gridded maps (Rhine–Meuse discharge at gauges, or climate → LAI maps)
// hw gridded evaluate RUN_FOLDER [--period test|validation|train]   scores a trained gridded run, writes CSVs
// hw config keys [run|map|gridded] the keys each config accepts, section by section, one line of doc each
//                                  (hw config --help: the same for all three)
try
{
    // Load the engine first, so that a machine where it cannot load gets the cause in one line, not TorchSharp's trace.
    if (args.FirstOrDefault() is not (null or "help" or "--help" or "-h" or "config")) HydroWorkshop.Engine.EngineInfo.EnsureLoaded();
    return args.FirstOrDefault() switch
    {
        "info" => Info(),
        "demo" => TinyRunoffDemo.Run(args.Skip(1).ToArray()),
        "train" when args.Length >= 2 => Train(args[1], args.Contains("--resume"), IntOption("--seeds")),
        "evaluate" when args.Length >= 2 => Evaluate(args[1], Option("--period") ?? "test", Option("--basins"), IntOption("--mc-dropout"),
            Option("--source")),
        "finetune" when args.Length >= 3 => Finetune(args[1], args[2], args.Contains("--resume")),
        "predict" when args.Length >= 2 => Predict(args[1]),
        "search" when args.Length >= 2 => Search(args[1], args.Contains("--resume")),
        "surrogate" when args.Length >= 3 => Surrogate(args[1], args[2]),
        "gridded" when args.Length >= 3 => Gridded(args[1], args[2]),
        "config" => ConfigKeys(args.Skip(1).ToArray()),
        null or "help" or "--help" or "-h" => Usage(0),
        var other => Usage(2, $"unknown or incomplete command '{string.Join(' ', args)}'"),
    };
}
catch (Exception e) when (e is FormatException or ArgumentException or FileNotFoundException or IOException or InvalidOperationException
    or InvalidDataException)
{
    // Bad input is reported in one line that names the file and line; a crash in our code still shows its stack.
    Console.Error.WriteLine($"hw: {e.Message}");
    return 1;
}

static int Info()
{
    Console.Write(HydroWorkshop.Common.EnvironmentReport.Describe());
    return 0;
}

static int Train(string config, bool resume, int? seeds)
{
    var result = Runs.Train(config, resume, seeds: seeds);
    Console.WriteLine($"best epoch {result.BestEpoch}; run folder {result.RunFolder}");
    return result.Cancelled ? 130 : 0;
}

static int Evaluate(string runFolder, string period, string? basins, int? mcDropout, string? source)
{
    var list = basins is null ? null : Basins(basins);
    var name = basins is null ? null
        : $"{period}-{(File.Exists(basins) ? Path.GetFileNameWithoutExtension(basins) : list!.Count == 1 ? list[0] : $"{list!.Count}-basins")}";
    Runs.Evaluate(runFolder, period, basins: list, mcDropout: mcDropout, source: source, name: name);
    return 0;
}

static int Finetune(string runFolder, string config, bool resume)
{
    var result = Runs.Finetune(config, runFolder, resume);
    Console.WriteLine($"best epoch {result.BestEpoch}; run folder {result.RunFolder}");
    return result.Cancelled ? 130 : 0;
}

int Predict(string runFolder)
{
    var i = Array.IndexOf(args, "--period");
    if (i < 0 || i + 2 >= args.Length) return Usage(2, "predict needs --period START END (e.g. --period 2014-01-01 2014-12-31)");
    var period = HydroWorkshop.Data.Period.Parse(args[i + 1], args[i + 2]);
    var attributes = Option("--attributes") is { } a ? a.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        : null;
    Runs.Predict(runFolder, period, Option("--forcings"), Option("--basins") is { } b ? Basins(b) : null, Option("--output"), attributes,
        mcDropout: IntOption("--mc-dropout"));
    return 0;
}

static int Search(string config, bool resume)
{
    var trials = Runs.Search(config, resume: resume);
    return trials.Count > 0 && trials.All(t => t.Error is not null) ? 1 : 0;
}

int Surrogate(string action, string path)
{
    switch (action)
    {
        case "train":
            var run = HydroWorkshop.Surrogates.MapRuns.Train(path, resume: args.Contains("--resume"));
            Console.WriteLine($"best epoch {run.Training.BestEpoch}; run folder {run.RunFolder}");
            return run.Training.Cancelled ? 130 : 0;
        case "evaluate" when args.Contains("--data"):
            var data = Option("--data") is { } d && !d.StartsWith("--", StringComparison.Ordinal) ? d
                : throw new ArgumentException(
                    "--data takes a folder of simulations in the dike-breach layout (raw_dataset/DEM, raw_dataset/WD)");
            if (args.Contains("--ids") && Option("--ids") is null) throw new ArgumentException(
                "--ids takes ids and ranges, e.g. --ids 500-509,512");
            if (args.Contains("--subgrid") && IntOption("--subgrid") is null) throw new ArgumentException(
                "--subgrid takes how many times coarser the subgrid solver's grid is, e.g. --subgrid 2 (0 leaves it out)");
            HydroWorkshop.Surrogates.MapRuns.EvaluateOn(path, data, new()
            {
                Ids = Option("--ids"),
                Split = Option("--split"),
                SubgridCoarsening = IntOption("--subgrid") ?? new HydroWorkshop.Surrogates.MapDataEvaluationOptions().SubgridCoarsening,
            });
            return 0;
        case "evaluate":
            if (args.Contains("--ids")) throw new ArgumentException(
                "--ids selects simulations of --data FOLDER; without --data, use --split");
            if (args.Contains("--subgrid")) throw new ArgumentException(
                "--subgrid sets the subgrid baseline of --data FOLDER; without --data the run is scored on its own split, with no solvers");
            HydroWorkshop.Surrogates.MapRuns.Evaluate(path, Option("--split") ?? "test");
            return 0;
        default:
            return Usage(2, $"unknown surrogate action '{action}' (train CONFIG.yml, evaluate RUN_FOLDER)");
    }
}

int Gridded(string action, string path)
{
    switch (action)
    {
        case "train":
            var run = HydroWorkshop.Surrogates.Gridded.GriddedRuns.Train(path);
            Console.WriteLine($"best epoch {run.Training.BestEpoch}; run folder {run.RunFolder}");
            return run.Training.Cancelled ? 130 : 0;
        case "evaluate":
            HydroWorkshop.Surrogates.Gridded.GriddedRuns.Evaluate(path, Option("--period") ?? "test");
            return 0;
        default:
            return Usage(2, $"unknown gridded action '{action}' (train CONFIG.yml, evaluate RUN_FOLDER)");
    }
}

// The keys each config kind accepts, from the readers' own key tables (what they accept is what is printed).
static int ConfigKeys(string[] rest)
{
    if (rest is not ([] or ["--help" or "-h" or "keys"] or ["keys", _]))
        return Usage(2, $"unknown config command '{string.Join(' ', rest)}' (hw config keys [run|map|gridded])");
    var help = new (string Kind, Func<string> Keys)[]
    {
        ("run", RunConfigReader.KeyHelp),
        ("map", HydroWorkshop.Surrogates.MapRunConfigReader.KeyHelp),
        ("gridded", HydroWorkshop.Surrogates.Gridded.GriddedRunConfigReader.KeyHelp),
    };
    var kind = rest is ["keys", var k] ? k : null;
    if (kind is not null && help.All(h => h.Kind != kind))
        throw new ArgumentException($"config kind '{kind}' is not one of {string.Join(", ", help.Select(h => h.Kind))}");
    Console.Write(string.Join('\n', help.Where(h => kind is null || h.Kind == kind).Select(h => h.Keys())));
    return 0;
}

// A basin list file (one id per line) or ids separated by commas.
static IReadOnlyList<string> Basins(string value) =>
    File.Exists(value) ? HydroWorkshop.Data.BasinLists.Read(value)
        : value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

int? IntOption(string name) => Option(name) is { } text
    ? int.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n
        : throw new ArgumentException($"{name} takes a whole number, got '{text}'")
    : null;

string? Option(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}

static int Usage(int code, string? error = null)
{
    if (error is not null) Console.Error.WriteLine($"hw: {error}");
    Console.WriteLine("""
        usage: hw info
               hw demo [--epochs N] [--seed N]
               hw train CONFIG.yml [--resume] [--seeds N]
               hw evaluate RUN_FOLDER [--period test|validation|train] [--basins FILE|id,id] [--mc-dropout N] [--source S]
               hw finetune RUN_FOLDER CONFIG.yml [--resume]
               hw predict RUN_FOLDER --period START END [--forcings default|synthetic|FOLDER|BASIN.csv] [--attributes FILE.csv]
                          [--basins FILE|id,id] [--output FOLDER|FILE.csv] [--mc-dropout N]
               hw search CONFIG.yml [--resume]
               hw surrogate train CONFIG.yml [--resume]
               hw surrogate evaluate RUN_FOLDER [--split test|validation|train]
               hw surrogate evaluate RUN_FOLDER --data FOLDER [--ids 500-509,512] [--split test|validation|train] [--subgrid F]
               hw gridded train CONFIG.yml
               hw gridded evaluate RUN_FOLDER [--period test|validation|train]
               hw config keys [run|map|gridded]
        """);
    return code;
}
