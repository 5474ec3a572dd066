using HydroWorkshop.FloodData;
using HydroWorkshop.Models.Maps;
using HydroWorkshop.Physics;
using static TorchSharp.torch;

namespace HydroWorkshop.Surrogates;

/// <summary>One flood event in physical units, row-major maps.</summary>
/// <param name="Name">Event name (used in metrics and map files).</param>
/// <param name="Depth">Water depth (m) [time, y, x].</param>
/// <param name="Bed">Bed elevation (m) [y, x].</param>
/// <param name="Obstacle">1 in solid cells [y, x].</param>
/// <param name="Forcing">Forcing series [time, forcings] (e.g. inflow discharge, m3/s).</param>
/// <param name="Extra">Extra dynamic maps [time, extra, y, x], or null.</param>
/// <param name="MoreStatics">Static maps beyond bed and obstacle [statics, y, x] (e.g. the flume's roughness and inflow
/// segment), or null.</param>
public sealed record MapEvent(string Name, float[] Depth, float[] Bed, float[] Obstacle, float[] Forcing, float[]? Extra,
    float[]? MoreStatics = null);

/// <summary>
/// The events a map model trains or is scored on, held in memory in physical units (the default flume training
/// split is 16 events x 100 frames x 64 x 128 cells, 52 MB), and turned into <see cref="MapBatch"/>es in model units.
/// Build from the flume data set (<see cref="FromFlume"/>: statics bed, obstacle, roughness and inflow segment, forcing
/// inflow discharge) or the dike-breach simulations (<see cref="FromDikeBreach"/>: static bed, forcing the elapsed
/// fraction of the event).
/// Extra input maps (a "physics-encoded" variant: a process-based estimate as one more channel) are added with
/// <see cref="WithExtraChannel"/>; no model class changes.
/// </summary>
public sealed class MapSequences
{
    public MapSequences(IReadOnlyList<MapEvent> events, int frames, int rows, int columns, IReadOnlyList<string> forcingNames,
        IReadOnlyList<string> extraNames,
        IReadOnlyList<string>? moreStaticNames = null)
    {
        moreStaticNames ??= [];
        if (events.Count == 0) throw new ArgumentException("MapSequences needs at least one event", nameof(events));
        var cells = rows * columns;
        foreach (var e in events)
        {
            void Check(float[]? array, long length, string what)
            {
                if (array is not null && array.Length != length)
                    throw new ArgumentException($"event '{e.Name}': {what} has {array.Length} values, expected {length}", nameof(events));
            }
            Check(e.Depth, (long)frames * cells, "depth [time, y, x]");
            Check(e.Bed, cells, "bed [y, x]");
            Check(e.Obstacle, cells, "obstacle [y, x]");
            Check(e.Forcing, (long)frames * forcingNames.Count, "forcing [time, forcings]");
            Check(e.Extra, (long)frames * extraNames.Count * cells, "extra [time, extra, y, x]");
            Check(e.MoreStatics, (long)moreStaticNames.Count * cells, "more statics [statics, y, x]");
            if (extraNames.Count > 0 && e.Extra is null) throw new ArgumentException(
                $"event '{e.Name}': extra channels {string.Join(", ", extraNames)} are missing", nameof(events));
            if (moreStaticNames.Count > 0 && e.MoreStatics is null) throw new ArgumentException(
                $"event '{e.Name}': static maps {string.Join(", ", moreStaticNames)} are missing", nameof(events));
        }
        Events = events;
        Frames = frames;
        Rows = rows;
        Columns = columns;
        ForcingNames = forcingNames;
        ExtraNames = extraNames;
        MoreStaticNames = moreStaticNames;
    }

    public IReadOnlyList<MapEvent> Events { get; }
    public int Count => Events.Count;
    public int Frames { get; }
    public int Rows { get; }
    public int Columns { get; }
    public IReadOnlyList<string> ForcingNames { get; }
    public IReadOnlyList<string> ExtraNames { get; }
    /// <summary>Static maps after bed and obstacle (the flume's: roughness, inflow segment).</summary>
    public IReadOnlyList<string> MoreStaticNames { get; }

