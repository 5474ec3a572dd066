using System.Globalization;
using HydroWorkshop.Common;
using HydroWorkshop.FloodData;
using HydroWorkshop.Physics;

// Usage: BreachGenerator [--out DIR] [--events N] [--seed S] [--first-id K] [--frames F] [--hydrograph constant|random]
//                        [--discharge Q] [--manning N] [--order first|second] [--threads T]
// Re-running with the same arguments resumes an interrupted run; finished events are kept.
var defaultSettings = new Dictionary<string, string>
{
    ["out"] = Path.Combine(ProjectPaths.FindRepositoryRoot() ?? Directory.GetCurrentDirectory(), "out", "breach-dataset"),
    ["events"] = "48",
    ["seed"] = "1",
    ["first-id"] = "1",
    ["frames"] = "97",
    ["hydrograph"] = "constant",
    ["discharge"] = "50",
    ["manning"] = BreachSimulationOptions.DefaultManning.ToString(CultureInfo.InvariantCulture),
    ["order"] = "first",
    ["threads"] = Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture),
};
var settings = new GeneratorSettings("BreachGenerator", defaultSettings);
if (settings.Read(args) is { } exit) return exit;
int Int(string key) => settings.Int(key);
double Real(string key) => settings.Real(key);

try
{
    var random = settings["hydrograph"] switch
    {
        "constant" => false,
        "random" => true,
        var other => throw new ArgumentException($"--hydrograph: '{other}' is neither 'constant' nor 'random'"),
    };
    var options = new BreachGeneratorOptions
    {
        OutputFolder = Path.GetFullPath(settings["out"]),
        Events = Int("events"),
        Seed = Int("seed"),
        FirstId = Int("first-id"),
        Frames = Int("frames"),
        RandomHydrograph = random,
        Discharge = Real("discharge"),
        Threads = Int("threads"),
        Simulation = settings["order"] switch
        {
            "first" => new BreachSimulationOptions { Manning = Real("manning"), SecondOrder = false, CourantNumber = 0.9 },
            "second" => new BreachSimulationOptions { Manning = Real("manning") },
            var other => throw new ArgumentException($"--order: '{other}' is neither 'first' nor 'second'"),
        },
    };
    using var interrupt = new CancellationTokenSource();
    Console.CancelKeyPress += (_, e) =>
    {
        e.Cancel = true;
        Console.Error.WriteLine("stopping; finished events are kept, re-run to resume");
        interrupt.Cancel();
    };
    Console.WriteLine($"breach data set: ids {options.FirstId}..{options.FirstId + options.Events - 1}, seed {options.Seed}, {options.Frames} frames every {options.OutputSeconds} s, {settings["hydrograph"]} hydrograph, {options.Threads} at once -> {options.OutputFolder}");
    var summary = BreachEventGenerator.Generate(options, new ConsoleLines(), interrupt.Token);
    Console.WriteLine(summary.ToString());
    return 0;
}
catch (OperationCanceledException)
{
    Console.Error.WriteLine("interrupted; re-run the same command to resume");
    return 130;
}
catch (Exception error) when (error is ArgumentException or IOException or InvalidDataException or InvalidOperationException)
{
    Console.Error.WriteLine($"error: {error.Message}");
    return 1;
}

/// <summary>Prints each progress line at once, on the reporting thread (Progress&lt;T&gt; would post them to the pool, out of order).</summary>
internal sealed class ConsoleLines : IProgress<string>
{
    public void Report(string value) => Console.WriteLine(value);
}
