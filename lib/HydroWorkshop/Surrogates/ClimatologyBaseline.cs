namespace HydroWorkshop.Surrogates;

/// <summary>
/// The "average flood" baseline: at each frame index the mean of the training events' depth maps at that frame,
/// mean_e h_e(t, y, x), the same for every event. It knows when and where the training floods were, nothing of the
/// event at hand; a surrogate that does not beat it has learned the training set, not the flow (issue 22: on the
/// dike-breach test split it had a lower wet RMSE than the CNN–LSTM).
/// </summary>
public sealed class ClimatologyBaseline : IFloodPredictor
{
    private readonly float[] mean;
    private readonly int frames, rows, columns;

    /// <param name="training">The events a surrogate was trained on; all of the same grid and frame count.</param>
    public ClimatologyBaseline(MapSequences training)
    {
        ArgumentNullException.ThrowIfNull(training);
        (frames, rows, columns) = (training.Frames, training.Rows, training.Columns);
        var sum = new double[(long)frames * rows * columns];
        foreach (var e in training.Events)
            for (var i = 0; i < sum.Length; i++) sum[i] += e.Depth[i];
        mean = Array.ConvertAll(sum, s => (float)(s / training.Count));
        Events = training.Count;
    }

    public string Name => "climatology";

    public FloodPredictorRole Role => FloodPredictorRole.Baseline;

    /// <summary>How many training events the mean is over.</summary>
    public int Events { get; }

    /// <summary>The mean depth (m) at every frame, <c>[frames, y, x]</c> (a copy).</summary>
    public float[] MeanDepth => (float[])mean.Clone();

    public float[] Predict(MapSequences data, int index, int firstFrame, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Frames != frames || data.Rows != rows || data.Columns != columns)
            throw new ArgumentException($"the training events have {frames} frames of {rows} x {columns} cells, the evaluated ones " +
                                        $"{data.Frames} of {data.Rows} x {data.Columns}; the per-frame mean needs the same", nameof(data));
        if (firstFrame < 0 || firstFrame >= frames) throw new ArgumentOutOfRangeException(nameof(firstFrame), firstFrame,
            $"outside 0..{frames - 1}");
        return mean.AsSpan(firstFrame * rows * columns).ToArray();
    }
}
