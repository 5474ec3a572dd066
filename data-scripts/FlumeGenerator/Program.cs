using System.Globalization;
using HydroWorkshop.Common;
using HydroWorkshop.FloodData;
using HydroWorkshop.Physics;

// Usage: FlumeGenerator [--out DIR] [--events N] [--seed S] [--frames F] [--interval SECONDS]
//                       [--columns NX] [--rows NY] [--cell-size M] [--threads T]
// Re-running with the same arguments resumes an interrupted run; finished events are kept.
var defaults = new LaboratoryFlume();
var defaultSettings = new Dictionary<string, string>
{
    ["out"] = Path.Combine(ProjectPaths.FindRepositoryRoot() ?? Directory.GetCurrentDirectory(), "out", "flume-dataset"),
    ["events"] = "24",
    ["seed"] = "42",
    ["frames"] = "100",
    ["interval"] = "0.4",
    ["columns"] = defaults.Columns.ToString(CultureInfo.InvariantCulture),
    ["rows"] = defaults.Rows.ToString(CultureInfo.InvariantCulture),
    ["cell-size"] = defaults.CellSize.ToString(CultureInfo.InvariantCulture),
    ["threads"] = Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture),
};
var settings = new GeneratorSettings("FlumeGenerator", defaultSettings);
if (settings.Read(args) is { } exit) return exit;
int Int(string key) => settings.Int(key);
double Real(string key) => settings.Real(key);

return GeneratorSettings.Run(token =>
{
    var options = new FlumeGeneratorOptions
    {
        OutputFolder = Path.GetFullPath(settings["out"]),
        Events = Int("events"),
        Seed = Int("seed"),
        Frames = Int("frames"),
        FrameInterval = Real("interval"),
        Flume = new LaboratoryFlume(Int("columns"), Int("rows"), Real("cell-size")),
        Threads = Int("threads"),
    };
    Console.WriteLine($"flume data set: {options.Events} events of {options.Frames} frames every {options.FrameInterval} s on {options.Flume.Rows} x {options.Flume.Columns} cells of {options.Flume.CellSize} m -> {options.OutputFolder}");
    var summary = FlumeDataSetGenerator.Generate(options, new ConsoleLines(), token);
    Console.WriteLine(FormattableString.Invariant($"generated {summary.Generated}, resumed {summary.Resumed}, {summary.WallSeconds:F1} s"));
    Console.WriteLine(summary.ToString());
    return 0;
});
