namespace HydroWorkshop.Evaluation;

/// <summary>
/// Hydrological skill scores, one function each, with its formula and source. Every function takes observed
/// and simulated series of the same length (e.g. discharge in mm/day) and ignores the time steps where either
/// is NaN (gaps in the record). A score that is undefined for the data (e.g. NSE of a constant observed
/// series, or no valid step at all) is NaN, never an exception in the middle of an evaluation table.
/// Definitions follow neuralhydrology's metrics module so that numbers compare with the literature.
/// </summary>
public static partial class Metrics
{
    /// <summary>
    /// Nash–Sutcliffe efficiency: NSE = 1 − Σ(sim − obs)² / Σ(obs − mean(obs))².
    /// 1 is perfect; 0 is as good as the observed mean. Nash &amp; Sutcliffe (1970), J. Hydrol. 10(3).
    /// </summary>
    public static double Nse(ReadOnlySpan<double> observed, ReadOnlySpan<double> simulated)
    {
        var (obs, sim) = Valid(observed, simulated);
        if (obs.Length == 0) return double.NaN;
        var mean = Mean(obs);
        double numerator = 0, denominator = 0;
        for (var i = 0; i < obs.Length; i++)
        {
            numerator += (sim[i] - obs[i]) * (sim[i] - obs[i]);
            denominator += (obs[i] - mean) * (obs[i] - mean);
        }
        return denominator == 0 ? double.NaN : 1 - numerator / denominator;
    }

    /// <summary>
    /// Kling–Gupta efficiency: KGE = 1 − √((r − 1)² + (α − 1)² + (β − 1)²) with r the Pearson correlation,
    /// α = σ_sim / σ_obs and β = μ_sim / μ_obs. Gupta et al. (2009), J. Hydrol. 377(1–2).
    /// </summary>
    public static double Kge(ReadOnlySpan<double> observed, ReadOnlySpan<double> simulated)
    {
        var (r, alpha, beta) = KgeComponents(observed, simulated);
        return 1 - Math.Sqrt((r - 1) * (r - 1) + (alpha - 1) * (alpha - 1) + (beta - 1) * (beta - 1));
    }

    /// <summary>The components of <see cref="Kge"/>: correlation r, variability ratio α = σ_sim/σ_obs and
    /// bias ratio β = μ_sim/μ_obs.</summary>
    public static (double R, double Alpha, double Beta) KgeComponents(ReadOnlySpan<double> observed, ReadOnlySpan<double> simulated)
    {
        var (obs, sim) = Valid(observed, simulated);
        if (obs.Length < 2) return (double.NaN, double.NaN, double.NaN);
        var (meanObs, meanSim) = (Mean(obs), Mean(sim));
        var (stdObs, stdSim) = (StandardDeviation(obs, meanObs), StandardDeviation(sim, meanSim));
        return (Pearson(obs, sim), stdObs == 0 ? double.NaN : stdSim / stdObs, meanObs == 0 ? double.NaN : meanSim / meanObs);
    }

    /// <summary>Pearson correlation coefficient r = cov(obs, sim) / (σ_obs σ_sim).</summary>
    public static double PearsonR(ReadOnlySpan<double> observed, ReadOnlySpan<double> simulated)
    {
        var (obs, sim) = Valid(observed, simulated);
        return obs.Length < 2 ? double.NaN : Pearson(obs, sim);
    }

    /// <summary>Root-mean-square error √(mean((sim − obs)²)), in the series' unit.</summary>
    public static double Rmse(ReadOnlySpan<double> observed, ReadOnlySpan<double> simulated)
    {
        var (obs, sim) = Valid(observed, simulated);
        if (obs.Length == 0) return double.NaN;
        double sum = 0;
        for (var i = 0; i < obs.Length; i++) sum += (sim[i] - obs[i]) * (sim[i] - obs[i]);
        return Math.Sqrt(sum / obs.Length);
    }

    /// <summary>The median of the finite values (NaN and ±∞ left out; NaN when none is left); an even count takes the
    /// mean of the middle two. The one median of the kit: across basins, gauges, cells and events.</summary>
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Where(double.IsFinite).Order().ToArray();
        if (sorted.Length == 0) return double.NaN;
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /// <summary>Mean absolute error mean(|sim − obs|), in the series' unit.</summary>
    public static double Mae(ReadOnlySpan<double> observed, ReadOnlySpan<double> simulated)
    {
        var (obs, sim) = Valid(observed, simulated);
        if (obs.Length == 0) return double.NaN;
        double sum = 0;
        for (var i = 0; i < obs.Length; i++) sum += Math.Abs(sim[i] - obs[i]);
        return sum / obs.Length;
    }

