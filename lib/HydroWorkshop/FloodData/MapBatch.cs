using static TorchSharp.torch;

namespace HydroWorkshop.FloodData;

/// <summary>
/// Events (or windows of events) in model units, as every map model reads them. Owns its tensors.
/// </summary>
/// <param name="Depth">Scaled observed water depth [batch, time, y, x]. A batch for prediction may hold only the first
/// frames (at least the warm-up): a roll-out reads no later observation (<see cref="ObservedFrames"/>).</param>
/// <param name="Statics">Static maps [batch, statics, y, x] (scaled bed elevation, obstacle 0/1, ...).</param>
/// <param name="Forcing">Scaled forcing series [batch, time, forcings] (e.g. inflow discharge), broadcast over the grid by the
/// models.</param>
/// <param name="Extra">Extra dynamic input maps [batch, time, extra, y, x] (e.g. a process-based estimate), or null.</param>
/// <param name="Open">1 where water can be, 0 in solid cells [batch, 1, y, x]: predictions are multiplied by it.</param>
public sealed record MapBatch(Tensor Depth, Tensor Statics, Tensor Forcing, Tensor? Extra, Tensor Open) : IDisposable
{
    public long Size => Depth.size(0);
    /// <summary>Frames of the event (or window): the forcing's length.</summary>
    public long Frames => Forcing.size(1);

    /// <summary>Frames with observed depth: <see cref="Frames"/>, or fewer in a batch made for prediction.</summary>
    public long ObservedFrames => Depth.size(1);
    public long Rows => Depth.size(2);
    public long Columns => Depth.size(3);

    /// <summary>The batch mirrored across the grid's x axis: every map's rows reversed (row y becomes rows − 1 − y), the
    /// forcing series unchanged. A new batch that owns its tensors (training augmentation,
    /// <c>Surrogates.MapTrainingOptions.MirrorRows</c>).</summary>
    public MapBatch MirroredRows() =>
        new(Depth.flip(-2), Statics.flip(-2), Forcing.clone(), Extra?.flip(-2), Open.flip(-2));

    /// <summary>The batch on <paramref name="device"/>: a new batch that owns its copies.</summary>
    public MapBatch To(Device device) =>
        new(Depth.to(device), Statics.to(device), Forcing.to(device), Extra?.to(device), Open.to(device));

    public void Dispose()
    {
        Depth.Dispose();
        Statics.Dispose();
        Forcing.Dispose();
        Extra?.Dispose();
        Open.Dispose();
    }
}

/// <summary>The channel counts a map model is built for.</summary>
/// <param name="Statics">Static maps per event.</param>
/// <param name="Forcings">Forcing series per event (each broadcast as one map channel).</param>
/// <param name="Extra">Extra dynamic maps per frame.</param>
/// <param name="Rows">Grid rows (y).</param>
/// <param name="Columns">Grid columns (x).</param>
public sealed record MapInputs(int Statics, int Forcings, int Extra, int Rows, int Columns)
{
    /// <summary>Channels of one frame's gridded input besides depth: statics + forcings + extra.</summary>
    public int FrameChannels => Statics + Forcings + Extra;
}
