namespace HydroWorkshop.Surrogates;

/// <summary>
/// The event scores flood-surrogate studies report (Bentivoglio et al. 2023, HESS 27, 4227; Löwe et al. 2021,
/// J. Hydrol. 603; Kabir et al. 2020, J. Hydrol. 590), one function per metric, in the style of
/// <see cref="Evaluation.Metrics"/>: predicted and reference depth maps <c>[time, y, x]</c> in m of one event, row-major,
/// over the frames a model predicts (after its warm-up), with the reference the solver's (or observed) depths.
/// <list type="bullet">
/// <item><b>Wet</b>: depth &gt; <see cref="WetThreshold"/> = 0.05 m (strictly, compared in float32 as
/// <see cref="MapMetrics"/> does). 5 cm is the threshold of the dike-breach reference (Bentivoglio et al. 2023), below
/// which a cell counts as dry; 0.3 m (<see cref="DeepThreshold"/>) is the second extent that paper scores (CSI at both).</item>
/// <item>Errors are counted over cell-times (a cell at one frame), as in <see cref="MapMetrics"/>, whose tallies they use,
/// so the two agree to the last bit on the same maps and threshold.</item>
/// <item>A score the data leave undefined (no wet cell for a wet error, nothing flooded for CSI, no cell flooded in both
/// for the arrival error, no water in the reference for the volume error) is NaN; a prediction that holds NaN or ±∞
/// where the reference is valid makes every score NaN (a diverged model must not look good). NaN in the reference is
/// no-data and left out.</item>
/// </list>
/// </summary>
public static class FloodMetrics
{
    /// <summary>Wet/dry threshold of the wet-cell errors, the first CSI and the flood-front arrival, m.</summary>
    public const double WetThreshold = 0.05;

    /// <summary>Threshold of the second CSI (deep water), m.</summary>
    public const double DeepThreshold = 0.3;

    /// <summary>Every score of one event (see <see cref="FloodEventScores"/>).</summary>
    /// <param name="eventName">The event's name, carried into the record.</param>
    /// <param name="predicted">Predicted depth [time, y, x], m.</param>
    /// <param name="reference">Reference depth [time, y, x], m (NaN = no data).</param>
    /// <param name="shape">[time, y, x].</param>
    /// <param name="frameHours">Time between frames, h (dike breach: 0.5).</param>
    public static FloodEventScores Score(string eventName, float[] predicted, float[] reference, int[] shape, double frameHours)
    {
        ArgumentNullException.ThrowIfNull(eventName);
        var wet = MapMetrics.TallyOf(predicted, reference, shape, WetThreshold).ToScores();
        var deep = MapMetrics.TallyOf(predicted, reference, shape, DeepThreshold).ToScores();
        var volume = RelativeVolumeError(predicted, reference, shape);
        return new FloodEventScores(eventName,
            Mae: wet.Mae, Rmse: wet.Rmse, WetMae: wet.WetMae, WetRmse: wet.WetRmse, Csi: wet.Csi, DeepCsi: deep.Csi,
            ArrivalTimeError: ArrivalTimeError(predicted, reference, shape, frameHours),
            FloodedInOneOnly: FloodedInOneOnly(predicted, reference, shape),
            VolumeErrorLast: volume.Length == 0 ? double.NaN : volume[^1],
            VolumeErrorLargest: LargestMagnitude(volume),
            MaeOverTime: MaeOverTime(predicted, reference, shape));
    }

    /// <summary>Depth MAE over all valid cell-times, m: Σ |p − o| / N (N valid cell-times).</summary>
    public static double Mae(float[] predicted, float[] reference, int[] shape) =>
        MapMetrics.TallyOf(predicted, reference, shape, WetThreshold).ToScores().Mae;

    /// <summary>Depth RMSE over all valid cell-times, m: √( Σ (p − o)² / N ).</summary>
    public static double Rmse(float[] predicted, float[] reference, int[] shape) =>
        MapMetrics.TallyOf(predicted, reference, shape, WetThreshold).ToScores().Rmse;

