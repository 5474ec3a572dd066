namespace HydroWorkshop.Surrogates;

/// <summary>
/// The "nothing changes" baseline: the last frame a surrogate sees (frame <c>firstFrame − 1</c>; the initial map, frame
/// 0, for a model that rolls out from the initial state) repeated at every predicted frame. It costs nothing and is
/// exact where the water stands still, so a surrogate that does not beat it has learned no dynamics; for a breach that
/// starts from one wet cell it is a dry map, the floor of every extent score.
/// </summary>
public sealed class PersistenceBaseline : IFloodPredictor
{
    public string Name => "persistence";

    public FloodPredictorRole Role => FloodPredictorRole.Baseline;

    public float[] Predict(MapSequences data, int index, int firstFrame, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (firstFrame < 1 || firstFrame >= data.Frames)
            throw new ArgumentOutOfRangeException(nameof(firstFrame), firstFrame,
                $"persistence needs at least one seen frame and one to predict, of {data.Frames}");
        var cells = data.Rows * data.Columns;
        var last = data.Events[index].Depth.AsSpan((firstFrame - 1) * cells, cells);
        var depth = new float[(data.Frames - firstFrame) * cells];
        for (var t = 0; t < data.Frames - firstFrame; t++) last.CopyTo(depth.AsSpan(t * cells, cells));
        return depth;
    }
}
