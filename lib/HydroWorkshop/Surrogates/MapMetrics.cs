using TorchSharp;
using static TorchSharp.torch;

namespace HydroWorkshop.Surrogates;

/// <summary>
/// Skill of predicted flood-depth maps, one function per metric with its formula and source (as
/// <see cref="Evaluation.Metrics"/> does for series). Maps are <c>[time, y, x]</c> depths in m, predicted and
/// observed (or simulated by the solver) of the same shape; scores are counted over <em>cell-times</em>
/// (one cell at one time step), so a 10-step event on a 20×30 grid has 6000 of them.
/// <list type="bullet">
/// <item><b>Valid</b>: a cell-time whose observed depth is finite. NaN (or ±∞) in the observation is no-data
/// (outside the domain, a gap) and is left out of every score.</item>
/// <item><b>Wet</b>: depth &gt; <c>wetThreshold</c> (strictly). The threshold is rounded to float32 before the
/// comparison, as numpy and PyTorch do when a float32 map meets a scalar, so a depth stored as exactly
/// 1 mm is dry at a 1 mm threshold in all three.</item>
/// <item><b>Wet cell-times</b> for <see cref="WetRmse(Tensor, Tensor, double)"/> and
/// <see cref="WetMae(Tensor, Tensor, double)"/>: observed <em>or</em> predicted wet (the union, H + M + F of the
/// contingency table). Over observed-wet cells alone a model that floods dry land would not be penalised,
/// over predicted-wet alone one that predicts everything dry would score perfectly; the union is where either
/// map says there is water, and it leaves out the always-dry remainder (usually most of the domain), which
/// would dilute the error towards zero.</item>
/// <item>A score the data leave undefined (nothing valid, no wet cell-time, nothing observed wet for POD,
/// nothing predicted wet for FAR) is NaN, never a silent 0 or 1, and never an exception in the middle of an
/// evaluation table.</item>
/// <item>A prediction that is NaN or ±∞ where the observation is valid makes every score NaN: a diverged
/// model must not look good because its bad cells were skipped.</item>
/// </list>
/// Tensors may be of any float dtype and device; they are read once into arrays (no tensor is left alive) and
/// the sums are kept in double precision.
/// </summary>
public static partial class MapMetrics
{
    /// <summary>All scores of <paramref name="predicted"/> against <paramref name="observed"/>, both
    /// <c>[time, y, x]</c> depths in m, with wet/dry at <paramref name="wetThreshold"/> (m).</summary>
    /// <exception cref="ArgumentException">The shapes differ or are not 3-dimensional (the message names both).</exception>
    public static MapScores Score(Tensor predicted, Tensor observed, double wetThreshold)
    {
        var (p, o, shape) = ReadMaps(predicted, observed);
        return Score(p, o, shape, wetThreshold);
    }

    /// <summary><see cref="Score(Tensor, Tensor, double)"/> on row-major arrays of shape <c>[time, y, x]</c>
    /// (e.g. <see cref="FloodData.NpyArray.Data"/> and its <see cref="FloodData.NpyArray.Shape"/>).</summary>
    public static MapScores Score(float[] predicted, float[] observed, int[] shape, double wetThreshold) =>
        TallyOf(predicted, observed, shape, wetThreshold).ToScores();

    /// <summary>The scores of each time step on its own, one per step of the time axis, in order: element k
    /// scores map k of the roll-out (lead time k + 1 steps when the sequence starts one step after the
    /// last observed input). <see cref="MapScores.MaxDepthError"/> of a single step is the largest absolute
    /// depth error of that map.</summary>
    public static IReadOnlyList<MapScores> ScoreByLeadTime(Tensor predicted, Tensor observed, double wetThreshold)
    {
        var (p, o, shape) = ReadMaps(predicted, observed);
        return ScoreByLeadTime(p, o, shape, wetThreshold);
    }

    /// <summary><see cref="ScoreByLeadTime(Tensor, Tensor, double)"/> on row-major <c>[time, y, x]</c> arrays.</summary>
    public static IReadOnlyList<MapScores> ScoreByLeadTime(float[] predicted, float[] observed, int[] shape, double wetThreshold) =>
        TalliesByStep(predicted, observed, shape, wetThreshold).Select(t => t.ToScores()).ToArray();

