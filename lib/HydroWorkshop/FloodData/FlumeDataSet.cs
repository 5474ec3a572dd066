namespace HydroWorkshop.FloodData;

/// <summary>One event of a flume data set, fully loaded. Maps are row-major; see <see cref="FlumeDataSetFormat"/>.</summary>
/// <param name="Metadata">Parameters, split and statistics.</param>
/// <param name="Depth">Water depth (m), <c>[time, y, x]</c>.</param>
/// <param name="VelocityX">Velocity along x (m/s), <c>[time, y, x]</c>.</param>
/// <param name="VelocityY">Velocity along y (m/s), <c>[time, y, x]</c>.</param>
/// <param name="Bed">Bed elevation (m), <c>[y, x]</c>.</param>
/// <param name="Obstacle">1 where a solid block stands, <c>[y, x]</c>.</param>
/// <param name="Inflow">Inflow discharge (m3/s) at each frame, <c>[time]</c>.</param>
public sealed record FlumeEvent(FlumeEventMetadata Metadata, float[] Depth, float[] VelocityX, float[] VelocityY, float[] Bed,
    float[] Obstacle, float[] Inflow);

/// <summary>
/// Reads a flume data set written by <see cref="FlumeDataSetGenerator"/>. Opening reads only <c>dataset.json</c>; event
/// arrays are read from disk when asked for, so a data set larger than memory can be streamed event by event.
/// Batches come back as flat float arrays with their shape, <c>[event, time, channel, y, x]</c>.
/// </summary>
public sealed partial class FlumeDataSet
{
    private FlumeDataSet(string folder, FlumeDataSetMetadata metadata)
    {
        Folder = folder;
        Metadata = metadata;
    }

    public string Folder { get; }
    public FlumeDataSetMetadata Metadata { get; }
    public int EventCount => Metadata.Events.Count;
    public int Frames => Metadata.Frames;
    public int Rows => Metadata.Rows;
    public int Columns => Metadata.Columns;

    /// <summary>Opens the data set in <paramref name="folder"/>; errors name the file.</summary>
    public static FlumeDataSet Open(string folder)
    {
        var path = Path.Combine(folder, FlumeDataSetFormat.MetadataFile);
        if (!File.Exists(path)) throw new FileNotFoundException(
            $"{path}: no flume data set here (run data-scripts/make-flume-dataset.sh first)", path);
        var metadata = FlumeDataSetFormat.ReadJson<FlumeDataSetMetadata>(path);
        if (metadata.Format != FlumeDataSetFormat.FormatName)
            throw new InvalidDataException($"{path}: format '{metadata.Format}' is not '{FlumeDataSetFormat.FormatName}'");
        return new FlumeDataSet(folder, metadata);
    }

    /// <summary>Indices of the events in split <paramref name="split"/> ("train", "validation" or "test").</summary>
    public IReadOnlyList<int> Split(string split)
    {
        if (split is not ("train" or "validation" or "test"))
            throw new ArgumentException($"split must be train, validation or test (got '{split}')", nameof(split));
        return Enumerable.Range(0, EventCount).Where(e => Metadata.Events[e].Split == split).ToArray();
    }

    /// <summary>Reads one whole event.</summary>
    public FlumeEvent ReadEvent(int index)
    {
        var folder = EventFolder(index);
        var metadata = FlumeDataSetFormat.ReadJson<FlumeEventMetadata>(Path.Combine(folder, FlumeDataSetFormat.EventFile));
        return new FlumeEvent(metadata,
            ReadChecked(folder, "depth.npy", Frames, Rows, Columns),
            ReadChecked(folder, "velocity_x.npy", Frames, Rows, Columns),
            ReadChecked(folder, "velocity_y.npy", Frames, Rows, Columns),
            ReadChecked(folder, "bed.npy", Rows, Columns),
            ReadChecked(folder, "obstacle.npy", Rows, Columns),
            ReadChecked(folder, "inflow.npy", Frames));
    }