    /// <summary>Mean bias mean(sim) − mean(obs), in the series' unit (positive: the model overestimates).</summary>
    public static double Bias(ReadOnlySpan<double> observed, ReadOnlySpan<double> simulated)
    {
        var (obs, sim) = Valid(observed, simulated);
        return obs.Length == 0 ? double.NaN : Mean(sim) - Mean(obs);
    }

    /// <summary>Percent bias 100 · Σ(sim − obs) / Σ obs (positive: overestimation). Gupta et al. (1999),
    /// J. Hydrol. Eng. 4(2).</summary>
    public static double PercentBias(ReadOnlySpan<double> observed, ReadOnlySpan<double> simulated)
    {
        var (obs, sim) = Valid(observed, simulated);
        if (obs.Length == 0) return double.NaN;
        double difference = 0, total = 0;
        for (var i = 0; i < obs.Length; i++)
        {
            difference += sim[i] - obs[i];
            total += obs[i];
        }
        return total == 0 ? double.NaN : 100 * difference / total;
    }

    /// <summary>α-NSE = σ_sim / σ_obs, the variability term of the NSE decomposition. Gupta et al. (2009).</summary>
    public static double AlphaNse(ReadOnlySpan<double> observed, ReadOnlySpan<double> simulated)
    {
        var (obs, sim) = Valid(observed, simulated);
        if (obs.Length < 2) return double.NaN;
        var stdObs = StandardDeviation(obs, Mean(obs));
        return stdObs == 0 ? double.NaN : StandardDeviation(sim, Mean(sim)) / stdObs;
    }

    /// <summary>β-NSE = (μ_sim − μ_obs) / σ_obs, the bias term of the NSE decomposition. Gupta et al. (2009).</summary>
    public static double BetaNse(ReadOnlySpan<double> observed, ReadOnlySpan<double> simulated)
    {
        var (obs, sim) = Valid(observed, simulated);
        if (obs.Length < 2) return double.NaN;
        var meanObs = Mean(obs);
        var stdObs = StandardDeviation(obs, meanObs);
        return stdObs == 0 ? double.NaN : (Mean(sim) - meanObs) / stdObs;
    }

    // ---- helpers -------------------------------------------------------------------------------------

    /// <summary>The steps where both series are finite numbers.</summary>
    internal static (double[] Observed, double[] Simulated) Valid(ReadOnlySpan<double> observed, ReadOnlySpan<double> simulated)
    {
        if (observed.Length != simulated.Length)
            throw new ArgumentException($"observed has {observed.Length} values but simulated has {simulated.Length}");
        var obs = new List<double>(observed.Length);
        var sim = new List<double>(observed.Length);
        for (var i = 0; i < observed.Length; i++)
        {
            if (!double.IsFinite(observed[i]) || !double.IsFinite(simulated[i])) continue;
            obs.Add(observed[i]);
            sim.Add(simulated[i]);
        }
        return (obs.ToArray(), sim.ToArray());
    }

    private static double Mean(double[] values) => values.Sum() / values.Length;

    /// <summary>Population standard deviation (ddof = 0), as numpy's default used by neuralhydrology.</summary>
    private static double StandardDeviation(double[] values, double mean)
    {
        double sum = 0;
        foreach (var v in values) sum += (v - mean) * (v - mean);
        return Math.Sqrt(sum / values.Length);
    }

    private static double Pearson(double[] obs, double[] sim)
    {
        var (meanObs, meanSim) = (Mean(obs), Mean(sim));
        double covariance = 0, varObs = 0, varSim = 0;
        for (var i = 0; i < obs.Length; i++)
        {
            covariance += (obs[i] - meanObs) * (sim[i] - meanSim);
            varObs += (obs[i] - meanObs) * (obs[i] - meanObs);
            varSim += (sim[i] - meanSim) * (sim[i] - meanSim);
        }
        return varObs == 0 || varSim == 0 ? double.NaN : covariance / Math.Sqrt(varObs * varSim);
    }
}
