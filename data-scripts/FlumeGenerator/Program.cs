using System.Globalization;
using HydroWorkshop.Common;
using HydroWorkshop.FloodData;
using HydroWorkshop.Physics;

// Usage: FlumeGenerator [--out DIR] [--events N] [--seed S] [--frames F] [--interval SECONDS]
//                       [--columns NX] [--rows NY] [--cell-size M] [--threads T]
// Re-running with the same arguments resumes an interrupted run; finished events are kept.
var defaults = new LaboratoryFlume();
var settings = new Dictionary<string, string>
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
for (var k = 0; k < args.Length; k++)
{
    if (args[k] is "-h" or "--help")
    {
        Console.WriteLine("FlumeGenerator " + string.Join(" ", settings.Select(s => $"[--{s.Key} {s.Value}]")));
        return 0;
    }
    var key = args[k].StartsWith("--", StringComparison.Ordinal) ? args[k][2..] : "";
    if (!settings.ContainsKey(key) || k + 1 >= args.Length)
    {
        Console.Error.WriteLine($"unknown option or missing value: '{args[k]}' (options: {string.Join(", ", settings.Keys.Select(s => "--" + s))})");
        return 2;
    }
    settings[key] = args[++k];
}

int Int(string key) => int.TryParse(settings[key], CultureInfo.InvariantCulture, out var v) ? v : throw new ArgumentException($"--{key}: '{settings[key]}' is not an integer");
double Real(string key) => double.TryParse(settings[key], CultureInfo.InvariantCulture, out var v) ? v : throw new ArgumentException($"--{key}: '{settings[key]}' is not a number");

try
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
    using var interrupt = new CancellationTokenSource();
    Console.CancelKeyPress += (_, e) =>
    {
        e.Cancel = true;
        Console.Error.WriteLine("stopping after the events in progress are dropped; finished events are kept, re-run to resume");
        interrupt.Cancel();
    };
    Console.WriteLine($"flume data set: {options.Events} events of {options.Frames} frames every {options.FrameInterval} s on {options.Flume.Rows} x {options.Flume.Columns} cells of {options.Flume.CellSize} m -> {options.OutputFolder}");
    var summary = FlumeDataSetGenerator.Generate(options, new Progress<string>(Console.WriteLine), interrupt.Token);
    Console.WriteLine(FormattableString.Invariant($"generated {summary.Generated}, resumed {summary.Resumed}, {summary.WallSeconds:F1} s"));
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
