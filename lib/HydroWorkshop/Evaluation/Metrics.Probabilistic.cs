namespace HydroWorkshop.Evaluation;

// Scores of a predictive distribution (an ensemble, MC-dropout samples, a Gaussian head) against observations.
public static partial class Metrics
{
    /// <summary>
    /// Continuous ranked probability score of an ensemble forecast for one observation y (Gneiting &amp; Raftery
    /// 2007, JASA 102(477), eq. 21): CRPS = E|X − y| − ½ E|X − X'|, with X, X' independent draws from the
    /// ensemble's empirical distribution (all m² member pairs, as properscoring's crps_ensemble). In the unit of y;
    /// 0 is perfect, and for one member it is the absolute error. NaN members are left out; NaN when y is NaN or
    /// no member is valid. E|X − X'| is computed from the sorted members in O(m log m):
    /// Σ_i Σ_j |x_i − x_j| = 2 Σ_i (2i − m − 1) x_(i), i = 1..m.
    /// </summary>
    public static double Crps(double observed, ReadOnlySpan<double> members)
    {
        if (double.IsNaN(observed)) return double.NaN;
        var sorted = new List<double>(members.Length);
        foreach (var x in members) if (!double.IsNaN(x)) sorted.Add(x);
        var m = sorted.Count;
        if (m == 0) return double.NaN;
        sorted.Sort();
        double absoluteError = 0, spread = 0;
        for (var i = 0; i < m; i++)
        {
            absoluteError += Math.Abs(sorted[i] - observed);
            spread += (2.0 * (i + 1) - m - 1) * sorted[i];
        }
        return absoluteError / m - spread / ((double)m * m);
    }

    /// <summary>
    /// The mean CRPS of a series: (1/T) Σ_t CRPS(y_t, members_t), over the steps with an observation.
    /// <paramref name="members"/> is [member][time]. NaN when no step is scored.
    /// </summary>
    public static double MeanCrps(ReadOnlySpan<double> observed, IReadOnlyList<double[]> members)
    {
        if (members.Count == 0) return double.NaN;
        var column = new double[members.Count];
        double sum = 0;
        var count = 0;
        for (var t = 0; t < observed.Length; t++)
        {
            for (var k = 0; k < members.Count; k++) column[k] = members[k][t];
            var score = Crps(observed[t], column);
            if (double.IsNaN(score)) continue;
            sum += score;
            count++;
        }
        return count == 0 ? double.NaN : sum / count;
    }

    /// <summary>
    /// The CRPS of a Gaussian forecast N(μ, σ²) in closed form (Gneiting et al. 2005, Mon. Weather Rev. 133, eq. 5):
    /// CRPS = σ [z (2Φ(z) − 1) + 2φ(z) − 1/√π], z = (y − μ)/σ. The large-ensemble limit of <see cref="Crps"/>;
    /// scores a Gaussian head directly.
    /// </summary>
    public static double CrpsGaussian(double observed, double mean, double standardDeviation)
    {
        if (!(standardDeviation > 0)) return Math.Abs(observed - mean);
        var z = (observed - mean) / standardDeviation;
        var pdf = Math.Exp(-0.5 * z * z) / Math.Sqrt(2 * Math.PI);
        var cdf = 0.5 * (1 + Erf(z / Math.Sqrt(2)));
        return standardDeviation * (z * (2 * cdf - 1) + 2 * pdf - 1 / Math.Sqrt(Math.PI));
    }

    /// <summary>
    /// Interval coverage: the fraction of observations inside their prediction band, lower ≤ y ≤ upper, over the
    /// steps with an observation. A calibrated 5–95 % band covers about 0.90. NaN when no step has an observation.
    /// </summary>
    public static double IntervalCoverage(ReadOnlySpan<double> observed, ReadOnlySpan<double> lower, ReadOnlySpan<double> upper)
    {
        if (lower.Length != observed.Length || upper.Length != observed.Length)
            throw new ArgumentException(
                $"observed ({observed.Length}), lower ({lower.Length}) and upper ({upper.Length}) must have the same length");
        int inside = 0, count = 0;
        for (var t = 0; t < observed.Length; t++)
        {
            if (double.IsNaN(observed[t]) || double.IsNaN(lower[t]) || double.IsNaN(upper[t])) continue;
            count++;
            if (observed[t] >= lower[t] && observed[t] <= upper[t]) inside++;
        }
        return count == 0 ? double.NaN : (double)inside / count;
    }

    /// <summary>The q-quantile of <paramref name="sorted"/> (ascending, NaN-free) with linear interpolation
    /// between order statistics (Hyndman &amp; Fan 1996 type 7, NumPy's default).</summary>
    public static double Quantile(ReadOnlySpan<double> sorted, double q)
    {
        if (sorted.Length == 0) return double.NaN;
        var position = q * (sorted.Length - 1);
        var below = (int)Math.Floor(position);
        var above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }

    /// <summary>The standard normal quantile Φ⁻¹(p) for 0 &lt; p &lt; 1 (Acklam's rational approximation, relative
    /// error below 1.2e-9), e.g. Φ⁻¹(0.95) = 1.6449. Used for a Gaussian head's band μ + Φ⁻¹(q) σ.</summary>
    public static double NormalQuantile(double p)
    {
        if (!(p > 0 && p < 1)) throw new ArgumentOutOfRangeException(nameof(p), p, "the normal quantile needs 0 < p < 1");
        double[] a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02, -3.066479806614716e+01,
            2.506628277459239e+00];
        double[] b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01, -1.328068155288572e+01];
        double[] c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00, 4.374664141464968e+00,
            2.938163982698783e+00];
        double[] d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00];
        const double low = 0.02425;
        if (p < low || p > 1 - low)
        {
            var q = Math.Sqrt(-2 * Math.Log(p < low ? p : 1 - p));
            var tail = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q +
                c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
            return p < low ? tail : -tail;
        }
        var r = p - 0.5;
        var s = r * r;
        return (((((a[0] * s + a[1]) * s + a[2]) * s + a[3]) * s + a[4]) * s +
            a[5]) * r / (((((b[0] * s + b[1]) * s + b[2]) * s + b[3]) * s + b[4]) * s + 1);
    }

    /// <summary>The error function, |error| &lt; 1.2e-7 (Numerical Recipes' erfc by Chebyshev fit).</summary>
    private static double Erf(double x)
    {
        var t = 1 / (1 + 0.5 * Math.Abs(x));
        var tau = t * Math.Exp(-x * x - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806
            + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? 1 - tau : tau - 1;
    }
}
