using System.Diagnostics;
using System.Globalization;
using HydroWorkshop.Data;
using HydroWorkshop.Data.Synthetic;

// Usage: make-synthetic-basins.sh [--out DIR] [--basins N] [--start yyyy-MM-dd] [--end yyyy-MM-dd] [--seed N] [--gap-fraction F]
// Writes synthetic basins in the official CAMELS-US layout (see HydroWorkshop.Data.Synthetic.SyntheticCamels), reads them
// back through the CAMELS-US reader as a check, and ends with one summary line. DIR is replaced only if it holds an
// earlier synthetic set (or nothing); a folder with other files is refused (exit 1).
var defaults = new SyntheticCamelsOptions();
string? output = null;
var options = defaults;
try
{
    for (var i = 0; i < args.Length; i++)
    {
        string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
        switch (args[i])
        {
            case "--out": output = Value(); break;
            case "--basins": options = options with { Basins = int.Parse(Value(), CultureInfo.InvariantCulture) }; break;
            case "--start": options = options with { Start = DateOnly.ParseExact(Value(), "yyyy-MM-dd", CultureInfo.InvariantCulture) }; break;
            case "--end": options = options with { End = DateOnly.ParseExact(Value(), "yyyy-MM-dd", CultureInfo.InvariantCulture) }; break;
            case "--seed": options = options with { Seed = ulong.Parse(Value(), CultureInfo.InvariantCulture) }; break;
            case "--gap-fraction": options = options with { GapFraction = double.Parse(Value(), CultureInfo.InvariantCulture) }; break;
            case "-h" or "--help":
                Console.WriteLine($"options: --out DIR (default {CamelsData.SyntheticCacheFolder()}) --basins N ({defaults.Basins}) " +
                    $"--start yyyy-MM-dd ({defaults.Start:yyyy-MM-dd}) --end yyyy-MM-dd ({defaults.End:yyyy-MM-dd}) --seed N ({defaults.Seed}) --gap-fraction F ({defaults.GapFraction})");
                return 0;
            default: throw new ArgumentException($"unknown option '{args[i]}' (try --help)");
        }
    }
}
catch (Exception e) when (e is ArgumentException or FormatException or OverflowException)
{
    Console.Error.WriteLine($"make-synthetic-basins: {e.Message}");
    return 2;
}

output ??= CamelsData.SyntheticCacheFolder();
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
var watch = Stopwatch.StartNew();
IReadOnlyList<SyntheticCamels.GeneratedBasin> generated;
try
{
    generated = SyntheticCamels.Generate(output, options, new Progress<string>(Console.Error.WriteLine), cancel.Token);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"make-synthetic-basins: {e.Message}");            // --basins 0, --out /
    return 2;
}
catch (Exception e) when (e is IOException or UnauthorizedAccessException)
{
    // e.g. --out names a folder of the user's own: refused, nothing deleted (the message names the folder).
    Console.Error.WriteLine($"make-synthetic-basins: {e.Message}");
    return 1;
}
catch (OperationCanceledException)
{
    Console.Error.WriteLine("make-synthetic-basins: interrupted; nothing was written");
    return 130;
}
var seconds = watch.Elapsed.TotalSeconds;
var camels = CamelsUs.Open(output, ["daymet"]);
if (camels.BasinIds.Count != generated.Count) throw new InvalidDataException($"wrote {generated.Count} basins but the reader finds {camels.BasinIds.Count}");
var record = camels.ReadBasin(camels.BasinIds[0]);
var meanQ = generated.Average(g => g.Simulation.Discharge.Average(v => (double)v));
var meanP = generated.Average(g => g.Weather.Precipitation.Average(v => (double)v));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"basins {generated.Count}, days {record.Days} ({options.Start:yyyy-MM-dd}..{options.End:yyyy-MM-dd}), seed {options.Seed}, " +
    $"mean P {meanP:F2} mm/d, mean Q {meanQ:F2} mm/d, {seconds:F1} s -> {Path.GetFullPath(output)}"));
return 0;
