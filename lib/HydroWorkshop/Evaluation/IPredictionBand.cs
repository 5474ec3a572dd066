namespace HydroWorkshop.Evaluation;

/// <summary>One basin's predictions with an uncertainty band, in mm/day: an ensemble (<see cref="EnsemblePredictions"/>)
/// or a Gaussian head's mean and spread (<see cref="GaussianPredictions"/>). Written and scored alike.</summary>
public interface IPredictionBand
{
    string BasinId { get; }
    DateOnly[] Dates { get; }
    double[] Observed { get; }
    /// <summary>The central prediction (ensemble mean, Gaussian mean).</summary>
    double[] Mean { get; }
    double[] Lower { get; }
    double[] Upper { get; }
    double LowerQuantile { get; }
    double UpperQuantile { get; }
    /// <summary>What the band comes from, e.g. "5 members" or "Gaussian head".</summary>
    string Source { get; }

    /// <summary>The mean as a plain prediction.</summary>
    BasinPredictions MeanPredictions { get; }

    /// <summary>Every metric of the mean, plus Coverage (fraction of observations in the band) and CRPS (mm/day).</summary>
    IReadOnlyDictionary<string, double> Scores();

    /// <summary><c>Date,Observed_mm_d,Predicted_mm_d,Residual_mm_d,Lower_mm_d,Upper_mm_d</c> (Predicted is the mean), plus
    /// the same in m³/s (<c>Observed_m3s,...</c>) when the basin area (km²) is known. Without <paramref name="withObserved"/>:
    /// <c>Date,Predicted_mm_d,Lower_mm_d,Upper_mm_d</c> (and their m³/s).</summary>
    string ToCsv(double? areaSquareKilometres = null, bool withObserved = true);
}

internal static class PredictionBandCsv
{
    public static string Write(IPredictionBand band, double? areaSquareKilometres, bool withObserved)
    {
        (string, double[])[] columns = withObserved
            ? [("Observed", band.Observed), ("Predicted", band.Mean), ("Residual", band.Mean.Zip(band.Observed, (m, o) => m - o).ToArray()),
               ("Lower", band.Lower), ("Upper", band.Upper)]
            : [("Predicted", band.Mean), ("Lower", band.Lower), ("Upper", band.Upper)];
        return PredictionCsv.Write(band.Dates, columns, areaSquareKilometres);
    }
}
