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

return GeneratorSettings.Run(token =>
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
            "first" => BreachSimulationOptions.Generator with { Manning = Real("manning") },
            "second" => new BreachSimulationOptions { Manning = Real("manning") },
            var other => throw new ArgumentException($"--order: '{other}' is neither 'first' nor 'second'"),
        },
    };
    Console.WriteLine($"breach data set: ids {options.FirstId}..{options.FirstId + options.Events - 1}, seed {options.Seed}, {options.Frames} frames every {options.OutputSeconds} s, {settings["hydrograph"]} hydrograph, {options.Threads} at once -> {options.OutputFolder}");
    Console.WriteLine(BreachEventGenerator.Generate(options, new ConsoleLines(), token).ToString());
    return 0;
});
