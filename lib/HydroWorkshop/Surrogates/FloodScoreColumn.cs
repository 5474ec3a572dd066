namespace HydroWorkshop.Surrogates;

/// <summary>Which way a score is better: lower, higher, or closer to 0 (a signed error, compared by magnitude).</summary>
public enum ScoreDirection
{
    Lower,
    Higher,
    CloserToZero,
}

/// <summary>
/// One score of <see cref="FloodEventScores"/> as a column of the evaluation table and its CSV files: the CSV name, a
/// short label for the printed table, the unit, which way is better (what "worst event" and "beats a baseline" mean)
/// how to read it from a record, and for a score whose ideal is 0, the magnitude below which it counts as exact
/// (<see cref="ExactWithin"/>; 0: none).
/// </summary>
public sealed record FloodScoreColumn(string Name, string Label, string Unit, ScoreDirection Direction,
    Func<FloodEventScores, double> Value, double ExactWithin = 0)
{
    /// <summary>The volume errors' exact band, 0.01 % of the water: a model that keeps volume by construction (the
    /// solvers, the flood stepper, the coarse refiner) scores 1e-8 to 3e-5 on the D-HYDRO events, the rounding of
    /// float sums over 4096 cells, and which of two such values is smaller says nothing.</summary>
    public const double ExactVolume = 1e-4;

    /// <summary>Every score, in table order.</summary>
    public static IReadOnlyList<FloodScoreColumn> All { get; } =
    [
        new("mae_m", "MAE", "m", ScoreDirection.Lower, s => s.Mae),
        new("rmse_m", "RMSE", "m", ScoreDirection.Lower, s => s.Rmse),
        new("wet_mae_m", "wet MAE", "m", ScoreDirection.Lower, s => s.WetMae),
        new("wet_rmse_m", "wet RMSE", "m", ScoreDirection.Lower, s => s.WetRmse),
        new("csi_0.05m", "CSI 5cm", "", ScoreDirection.Higher, s => s.Csi),
        new("csi_0.3m", "CSI 30cm", "", ScoreDirection.Higher, s => s.DeepCsi),
        new("arrival_error_h", "arrival", "h", ScoreDirection.Lower, s => s.ArrivalTimeError),
        new("flooded_in_one_only", "one-only", "", ScoreDirection.Lower, s => s.FloodedInOneOnly),
        new("volume_error_last", "vol end", "", ScoreDirection.CloserToZero, s => s.VolumeErrorLast, ExactVolume),
        new("volume_error_largest", "vol max", "", ScoreDirection.Lower, s => s.VolumeErrorLargest, ExactVolume),
    ];

    /// <summary>Whether <paramref name="a"/> is strictly better than <paramref name="b"/>; a NaN is never better, and
    /// anything finite is better than NaN (an undefined score cannot beat a defined one).</summary>
    public bool IsBetter(double a, double b)
    {
        if (double.IsNaN(a)) return false;
        if (double.IsNaN(b)) return true;
        return Direction switch
        {
            ScoreDirection.Lower => a < b,
            ScoreDirection.Higher => a > b,
            _ => Math.Abs(a) < Math.Abs(b),
        };
    }

    /// <summary>Whether <paramref name="value"/> is within <see cref="ExactWithin"/> of 0 (never for a score without an
    /// exact band).</summary>
    public bool IsExact(double value) => ExactWithin > 0 && Math.Abs(value) <= ExactWithin;

    /// <summary>The worst defined value of <paramref name="events"/> (largest error, lowest CSI, largest magnitude of a
    /// signed error, its sign kept); NaN when none is defined.</summary>
    public double Worst(IEnumerable<FloodEventScores> events)
    {
        var worst = double.NaN;
        foreach (var v in events.Select(Value).Where(double.IsFinite))
            if (double.IsNaN(worst) || IsBetter(worst, v)) worst = v;
        return worst;
    }
}
