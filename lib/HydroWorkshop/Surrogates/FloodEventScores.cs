namespace HydroWorkshop.Surrogates;

/// <summary>
/// One event's <see cref="FloodMetrics"/> over the predicted frames: each field is defined, with its formula and source,
/// by the function of the same name there. Undefined scores are NaN.
/// </summary>
/// <param name="Event">The event's name (or <c>median</c> for <see cref="Median"/>).</param>
/// <param name="Mae">Depth MAE over all cell-times, m.</param>
/// <param name="Rmse">Depth RMSE over all cell-times, m.</param>
/// <param name="WetMae">Depth MAE over the cell-times wet (&gt; 0.05 m) in the reference or the prediction, m.</param>
/// <param name="WetRmse">Depth RMSE over the same wet cell-times, m.</param>
/// <param name="Csi">Critical success index at 0.05 m.</param>
/// <param name="DeepCsi">Critical success index at 0.3 m.</param>
/// <param name="ArrivalTimeError">Mean absolute error of the flood front's arrival over the cells flooded in both, h.</param>
/// <param name="FloodedInOneOnly">Share of the flooded cells that flood in one map only, 0..1.</param>
/// <param name="VolumeErrorLast">Relative error of the total water volume at the last frame (signed).</param>
/// <param name="VolumeErrorLargest">Largest magnitude of the relative volume error over the frames (≥ 0).</param>
/// <param name="MaeOverTime">Depth MAE of each predicted frame, m.</param>
public sealed record FloodEventScores(string Event, double Mae, double Rmse, double WetMae, double WetRmse, double Csi, double DeepCsi,
    double ArrivalTimeError, double FloodedInOneOnly, double VolumeErrorLast, double VolumeErrorLargest, IReadOnlyList<double> MaeOverTime)
{
    /// <summary>
    /// The median over <paramref name="events"/> of every score, each over the events where it is defined (NaN when it is
    /// nowhere; a prediction that is not finite makes every score of its event NaN, which the evaluation table reports
    /// separately), and of <see cref="MaeOverTime"/> frame by frame. The median rather than the mean, so that one
    /// pathological event does not decide a table of ten.
    /// </summary>
    public static FloodEventScores Median(IReadOnlyList<FloodEventScores> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0) throw new ArgumentException("no events to take the median of", nameof(events));
        double Of(Func<FloodEventScores, double> value) => Evaluation.Metrics.Median(events.Select(value));
        var frames = events.Max(e => e.MaeOverTime.Count);
        var series = Enumerable.Range(0, frames)
            .Select(t => Evaluation.Metrics.Median(events.Where(e => t < e.MaeOverTime.Count).Select(e => e.MaeOverTime[t]))).ToArray();
        return new FloodEventScores("median", Of(e => e.Mae), Of(e => e.Rmse), Of(e => e.WetMae), Of(e => e.WetRmse), Of(e => e.Csi),
            Of(e => e.DeepCsi), Of(e => e.ArrivalTimeError), Of(e => e.FloodedInOneOnly), Of(e => e.VolumeErrorLast),
            Of(e => e.VolumeErrorLargest), series);
    }
}