    /// <summary>
    /// Depth RMSE over all valid cell-times, m: √( Σ (p − o)² / N ) with N the number of valid cell-times.
    /// </summary>
    public static double Rmse(Tensor predicted, Tensor observed) => Score(predicted, observed, 0).Rmse;

    /// <summary>Depth MAE over all valid cell-times, m: Σ |p − o| / N.</summary>
    public static double Mae(Tensor predicted, Tensor observed) => Score(predicted, observed, 0).Mae;

    /// <summary>
    /// Depth RMSE over the wet cell-times W = {o &gt; h or p &gt; h} (h the threshold), m:
    /// √( Σ_W (p − o)² / |W| ); NaN when W is empty. Why the union: see <see cref="MapMetrics"/>.
    /// </summary>
    public static double WetRmse(Tensor predicted, Tensor observed, double wetThreshold) =>
        Score(predicted, observed, wetThreshold).WetRmse;

    /// <summary>Depth MAE over the wet cell-times W = {o &gt; h or p &gt; h}, m: Σ_W |p − o| / |W|; NaN when W is empty.</summary>
    public static double WetMae(Tensor predicted, Tensor observed, double wetThreshold) => Score(predicted, observed, wetThreshold).WetMae;

    /// <summary>
    /// Maximum-depth error, m: max over cells (y, x) of | max_t p(t, y, x) − max_t o(t, y, x) |, each maximum
    /// taken over the valid steps of that cell. The per-cell maximum over an event is the maximum-depth
    /// (hazard) map that flood-risk studies read off a simulation; this is the L∞ norm of its error, the
    /// depth at the worst cell (sensitive to one cell by design; RMSE and MAE give the typical error).
    /// NaN when no cell has a valid step.
    /// </summary>
    public static double MaxDepthError(Tensor predicted, Tensor observed) => Score(predicted, observed, 0).MaxDepthError;

    /// <summary>Hits, misses, false alarms and correct negatives of wet (depth &gt; threshold) over the valid cell-times.</summary>
    public static WetDryContingency Contingency(Tensor predicted, Tensor observed, double wetThreshold)
    {
        var (p, o, shape) = ReadMaps(predicted, observed);
        return TallyOf(p, o, shape, wetThreshold).Contingency;
    }

    /// <summary>
    /// Critical success index (threat score, the "F" fit of flood-extent studies):
    /// CSI = H / (H + M + F), 1 is perfect, 0 no overlap. Correct negatives are left out so that a large dry
    /// domain does not inflate the score. Schaefer (1990), Weather Forecast. 5(4); in flood mapping Bates &amp;
    /// De Roo (2000), J. Hydrol. 236(1–2), Wing et al. (2017), Water Resour. Res. 53(9), and for dike-breach
    /// surrogates Bentivoglio et al. (2023), Hydrol. Earth Syst. Sci. 27. NaN when H + M + F = 0 (nothing wet
    /// anywhere: there is no extent to get right, and neither 0 nor 1 would be honest).
    /// </summary>
    public static double Csi(long hits, long misses, long falseAlarms) =>
        hits + misses + falseAlarms == 0 ? double.NaN : (double)hits / (hits + misses + falseAlarms);

    /// <summary>Probability of detection (hit rate): POD = H / (H + M), the share of the observed wet cell-times
    /// that are predicted wet. Wilks (2011), Statistical Methods in the Atmospheric Sciences, 3rd ed., §8.2;
    /// Wing et al. (2017). NaN when nothing is observed wet (H + M = 0).</summary>
    public static double Pod(long hits, long misses) =>
        hits + misses == 0 ? double.NaN : (double)hits / (hits + misses);

    /// <summary>False-alarm ratio: FAR = F / (H + F), the share of the predicted wet cell-times that are dry in
    /// the observation (0 is best). Wilks (2011), §8.2; Wing et al. (2017). NaN when nothing is predicted wet
    /// (H + F = 0).</summary>
    public static double Far(long hits, long falseAlarms) =>
        hits + falseAlarms == 0 ? double.NaN : (double)falseAlarms / (hits + falseAlarms);

