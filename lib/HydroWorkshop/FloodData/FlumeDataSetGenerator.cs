using System.Diagnostics;
using HydroWorkshop.Common;
using HydroWorkshop.Physics;

namespace HydroWorkshop.FloodData;

/// <summary>Settings of a flume data-set generation run.</summary>
public sealed record FlumeGeneratorOptions
{
    /// <summary>Folder of the data set (created when missing).</summary>
    public required string OutputFolder { get; init; }
    public int Events { get; init; } = 24;
    public int Seed { get; init; } = 42;
    /// <summary>Frames per event, the first at t = 0.</summary>
    public int Frames { get; init; } = 100;
    /// <summary>Time between frames (s).</summary>
    public double FrameInterval { get; init; } = 0.4;
    public LaboratoryFlume Flume { get; init; } = new();
    public double ValidationFraction { get; init; } = 0.15;
    public double TestFraction { get; init; } = 0.15;
    /// <summary>Events simulated at once (each on one thread).</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;
    /// <summary>Depth (m) above which a cell counts as wet in the statistics.</summary>
    public double WetDepth { get; init; } = 0.01;
}

/// <summary>What a generation run produced.</summary>
public sealed record FlumeGenerationSummary(int Events, int Frames, int Rows, int Columns, double WetFraction, int Generated, int Resumed,
    double WallSeconds)
{
    /// <summary>The plot-free summary line: events, frames, grid, wet fraction.</summary>
    public override string ToString() =>
        FormattableString.Invariant($"events {Events}, frames {Frames}, grid {Rows} x {Columns}, wet fraction {WetFraction:F3}");
}

/// <summary>
/// Generates the flume data set: events drawn from <see cref="LaboratoryFlume.Sample"/> with a per-event seed derived
/// from the run seed (so every event is reproducible on its own), simulated with <see cref="ShallowWaterSolver"/>,
/// written atomically per event (a hidden temporary folder renamed into place), and skipped on a re-run when already
/// complete, so an interrupted run resumes where it stopped.
/// </summary>
public static class FlumeDataSetGenerator
{
    /// <summary>Depth (m) below which stored velocities are 0: thinner films carry no meaningful velocity.</summary>
    public const double VelocityDepth = 1e-3;

    /// <summary>Runs the generation; <paramref name="progress"/> gets one line per finished event. Without a token the
    /// workshop's ambient one (<see cref="WorkshopCancellation.Token"/>) stops it on a notebook interrupt; events
    /// finished by then stay, and the next run resumes.</summary>
    public static FlumeGenerationSummary Generate(FlumeGeneratorOptions options, IProgress<string>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!cancellationToken.CanBeCanceled) cancellationToken = WorkshopCancellation.Token;
        if (options.Events < 1) throw new ArgumentOutOfRangeException(nameof(options), $"Events must be at least 1 (got {options.Events})");
        if (options.Frames < 2) throw new ArgumentOutOfRangeException(nameof(options), $"Frames must be at least 2 (got {options.Frames})");
        if (!(options.FrameInterval > 0)) throw new ArgumentOutOfRangeException(nameof(options),
            $"FrameInterval must be positive (got {options.FrameInterval} s)");
        var clock = Stopwatch.StartNew();
        var eventsRoot = Path.Combine(options.OutputFolder, FlumeDataSetFormat.EventsFolder);
        Directory.CreateDirectory(eventsRoot);
        foreach (var stale in Directory.GetDirectories(eventsRoot, ".*.partial-*")) Directory.Delete(stale, recursive: true);

