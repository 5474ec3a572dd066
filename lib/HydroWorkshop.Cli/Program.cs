using HydroWorkshop.Cli;
using HydroWorkshop.Training;

// hw info                          what the engine runs on: libtorch, BLAS, threads, CUDA (and why not)
// hw demo                          trains a tiny rainfall-runoff model on a synthetic basin and prints its skill
// hw train CONFIG.yml [--resume]   trains the run a YAML config describes into its run folder
// hw evaluate RUN_FOLDER [--period test|validation|train]   scores a trained run, writes CSVs
try
{
    return args.FirstOrDefault() switch
    {
        "info" => Info(),
        "demo" => TinyRunoffDemo.Run(args.Skip(1).ToArray()),
        "train" when args.Length >= 2 => Train(args[1], args.Contains("--resume")),
        "evaluate" when args.Length >= 2 => Evaluate(args[1], Option("--period") ?? "test"),
        null or "help" or "--help" or "-h" => Usage(0),
        var other => Usage(2, $"unknown or incomplete command '{string.Join(' ', args)}'"),
    };
}
catch (Exception e) when (e is FormatException or ArgumentException or FileNotFoundException or IOException or InvalidOperationException)
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

static int Train(string config, bool resume)
{
    var result = Runs.Train(config, resume);
    Console.WriteLine($"best epoch {result.BestEpoch}; run folder {result.RunFolder}");
    return result.Cancelled ? 130 : 0;
}

static int Evaluate(string runFolder, string period)
{
    Runs.Evaluate(runFolder, period);
    return 0;
}

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
               hw train CONFIG.yml [--resume]
               hw evaluate RUN_FOLDER [--period test|validation|train]
        """);
    return code;
}