    /// <summary>Channel counts for building a model: the statics (bed, obstacle and <see cref="MoreStaticNames"/>), the
    /// forcings and extra maps.</summary>
    public MapInputs Inputs => new(2 + MoreStaticNames.Count, ForcingNames.Count, ExtraNames.Count, Rows, Columns);

    /// <summary>The same events with other events' lists (e.g. more training events), keeping the channel names.</summary>
    public MapSequences WithEvents(IReadOnlyList<MapEvent> events) =>
        new(events, Frames, Rows, Columns, ForcingNames, ExtraNames, MoreStaticNames);

    /// <summary>The events of <paramref name="events"/> (indices, e.g. <c>data.Split("test")</c>) of a flume data set.</summary>
    /// <remarks>Besides bed and obstacles the models see the two things the solver knows that the depth maps do not
    /// show: the event's Manning roughness (a uniform map, s/m^(1/3)) and where the inflow enters (1 in the West
    /// column's cells whose centre lies on the inflow segment). Without them, normal depth, which goes as n^(3/5),
    /// varies by a factor of two across the generator's roughness range with nothing in the inputs to tell why.
    /// With <paramref name="storageEstimate"/> the forcing gets a second series, <c>storage_depth</c>: the
    /// <see cref="FlumeStorageEstimate"/> level-pool mean depth (m) from the inflow, slope and roughness, started from
    /// the first frame's observed mean depth (the "physics-encoded" variant: a process-based estimate as an input).
    /// With <paramref name="coarseSolverFactor"/> above 0 every frame gets an extra map, <c>coarse_depth</c>: the
    /// <see cref="FlumeCoarseSimulation"/> of the event on a grid that many times coarser, interpolated onto this grid (m;
    /// the "multi-fidelity" variant: the surrogate corrects a cheap simulation).</remarks>
    public static MapSequences FromFlume(FlumeDataSet data, IReadOnlyList<int> events, bool storageEstimate = false,
        int coarseSolverFactor = 0)
    {
        if (coarseSolverFactor < 0) throw new ArgumentOutOfRangeException(nameof(coarseSolverFactor), coarseSolverFactor,
            "0 (no coarse solver) or a coarsening factor");
        var cells = data.Rows * data.Columns;
        var flume = new LaboratoryFlume(data.Columns, data.Rows, data.Metadata.CellSize);
        var list = events.Select(index =>
        {
            var e = data.ReadEvent(index);
            var parameters = e.Metadata.Parameters;
            var statics = new float[2 * cells];                                                    // [roughness, inflow segment] x [y, x]
            Array.Fill(statics, (float)parameters.Manning, 0, cells);
            var segment = flume.InflowSegment(parameters);                                          // the solver's own segment
            for (var row = 0; row < data.Rows; row++)
                if (segment.Covers(row, data.Metadata.CellSize)) statics[cells + row * data.Columns] = 1f;
            var forcing = storageEstimate ? WithStorageDepth(e.Inflow, StorageDepth(data, e)) : e.Inflow;
            var coarse = coarseSolverFactor > 0 ? CoarseDepth(data, e, coarseSolverFactor) : null;   // [time, 1, y, x]
            return new MapEvent(e.Metadata.Name, e.Depth, e.Bed, e.Obstacle, forcing, coarse, statics);
        }).ToArray();
        return new MapSequences(list, data.Frames, data.Rows, data.Columns, storageEstimate ? ["inflow", "storage_depth"] : ["inflow"],
            coarseSolverFactor > 0 ? ["coarse_depth"] : [], ["roughness", "inflow_segment"]);
    }

    /// <summary>The <see cref="FlumeCoarseSimulation"/> depth (m) of event <paramref name="e"/> of <paramref name="data"/>
    /// on a grid <paramref name="factor"/> times coarser, on the data set's grid at every frame, [time, y, x]: the
    /// <c>coarse_depth</c> extra map of <see cref="FromFlume"/>.</summary>
    public static float[] CoarseDepth(FlumeDataSet data, FlumeEvent e, int factor)
    {
        var flume = new LaboratoryFlume(data.Columns, data.Rows, data.Metadata.CellSize);
        return FlumeCoarseSimulation.Depth(flume, e.Metadata.Parameters, factor, data.Frames, data.Metadata.FrameInterval);
    }

