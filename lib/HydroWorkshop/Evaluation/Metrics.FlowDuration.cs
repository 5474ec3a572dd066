namespace HydroWorkshop.Evaluation;

// Signatures of the flow duration curve (Yilmaz et al. 2008, Water Resour. Res. 44, W09417) and peak timing.
public static partial class Metrics
{
    /// <summary>
    /// FHV, the percent bias of the high-flow segment of the flow duration curve: with both series sorted in
    /// descending order and kept to their top <paramref name="h"/> fraction (default 2 %),
    /// FHV = 100 · Σ(sim_h − obs_h) / Σ obs_h. Yilmaz et al. (2008).
    /// </summary>
    public static double Fhv(ReadOnlySpan<double> observed, ReadOnlySpan<double> simulated, double h = 0.02)
    {
        if (h is <= 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(h), h, "h must be in (0, 1)");
        var (obs, sim) = SortedDescending(observed, simulated);
        var count = (int)Math.Round(h * obs.Length);
        if (count == 0) return double.NaN;
        double difference = 0, total = 0;
        for (var i = 0; i < count; i++)
        {
            difference += sim[i] - obs[i];
            total += obs[i];
        }
        return total == 0 ? double.NaN : 100 * difference / total;
    }

    /// <summary>
    /// FLV, the percent bias of the low-flow segment (bottom <paramref name="l"/> fraction, default 30 %) in log
    /// space, relative to the segment's minimum: FLV = −100 · (Σ(log sim_l − min log sim_l) − Σ(log obs_l − min
    /// log obs_l)) / Σ(log obs_l − min log obs_l); flows ≤ 0 count as 1e-6. Yilmaz et al. (2008).
    /// </summary>
    public static double Flv(ReadOnlySpan<double> observed, ReadOnlySpan<double> simulated, double l = 0.3)
    {
        if (l is <= 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(l), l, "l must be in (0, 1)");
        var (obs, sim) = SortedDescending(observed, simulated);
        var start = (int)Math.Round((1 - l) * obs.Length);
        if (obs.Length - start < 1) return double.NaN;
        var logObs = obs[start..].Select(v => Math.Log(Math.Max(v, 1e-6))).ToArray();
        var logSim = sim[start..].Select(v => Math.Log(Math.Max(v, 1e-6))).ToArray();
        var (minObs, minSim) = (logObs.Min(), logSim.Min());
        var qsl = logSim.Sum(v => v - minSim);
        var qol = logObs.Sum(v => v - minObs);
        return -100 * (qsl - qol) / (qol + 1e-6);
    }

    /// <summary>
    /// FMS, the percent bias of the slope of the mid-segment of the flow duration curve between the exceedance
    /// probabilities <paramref name="lower"/> and <paramref name="upper"/> (default 0.2 and 0.7), in log space:
    /// FMS = 100 · ((log sim_m1 − log sim_m2) − (log obs_m1 − log obs_m2)) / (log obs_m1 − log obs_m2).
    /// Yilmaz et al. (2008).
    /// </summary>
    public static double Fms(ReadOnlySpan<double> observed, ReadOnlySpan<double> simulated, double lower = 0.2, double upper = 0.7)
    {
        if (!(0 < lower && lower < upper && upper < 1)) throw new ArgumentException($"need 0 < lower ({lower}) < upper ({upper}) < 1");
        var (obs, sim) = SortedDescending(observed, simulated);
        if (obs.Length < 2) return double.NaN;
        double At(double[] sorted, double p) =>
            Math.Log(Math.Max(sorted[Math.Min(sorted.Length - 1, (int)Math.Round(p * sorted.Length))], 1e-6) + 1e-6);
        var (qsm1, qsm2) = (At(sim, lower), At(sim, upper));
        var (qom1, qom2) = (At(obs, lower), At(obs, upper));
        return 100 * ((qsm1 - qsm2) - (qom1 - qom2)) / (qom1 - qom2 + 1e-6);
    }

    /// <summary>
    /// Peak timing: for every observed peak (a local maximum whose prominence is at least the observed standard
    /// deviation, peaks at least <paramref name="minDistance"/> steps apart), the offset in steps to the largest
    /// simulated value within ±<paramref name="window"/> steps; the mean absolute offset. Kratzert et al. (2021),
    /// as in neuralhydrology. NaN when the series has no peak.
    /// </summary>
    public static double PeakTiming(ReadOnlySpan<double> observed, ReadOnlySpan<double> simulated, int window = 3, int minDistance = 100)
    {
        if (observed.Length != simulated.Length)
            throw new ArgumentException($"observed has {observed.Length} values but simulated has {simulated.Length}");
        var obs = observed.ToArray();
        var finite = obs.Where(double.IsFinite).ToArray();
        if (finite.Length < 3) return double.NaN;
        var mean = finite.Average();
        var std = Math.Sqrt(finite.Sum(v => (v - mean) * (v - mean)) / finite.Length);
        var peaks = FindPeaks(obs, std, minDistance);
        var offsets = new List<double>();
        foreach (var peak in peaks)
        {
            var best = -1;
            for (var i = Math.Max(0, peak - window); i <= Math.Min(obs.Length - 1, peak + window); i++)
                if (double.IsFinite(simulated[i]) && (best < 0 || simulated[i] > simulated[best])) best = i;
            if (best >= 0) offsets.Add(Math.Abs(best - peak));
        }
        return offsets.Count == 0 ? double.NaN : offsets.Average();
    }

    /// <summary>Local maxima with prominence ≥ <paramref name="minProminence"/>, then thinned so that peaks are
    /// at least <paramref name="minDistance"/> apart, keeping the higher (as scipy.signal.find_peaks).</summary>
    public static List<int> FindPeaks(double[] values, double minProminence, int minDistance)
    {
        var candidates = new List<int>();
        for (var i = 1; i < values.Length - 1; i++)
        {
            if (!double.IsFinite(values[i]) || !(values[i] > values[i - 1]) || !(values[i] >= values[i + 1])) continue;
            // Prominence: height above the higher of the lowest points between it and a higher point on each side.
            double leftMin = values[i], rightMin = values[i];
            for (var j = i - 1; j >= 0 && !(values[j] > values[i]); j--) if (double.IsFinite(values[j])) leftMin = Math.Min(leftMin,
                values[j]);
            for (var j = i + 1; j < values.Length && !(values[j] > values[i]);
                j++) if (double.IsFinite(values[j])) rightMin = Math.Min(rightMin, values[j]);
            if (values[i] - Math.Max(leftMin, rightMin) >= minProminence) candidates.Add(i);
        }
        var kept = new List<int>();
        foreach (var peak in candidates.OrderByDescending(p => values[p]))
            if (kept.All(k => Math.Abs(k - peak) >= minDistance)) kept.Add(peak);
        kept.Sort();
        return kept;
    }

    private static (double[] Observed, double[] Simulated) SortedDescending(ReadOnlySpan<double> observed, ReadOnlySpan<double> simulated)
    {
        var (obs, sim) = Valid(observed, simulated);
        Array.Sort(obs, (a, b) => b.CompareTo(a));
        Array.Sort(sim, (a, b) => b.CompareTo(a));
        return (obs, sim);
    }
}