    /// <summary>F1 score (Dice coefficient), the harmonic mean of POD and 1 − FAR: F1 = 2H / (2H + M + F)
    /// = 2·CSI / (1 + CSI). van Rijsbergen (1979), Information Retrieval, 2nd ed., ch. 7. NaN when
    /// H + M + F = 0.</summary>
    public static double F1(long hits, long misses, long falseAlarms) =>
        hits + misses + falseAlarms == 0 ? double.NaN : 2.0 * hits / (2.0 * hits + misses + falseAlarms);

    // ---- reading and checking --------------------------------------------------------------------------

    internal static Tally TallyOf(float[] predicted, float[] observed, int[] shape, double wetThreshold)
    {
        var (time, cells) = CheckArrays(predicted, observed, shape);
        var tally = new Tally();
        tally.Add(predicted, observed, time, cells, CheckThreshold(wetThreshold));
        return tally;
    }

    internal static Tally[] TalliesByStep(float[] predicted, float[] observed, int[] shape, double wetThreshold)
    {
        var (time, cells) = CheckArrays(predicted, observed, shape);
        var threshold = CheckThreshold(wetThreshold);
        var tallies = new Tally[time];
        for (var t = 0; t < time; t++)
        {
            tallies[t] = new Tally();
            tallies[t].Add(predicted.AsSpan(t * cells, cells), observed.AsSpan(t * cells, cells), 1, cells, threshold);
        }
        return tallies;
    }

    /// <summary>Both maps as float32 row-major arrays after checking that they are the same <c>[time, y, x]</c>.</summary>
    internal static (float[] Predicted, float[] Observed, int[] Shape) ReadMaps(Tensor predicted, Tensor observed)
    {
        ArgumentNullException.ThrowIfNull(predicted);
        ArgumentNullException.ThrowIfNull(observed);
        var (predictedShape, observedShape) = (predicted.shape, observed.shape);
        if (predictedShape.Length != 3 || !predictedShape.SequenceEqual(observedShape))
            throw new ArgumentException(
                $"predicted has shape {ShapeText(predictedShape)} and observed has shape {ShapeText(observedShape)}; " +
                                        "both must be the same [time, y, x] depth maps");
        return (ToFloats(predicted), ToFloats(observed), predictedShape.Select(s => checked((int)s)).ToArray());
    }

    internal static float[] ToFloats(Tensor maps)
    {
        using var scope = torch.NewDisposeScope();
        var values = maps.detach();
        if (values.dtype != ScalarType.Float32) values = values.to(ScalarType.Float32);
        return values.data<float>().ToArray();
    }

    /// <summary>Checks that the arrays hold the same <c>[time, y, x]</c> maps; returns time steps and cells per step.</summary>
    internal static (int Time, int Cells) CheckArrays(float[] predicted, float[] observed, int[] shape)
    {
        ArgumentNullException.ThrowIfNull(predicted);
        ArgumentNullException.ThrowIfNull(observed);
        ArgumentNullException.ThrowIfNull(shape);
        if (shape.Length != 3 || shape.Any(s => s < 0))
            throw new ArgumentException($"shape must be [time, y, x] with no negative size, got {ShapeText(shape)}", nameof(shape));
        var count = (long)shape[0] * shape[1] * shape[2];
        if (predicted.Length != count || observed.Length != count)
            throw new ArgumentException(
                $"shape {ShapeText(shape)} holds {count} values but predicted has {predicted.Length} and observed has {observed.Length}");
        return (shape[0], shape[1] * shape[2]);
    }

    internal static float CheckThreshold(double wetThreshold)
    {
        if (!double.IsFinite(wetThreshold) || wetThreshold < 0)
            throw new ArgumentOutOfRangeException(nameof(wetThreshold), wetThreshold, "the wet threshold is a depth in m: finite and >= 0");
        return (float)wetThreshold;
    }

    internal static string ShapeText<T>(IEnumerable<T> shape) => "[" + string.Join(", ", shape) + "]";
}