    /// <summary>
    /// Reads dynamic channels of several events into one flat array of shape <c>[event, time, channel, y, x]</c>.
    /// <paramref name="channels"/>: any of "depth", "velocity_x", "velocity_y" (default: all three);
    /// frames [<paramref name="startFrame"/>, startFrame + <paramref name="frameCount"/>) (default: all).
    /// </summary>
    public (float[] Data, int[] Shape) ReadSequences(IReadOnlyList<int> events, IReadOnlyList<string>? channels = null, int startFrame = 0,
        int frameCount = -1)
    {
        ArgumentNullException.ThrowIfNull(events);
        channels ??= FlumeDataSetFormat.DynamicChannels;
        foreach (var channel in channels)
            if (!FlumeDataSetFormat.DynamicChannels.Contains(channel))
                throw new ArgumentException(
                    $"unknown channel '{channel}' (channels: {string.Join(", ", FlumeDataSetFormat.DynamicChannels)})", nameof(channels));
        if (frameCount < 0) frameCount = Frames - startFrame;
        if (startFrame < 0 || frameCount < 1 || startFrame + frameCount > Frames)
            throw new ArgumentOutOfRangeException(nameof(frameCount),
                $"frames {startFrame}..{startFrame + frameCount - 1} are outside 0..{Frames - 1}");
        var map = Rows * Columns;
        var data = new float[(long)events.Count * frameCount * channels.Count * map];
        for (var e = 0; e < events.Count; e++)
        {
            var folder = EventFolder(events[e]);
            for (var c = 0; c < channels.Count; c++)
            {
                var series = ReadChecked(folder, channels[c] + ".npy", Frames, Rows, Columns);
                for (var t = 0; t < frameCount; t++)
                {
                    var target = (((long)e * frameCount + t) * channels.Count + c) * map;
                    Array.Copy(series, (long)(startFrame + t) * map, data, target, map);
                }
            }
        }
        return (data, [events.Count, frameCount, channels.Count, Rows, Columns]);
    }

    /// <summary>
    /// Streams <paramref name="events"/> in batches of <paramref name="batchSize"/> events, each read from disk only when
    /// the enumeration reaches it: <c>[batch, time, channel, y, x]</c> (the last batch may be smaller).
    /// </summary>
    public IEnumerable<(float[] Data, int[] Shape)> EnumerateBatches(IReadOnlyList<int> events, int batchSize,
        IReadOnlyList<string>? channels = null)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (batchSize < 1) throw new ArgumentOutOfRangeException(nameof(batchSize), $"batch size must be at least 1 (got {batchSize})");
        for (var start = 0; start < events.Count; start += batchSize)
            yield return ReadSequences(events.Skip(start).Take(batchSize).ToArray(), channels);
    }

    /// <summary>Static maps of several events, shape <c>[event, 2, y, x]</c>: channel 0 bed elevation (m), 1 obstacle (0/1).</summary>
    public (float[] Data, int[] Shape) ReadStaticMaps(IReadOnlyList<int> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var map = Rows * Columns;
        var data = new float[events.Count * 2 * map];
        for (var e = 0; e < events.Count; e++)
        {
            var folder = EventFolder(events[e]);
            Array.Copy(ReadChecked(folder, "bed.npy", Rows, Columns), 0, data, (e * 2) * map, map);
            Array.Copy(ReadChecked(folder, "obstacle.npy", Rows, Columns), 0, data, (e * 2 + 1) * map, map);
        }
        return (data, [events.Count, 2, Rows, Columns]);
    }

    /// <summary>Inflow discharge (m3/s) of several events at every frame, shape <c>[event, time]</c>.</summary>
    public (float[] Data, int[] Shape) ReadInflow(IReadOnlyList<int> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var data = new float[events.Count * Frames];
        for (var e = 0; e < events.Count; e++)
            Array.Copy(ReadChecked(EventFolder(events[e]), "inflow.npy", Frames), 0, data, e * Frames, Frames);
        return (data, [events.Count, Frames]);
    }

    private string EventFolder(int index)
    {
        if (index < 0 || index >= EventCount)
            throw new ArgumentOutOfRangeException(nameof(index), $"event {index} does not exist (the data set has {EventCount} events)");
        return Path.Combine(Folder, FlumeDataSetFormat.EventsFolder, Metadata.Events[index].Name);
    }

    private static float[] ReadChecked(string folder, string file, params int[] shape)
    {
        var path = Path.Combine(folder, file);
        var array = NpyFile.Read(path);
        if (!array.Shape.SequenceEqual(shape))
            throw new InvalidDataException(
                $"{path}: shape ({string.Join(", ", array.Shape)}) is not the expected ({string.Join(", ", shape)})");
        return array.Data;
    }
}