    /// <summary>Depth MAE over the wet cell-times W = {o &gt; 0.05 m or p &gt; 0.05 m}, m: Σ_W |p − o| / |W|; NaN when W
    /// is empty. The union, so that neither flooding dry land nor drying a flood goes unpunished, and without the
    /// always-dry rest of the domain, which would dilute the error towards 0 (see <see cref="MapMetrics"/>).</summary>
    public static double WetMae(float[] predicted, float[] reference, int[] shape) =>
        MapMetrics.TallyOf(predicted, reference, shape, WetThreshold).ToScores().WetMae;

    /// <summary>Depth RMSE over the wet cell-times W = {o &gt; 0.05 m or p &gt; 0.05 m}, m: √( Σ_W (p − o)² / |W| ).</summary>
    public static double WetRmse(float[] predicted, float[] reference, int[] shape) =>
        MapMetrics.TallyOf(predicted, reference, shape, WetThreshold).ToScores().WetRmse;

    /// <summary>Critical success index of the flood extent at <paramref name="threshold"/> (m), over cell-times:
    /// CSI = H / (H + M + F) (hits, misses, false alarms of depth &gt; threshold). Schaefer (1990), Weather Forecast. 5(4);
    /// Bentivoglio et al. (2023) report it at 0.05 and 0.3 m. NaN when nothing is wet in either map.</summary>
    public static double Csi(float[] predicted, float[] reference, int[] shape, double threshold) =>
        MapMetrics.TallyOf(predicted, reference, shape, threshold).ToScores().Csi;

    /// <summary>
    /// The frame at which each cell first floods: the first frame index t with depth &gt; <paramref name="threshold"/>
    /// (m), or −1 where it never does; <c>[y, x]</c> row-major. A cell already wet at the first frame arrives at 0 (the
    /// arrival is censored at the first scored frame). NaN steps (no data) never mark an arrival.
    /// </summary>
    public static int[] ArrivalFrames(float[] depth, int[] shape, double threshold = WetThreshold)
    {
        ArgumentNullException.ThrowIfNull(depth);
        var (time, cells) = MapMetrics.CheckArrays(depth, depth, shape);
        var limit = MapMetrics.CheckThreshold(threshold);
        var arrival = new int[cells];
        Array.Fill(arrival, -1);
        for (var t = 0; t < time; t++)
            for (var c = 0; c < cells; c++)
                if (arrival[c] < 0 && depth[t * cells + c] > limit) arrival[c] = t;      // NaN > limit is false
        return arrival;
    }

    /// <summary>
    /// Arrival-time error of the flood front, h: over the cells C that flood (depth &gt; 0.05 m at some frame) in both
    /// maps, mean_C |t_p − t_o| × <paramref name="frameHours"/>, with t the first flooded frame
    /// (<see cref="ArrivalFrames"/>). The arrival time of the flood is, beside the maximum depth, what evacuation and
    /// loss-of-life estimates of a breach read off a simulation (Jonkman et al. 2008, Nat. Hazards 46). The cells that flood in
    /// one map only have no arrival to compare and are counted by <see cref="FloodedInOneOnly"/> instead. NaN when no
    /// cell floods in both, or the prediction is not finite where the reference is valid.
    /// </summary>
    public static double ArrivalTimeError(float[] predicted, float[] reference, int[] shape, double frameHours)
    {
        if (!double.IsFinite(frameHours) || frameHours <= 0)
            throw new ArgumentOutOfRangeException(nameof(frameHours), frameHours, "the time between frames is a positive number of hours");
        var (p, o) = Arrivals(predicted, reference, shape);
        if (p is null) return double.NaN;
        var (count, sum) = (0, 0.0);
        for (var c = 0; c < p.Length; c++)
            if (p[c] >= 0 && o[c] >= 0) { count++; sum += Math.Abs(p[c] - o[c]); }
        return count == 0 ? double.NaN : sum / count * frameHours;
    }