    /// <summary>The <see cref="FlumeStorageEstimate"/> level-pool mean depth (m) of event <paramref name="e"/> of
    /// <paramref name="data"/> at every frame, [time], started from its first frame's observed mean depth over the open
    /// cells: the <c>storage_depth</c> forcing of <see cref="FromFlume"/>.</summary>
    public static double[] StorageDepth(FlumeDataSet data, FlumeEvent e)
    {
        var flume = new LaboratoryFlume(data.Columns, data.Rows, data.Metadata.CellSize);
        var cells = e.Obstacle.Length;
        var (open, water) = (0, 0.0);
        for (var i = 0; i < cells; i++)
            if (e.Obstacle[i] == 0) { open++; water += e.Depth[i]; }                                // frame 0
        if (open == 0) throw new InvalidDataException($"flume event '{e.Metadata.Name}' has no open cell");
        var cellArea = flume.CellSize * flume.CellSize;
        return FlumeStorageEstimate.MeanDepth(flume, e.Metadata.Parameters, open * cellArea, water / open, data.Frames,
            data.Metadata.FrameInterval);
    }

    // [time, 2]: the inflow and the level-pool mean depth beside it.
    private static float[] WithStorageDepth(float[] inflow, double[] storage)
    {
        var forcing = new float[2 * inflow.Length];
        for (var t = 0; t < inflow.Length; t++) (forcing[2 * t], forcing[2 * t + 1]) = (inflow[t], (float)storage[t]);
        return forcing;
    }

    /// <summary>The same events with one more forcing series, <paramref name="series"/>[event] = [time] (e.g. a
    /// process-based estimate of a bulk quantity: the "physics-encoded" variant for series rather than maps).</summary>
    public MapSequences WithForcingChannel(string name, IReadOnlyList<float[]> series)
    {
        if (series.Count != Count) throw new ArgumentException($"{series.Count} series for {Count} events", nameof(series));
        var forcings = ForcingNames.Count;
        var events = Events.Select((e, k) =>
        {
            if (series[k].Length != Frames) throw new ArgumentException(
                $"event '{e.Name}': forcing '{name}' has {series[k].Length} values, expected [time {Frames}]", nameof(series));
            var forcing = new float[Frames * (forcings + 1)];
            for (var t = 0; t < Frames; t++)
            {
                Array.Copy(e.Forcing, t * forcings, forcing, t * (forcings + 1), forcings);
                forcing[t * (forcings + 1) + forcings] = series[k][t];
            }
            return e with { Forcing = forcing };
        }).ToArray();
        return new MapSequences(events, Frames, Rows, Columns, [.. ForcingNames, name], ExtraNames, MoreStaticNames);
    }

    /// <summary>Simulations <paramref name="ids"/> of the dike-breach data set (the shared D-HYDRO one or one our
    /// generator wrote): forcings the elapsed fraction of the event and the breach inflow (m3/s), static maps the bed,
    /// no obstacles, and the breach map (1 at the cell that is wet at t = 0, where the inflow enters). The inflow comes from
    /// the event's Q file or, without one, from the growth of its water volume (<see cref="DikeBreachEvent.Inflow"/>).</summary>
    public static MapSequences FromDikeBreach(DikeBreachDataSet data, IReadOnlyList<int> ids)
    {
        var events = ids.Select(data.ReadEvent).ToArray();
        var frames = events[0].Steps;
        var cells = DikeBreachDataSet.GridSize * DikeBreachDataSet.GridSize;
        var list = events.Select(e =>
        {
            if (e.Steps != frames) throw new InvalidDataException(
                $"simulation {e.Id} has {e.Steps} steps, simulation {events[0].Id} has {frames}");
            var forcing = new float[frames * 2];
            for (var t = 0; t < frames; t++) (forcing[2 * t], forcing[2 * t + 1]) = ((float)t / (frames - 1), e.Inflow[t]);
            var breach = new float[cells];
            breach[e.BreachCell.Row * DikeBreachDataSet.GridSize + e.BreachCell.Column] = 1f;
            return new MapEvent($"dike_{e.Id}", e.Depth, e.Bed, new float[cells], forcing, null, breach);
        }).ToArray();
        return new MapSequences(list, frames, DikeBreachDataSet.GridSize, DikeBreachDataSet.GridSize, ["elapsed", "inflow_m3s"],
            [], ["breach"]);
    }