        var splits = AssignSplits(options);
        var pending = new List<int>();
        for (var e = 0; e < options.Events; e++)
        {
            if (!File.Exists(Path.Combine(eventsRoot, FlumeDataSetFormat.EventName(e), FlumeDataSetFormat.EventFile))) pending.Add(e);
        }
        var done = options.Events - pending.Count;
        var gate = new object();
        Parallel.ForEach(pending,
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Threads), CancellationToken = cancellationToken }, e =>
        {
            var metadata = GenerateEvent(options, e, splits[e], eventsRoot, cancellationToken);
            lock (gate)
            {
                done++;
                progress?.Report(FormattableString.Invariant(
                    $"[{done}/{options.Events}] {metadata.Name} ({metadata.Split}): peak {metadata.Parameters.PeakDischarge:F3} m3/s, {metadata.Parameters.Obstacles.Count} blocks, wet {metadata.WetFraction:F3}, {metadata.SolverSteps} steps, {metadata.WallSeconds:F1} s"));
            }
        });

        var wetSum = 0.0;
        var entries = new List<FlumeEventEntry>();
        for (var e = 0; e < options.Events; e++)
        {
            var name = FlumeDataSetFormat.EventName(e);
            var metadata = FlumeDataSetFormat.ReadJson<FlumeEventMetadata>(Path.Combine(eventsRoot, name, FlumeDataSetFormat.EventFile));
            wetSum += metadata.WetFraction;
            entries.Add(new FlumeEventEntry(name, splits[e]));
        }
        var flume = options.Flume;
        FlumeDataSetFormat.WriteJson(Path.Combine(options.OutputFolder, FlumeDataSetFormat.MetadataFile), new FlumeDataSetMetadata(
            FlumeDataSetFormat.FormatName, options.Seed, flume.Columns, flume.Rows, flume.CellSize, options.Frames, options.FrameInterval,
            FlumeDataSetFormat.DynamicChannels, entries,
            "events/<name>/{depth,velocity_x,velocity_y}.npy float32 [time, y, x] (m, m/s); bed.npy float32 [y, x] (m); obstacle.npy uint8 [y, x]; inflow.npy float32 [time] (m3/s); row 0 = South wall, column 0 = inlet"));
        return new FlumeGenerationSummary(options.Events, options.Frames, flume.Rows, flume.Columns, wetSum / options.Events,
            pending.Count, options.Events - pending.Count, clock.Elapsed.TotalSeconds);
    }

    /// <summary>The seed of event <paramref name="index"/>: a fixed integer mix of the run seed and the index.</summary>
    public static int EventSeed(int seed, int index)
    {
        unchecked
        {
            var x = (uint)seed * 0x9E3779B1u ^ (uint)(index + 1) * 0x85EBCA77u;
            x ^= x >> 15;
            x *= 0x2C1B3C6Du;
            x ^= x >> 12;
            return (int)(x & 0x7FFFFFFF);
        }
    }

    /// <summary>Train/validation/test split per event, a seeded shuffle.</summary>
    public static string[] AssignSplits(FlumeGeneratorOptions options)
    {
        var n = options.Events;
        var order = Enumerable.Range(0, n).ToArray();
        new Random(options.Seed).Shuffle(order);
        var test = n >= 3 ? Math.Max(1, (int)Math.Round(n * options.TestFraction)) : 0;
        var validation = n >= 3 ? Math.Max(1, (int)Math.Round(n * options.ValidationFraction)) : 0;
        var splits = new string[n];
        for (var k = 0; k < n; k++) splits[order[k]] = k < test ? "test" : k < test + validation ? "validation" : "train";
        return splits;
    }

    private static FlumeEventMetadata GenerateEvent(FlumeGeneratorOptions options, int index, string split, string eventsRoot,
        CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var flume = options.Flume;
        var name = FlumeDataSetFormat.EventName(index);
        var seed = EventSeed(options.Seed, index);
        var parameters = flume.Sample(new Random(seed));
        var solver = flume.CreateSolver(parameters, new SolverOptions { Threads = 1 });
        var cells = flume.Columns * flume.Rows;
        var frames = options.Frames;
        var depth = new float[frames * cells];
        var velocityX = new float[frames * cells];
        var velocityY = new float[frames * cells];
        var inflow = new float[frames];
        var inflowSeries = parameters.Inflow;
        var open = solver.Domain.Solid.Count(s => !s);
        long wetCells = 0;
        var maxDepth = 0.0;
        var frame = 0;
        solver.Run((frames - 1) * options.FrameInterval, options.FrameInterval, s =>
        {
            if (frame >= frames) return;
            var h = s.Depth;
            var hu = s.DischargeX;
            var hv = s.DischargeY;
            var offset = frame * cells;
            for (var k = 0; k < cells; k++)
            {
                var d = h[k];
                depth[offset + k] = (float)d;
                if (d > VelocityDepth)
                {
                    velocityX[offset + k] = (float)(hu[k] / d);
                    velocityY[offset + k] = (float)(hv[k] / d);
                }
                if (d > options.WetDepth) wetCells++;
                if (d > maxDepth) maxDepth = d;
            }
            inflow[frame] = (float)inflowSeries.At(s.Time);
            frame++;
        }, cancellationToken);
        if (frame != frames) throw new InvalidOperationException($"{name}: expected {frames} frames, simulated {frame}");

        // Everything goes into a hidden folder first; one rename publishes the complete event.
        var partial = Path.Combine(eventsRoot, $".{name}.partial-{Guid.NewGuid():N}");
        Directory.CreateDirectory(partial);
        var map = new[] { flume.Rows, flume.Columns };
        var series = new[] { frames, flume.Rows, flume.Columns };
        NpyFile.Write(Path.Combine(partial, "depth.npy"), depth, series);
        NpyFile.Write(Path.Combine(partial, "velocity_x.npy"), velocityX, series);
        NpyFile.Write(Path.Combine(partial, "velocity_y.npy"), velocityY, series);
        NpyFile.Write(Path.Combine(partial, "bed.npy"), solver.BedElevation.ToArray().Select(z => (float)z).ToArray(), map);
        NpyFile.Write(Path.Combine(partial, "obstacle.npy"), solver.Domain.Solid.Select(s => s ? (byte)1 : (byte)0).ToArray(), map);
        NpyFile.Write(Path.Combine(partial, "inflow.npy"), inflow, [frames]);
        var metadata = new FlumeEventMetadata(name, index, split, seed, parameters,
            (double)wetCells / ((long)open * frames), maxDepth, solver.Steps, clock.Elapsed.TotalSeconds);
        FlumeDataSetFormat.WriteJson(Path.Combine(partial, FlumeDataSetFormat.EventFile), metadata);
        var target = Path.Combine(eventsRoot, name);
        if (Directory.Exists(target)) Directory.Delete(target, recursive: true); // incomplete leftover without event.json
        Directory.Move(partial, target);
        return metadata;
    }
}