    /// <summary>
    /// Share of the flooded cells that flood in one map only: |P △ O| / |P ∪ O|, with P and O the cells whose depth
    /// exceeds 0.05 m at some frame in the prediction and the reference (0 is best, 1 no overlap; it is 1 − CSI of the
    /// flooded-at-any-time maps). The other half of <see cref="ArrivalTimeError"/>: a front that never arrives, or
    /// arrives where it should not, cannot be given an arrival error. NaN when neither map floods, or the prediction is
    /// not finite where the reference is valid.
    /// </summary>
    public static double FloodedInOneOnly(float[] predicted, float[] reference, int[] shape)
    {
        var (p, o) = Arrivals(predicted, reference, shape);
        if (p is null) return double.NaN;
        var (either, one) = (0, 0);
        for (var c = 0; c < p.Length; c++)
        {
            if (p[c] < 0 && o[c] < 0) continue;
            either++;
            if (p[c] < 0 || o[c] < 0) one++;
        }
        return either == 0 ? double.NaN : (double)one / either;
    }

    /// <summary>
    /// Relative error of the total water volume at each frame: (V_p(t) − V_o(t)) / V_o(t), with V(t) = Σ_cells depth ×
    /// cell area over the cells valid in the reference (the area cancels, so none is needed); NaN at frames where the
    /// reference holds no water. A surrogate is not bound by mass conservation as a finite-volume solver is, so its
    /// volume drift is a check of physical plausibility (Bentivoglio et al. 2026, NHESS 26, 2089, use a relative mass
    /// error to pick out plausible surrogate runs where no reference simulation exists). Element k is frame k of the
    /// maps; NaN everywhere when the prediction is not finite where the reference is valid.
    /// </summary>
    public static double[] RelativeVolumeError(float[] predicted, float[] reference, int[] shape)
    {
        var (time, cells) = MapMetrics.CheckArrays(predicted, reference, shape);
        var errors = new double[time];
        for (var t = 0; t < time; t++)
        {
            var (vp, vo) = (0.0, 0.0);
            for (var c = 0; c < cells; c++)
            {
                var o = reference[t * cells + c];
                if (!float.IsFinite(o)) continue;
                var p = predicted[t * cells + c];
                if (!float.IsFinite(p)) { Array.Fill(errors, double.NaN); return errors; }
                (vp, vo) = (vp + p, vo + o);
            }
            errors[t] = vo > 0 ? (vp - vo) / vo : double.NaN;
        }
        return errors;
    }

    /// <summary>Relative volume error at the last frame (signed: &lt; 0 the prediction holds too little water); see
    /// <see cref="RelativeVolumeError"/>.</summary>
    public static double VolumeErrorLast(float[] predicted, float[] reference, int[] shape) =>
        RelativeVolumeError(predicted, reference, shape) is { Length: > 0 } e ? e[^1] : double.NaN;

    /// <summary>The largest magnitude of the relative volume error over the frames, max_t |(V_p − V_o) / V_o| (≥ 0);
    /// NaN when it is undefined at every frame.</summary>
    public static double VolumeErrorLargest(float[] predicted, float[] reference, int[] shape) =>
        LargestMagnitude(RelativeVolumeError(predicted, reference, shape));

    /// <summary>Depth MAE over all valid cells of each frame, m, one value per frame (the error's growth along a
    /// roll-out, for a chart).</summary>
    public static double[] MaeOverTime(float[] predicted, float[] reference, int[] shape) =>
        MapMetrics.TalliesByStep(predicted, reference, shape, WetThreshold).Select(t => t.ToScores().Mae).ToArray();

    // Arrival frames of both maps; (null, null) when the prediction is not finite where the reference is valid.
    private static (int[]? Predicted, int[] Reference) Arrivals(float[] predicted, float[] reference, int[] shape)
    {
        MapMetrics.CheckArrays(predicted, reference, shape);
        for (var i = 0; i < predicted.Length; i++)
            if (float.IsFinite(reference[i]) && !float.IsFinite(predicted[i])) return (null, []);
        // Only the reference's valid cell-times may mark a predicted arrival, as for every other score.
        var masked = (float[])predicted.Clone();
        for (var i = 0; i < masked.Length; i++)
            if (!float.IsFinite(reference[i])) masked[i] = float.NaN;
        return (ArrivalFrames(masked, shape), ArrivalFrames(reference, shape));
    }

    private static double LargestMagnitude(double[] values)
    {
        var largest = double.NaN;
        foreach (var v in values)
            if (!double.IsNaN(v) && (double.IsNaN(largest) || Math.Abs(v) > largest)) largest = Math.Abs(v);
        return largest;
    }
}