    /// <summary>The same events with one more input map per frame, <paramref name="maps"/>[event] = [time, y, x]
    /// (e.g. a coarse solver's depth: the "physics-encoded" variant).</summary>
    public MapSequences WithExtraChannel(string name, IReadOnlyList<float[]> maps)
    {
        if (maps.Count != Count) throw new ArgumentException($"{maps.Count} maps for {Count} events", nameof(maps));
        var cells = Rows * Columns;
        var channels = ExtraNames.Count;
        var events = Events.Select((e, k) =>
        {
            if (maps[k].Length != Frames * cells) throw new ArgumentException(
                $"event '{e.Name}': extra map '{name}' has {maps[k].Length} values, expected [time {Frames}, y {Rows}, x {Columns}]",
                nameof(maps));
            var extra = new float[Frames * (channels + 1) * cells];
            for (var t = 0; t < Frames; t++)
            {
                if (channels > 0) Array.Copy(e.Extra!, t * channels * cells, extra, t * (channels + 1) * cells, channels * cells);
                Array.Copy(maps[k], t * cells, extra, (t * (channels + 1) + channels) * cells, cells);
            }
            return e with { Extra = extra };
        }).ToArray();
        return new MapSequences(events, Frames, Rows, Columns, ForcingNames, [.. ExtraNames, name], MoreStaticNames);
    }

    /// <summary>Scales fitted on these events: depth by its maximum over all events, bed by its mean and spread, each
    /// forcing, extra and further static channel by its largest magnitude.</summary>
    public MapScales FitScales()
    {
        var maxDepth = Events.Max(e => e.Depth.Max());
        var beds = Events.SelectMany(e => e.Bed).Select(v => (double)v).ToArray();
        var bedMean = beds.Average();
        var bedSpread = Math.Sqrt(beds.Sum(v => (v - bedMean) * (v - bedMean)) / beds.Length);
        var forcing = Enumerable.Range(0, ForcingNames.Count)
            .Select(k => Math.Max(1e-12,
                Events.Max(e => Enumerable.Range(0, Frames).Max(t => Math.Abs(e.Forcing[t * ForcingNames.Count + k]))))).ToArray();
        var cells = Rows * Columns;
        var extra = Enumerable.Range(0, ExtraNames.Count).Select(k => Math.Max(1e-12, Events.Max(e =>
            Enumerable.Range(0, Frames)
                .Max(t => Enumerable.Range(0, cells).Max(i => Math.Abs(e.Extra![(t * ExtraNames.Count + k) * cells + i])))))).ToArray();
        var moreStatics = Enumerable.Range(0, MoreStaticNames.Count).Select(k => Math.Max(1e-12, Events.Max(e =>
            Enumerable.Range(0, cells).Max(i => Math.Abs(e.MoreStatics![k * cells + i]))))).ToArray();
        return new MapScales(Math.Max(maxDepth, 1e-6), bedMean, Math.Max(bedSpread, 1e-3), forcing, extra, moreStatics);
    }

    /// <summary>Frames [<paramref name="start"/>, start + <paramref name="length"/>) of <paramref name="events"/> in model units;
    /// with <paramref name="observedFrames"/> &gt; 0 the depth holds only that many first frames (what a roll-out from a
    /// warm-up reads), the forcing all of them.</summary>
    public MapBatch Batch(IReadOnlyList<int> events, MapScales scales, int start = 0, int length = -1, int observedFrames = -1)
    {
        if (length < 0) length = Frames - start;
        if (start < 0 || length < 1 || start + length > Frames)
            throw new ArgumentOutOfRangeException(nameof(length), $"frames {start}..{start + length - 1} are outside 0..{Frames - 1}");
        var starts = events.Select(_ => start).ToArray();
        return Batch(events, starts, length, scales, observedFrames);
    }

