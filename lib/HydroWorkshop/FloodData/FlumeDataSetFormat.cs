using System.Text.Json;
using System.Text.Json.Serialization;
using HydroWorkshop.Physics;

namespace HydroWorkshop.FloodData;

/// <summary>
/// The flume data set's on-disk layout (readable from Python with numpy and json):
/// <code>
/// dataset.json                      FlumeDataSetMetadata (grid, frames, channels, events with their split)
/// events/event_0000/depth.npy       float32 [time, y, x] water depth (m)
/// events/event_0000/velocity_x.npy  float32 [time, y, x] depth-averaged velocity along x (m/s), 0 where dry
/// events/event_0000/velocity_y.npy  float32 [time, y, x] velocity along y (m/s)
/// events/event_0000/bed.npy         float32 [y, x] bed elevation (m)
/// events/event_0000/obstacle.npy    uint8   [y, x] 1 = solid block
/// events/event_0000/inflow.npy      float32 [time] inflow discharge (m3/s) at each frame time
/// events/event_0000/event.json      FlumeEventMetadata (parameters, split, statistics); written last
/// </code>
/// Row 0 of every map is the South wall (y = 0), column 0 the inlet side (x = 0); frame k is at t = k * frameInterval.
/// </summary>
public static class FlumeDataSetFormat
{
    public const string FormatName = "hydroworkshop-flume-v1";
    public const string MetadataFile = "dataset.json";
    public const string EventsFolder = "events";
    public const string EventFile = "event.json";
    public static readonly IReadOnlyList<string> DynamicChannels = ["depth", "velocity_x", "velocity_y"];

    internal static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>Event folder name of event <paramref name="index"/>.</summary>
    public static string EventName(int index) => $"event_{index:D4}";

    /// <summary>Writes JSON atomically (temporary file, then rename).</summary>
    internal static void WriteJson<T>(string path, T value) =>
        HydroWorkshop.Common.AtomicFile.WriteAllText(path, JsonSerializer.Serialize(value, Json));

    internal static T ReadJson<T>(string path) =>
        JsonSerializer.Deserialize<T>(File.ReadAllText(path), Json)
        ?? throw new InvalidDataException($"{path}: empty JSON document");
}

/// <summary>The top-level metadata of a flume data set (<c>dataset.json</c>).</summary>
public sealed record FlumeDataSetMetadata(
    string Format,
    int Seed,
    int Columns,
    int Rows,
    double CellSize,
    int Frames,
    double FrameInterval,
    IReadOnlyList<string> Channels,
    IReadOnlyList<FlumeEventEntry> Events,
    string Layout);

/// <summary>One event in <c>dataset.json</c>: folder name and split ("train", "validation" or "test").</summary>
public sealed record FlumeEventEntry(string Name, string Split);

/// <summary>Per-event metadata (<c>event.json</c>).</summary>
public sealed record FlumeEventMetadata(
    string Name,
    int Index,
    string Split,
    int Seed,
    FlumeEventParameters Parameters,
    double WetFraction,
    double MaxDepth,
    long SolverSteps,
    double WallSeconds);