    /// <summary>Windows of <paramref name="length"/> frames, event <paramref name="events"/>[b] from frame <paramref name="starts"/>[b];
    /// <paramref name="observedFrames"/> as in the other overload.</summary>
    public MapBatch Batch(IReadOnlyList<int> events, IReadOnlyList<int> starts, int length, MapScales scales, int observedFrames = -1)
    {
        if (observedFrames > length)
            throw new ArgumentOutOfRangeException(nameof(observedFrames), observedFrames,
                $"more observed frames than the {length} of the batch");
        var observed = observedFrames > 0 ? observedFrames : length;
        var cells = Rows * Columns;
        var (b, f, x, c) = (events.Count, ForcingNames.Count, ExtraNames.Count, 2 + MoreStaticNames.Count);
        if (MoreStaticNames.Count > 0 && (scales.MoreStatics is null || scales.MoreStatics.Count != MoreStaticNames.Count))
            throw new ArgumentException(
                $"the scales have {scales.MoreStatics?.Count ?? 0} static-map scales, the events {MoreStaticNames.Count} ({string.Join(", ", MoreStaticNames)})", nameof(scales));
        var depth = new float[(long)b * observed * cells];
        var statics = new float[b * c * cells];
        var open = new float[b * cells];
        var forcing = new float[b * length * f];
        var extra = x > 0 ? new float[(long)b * length * x * cells] : null;
        for (var k = 0; k < b; k++)
        {
            var e = Events[events[k]];
            var s = starts[k];
            var perMetre = 1.0 / scales.Depth;
            for (var i = 0; i < (long)observed * cells;
                i++) depth[(long)k * observed * cells + i] = (float)(e.Depth[(long)s * cells + i] * perMetre);
            for (var i = 0; i < cells; i++)
            {
                statics[(k * c) * cells + i] = (float)((e.Bed[i] - scales.BedMean) / scales.BedScale);
                statics[(k * c + 1) * cells + i] = e.Obstacle[i];
                open[k * cells + i] = e.Obstacle[i] > 0.5f ? 0f : 1f;
            }
            for (var j = 0; j < c - 2; j++)
                for (var i = 0; i < cells; i++)
                    statics[(k * c + 2 + j) * cells + i] = (float)(e.MoreStatics![j * cells + i] / scales.MoreStatics![j]);
            for (var t = 0; t < length; t++)
                for (var j = 0; j < f; j++) forcing[(k * length + t) * f + j] = (float)(e.Forcing[(s + t) * f + j] / scales.Forcing[j]);
            // Spans over each [y, x] map: the element-wise loop with the event and the scale looked up per cell took 8 ms
            // for one flume event's coarse-solver maps, half as long as the network's own roll-out.
            if (extra is not null)
                for (var t = 0; t < length; t++)
                    for (var j = 0; j < x; j++)
                    {
                        var source = e.Extra.AsSpan(((s + t) * x + j) * cells, cells);
                        var target = extra.AsSpan((int)((((long)k * length + t) * x + j) * cells), cells);
                        Scale(source, (float)(1.0 / scales.Extra[j]), target);
                    }
        }
        return new MapBatch(
            tensor(depth, [b, observed, Rows, Columns]),
            tensor(statics, [b, c, Rows, Columns]),
            tensor(forcing, [b, length, f]),
            extra is null ? null : tensor(extra, [b, length, x, Rows, Columns]),
            tensor(open, [b, 1, Rows, Columns]));
    }

    // target = source x factor, a SIMD vector at a time.
    private static void Scale(ReadOnlySpan<float> source, float factor, Span<float> target)
    {
        var width = System.Numerics.Vector<float>.Count;
        var i = 0;
        for (; i <= source.Length - width; i += width) (new System.Numerics.Vector<float>(source[i..]) * factor).CopyTo(target[i..]);
        for (; i < source.Length; i++) target[i] = source[i] * factor;
    }

    /// <summary>Observed depth (m) of event <paramref name="index"/> from frame <paramref name="start"/> on, [time, y, x].</summary>
    public Tensor ObservedDepth(int index, int start = 0)
    {
        var cells = Rows * Columns;
        return tensor(Events[index].Depth.AsSpan(start * cells).ToArray(), [Frames - start, Rows, Columns]);
    }
}
