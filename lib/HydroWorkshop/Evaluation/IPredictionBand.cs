using System.Globalization;
using System.Text;

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

    /// <summary><c>Date,Observed,Predicted,Residual,Lower,Upper</c> (Predicted is the mean) in mm/day, plus the same in
    /// m³/s when the basin area (km²) is known. Without <paramref name="withObserved"/>: <c>Date,Predicted,Lower,Upper</c>.</summary>
    string ToCsv(double? areaSquareKilometres = null, bool withObserved = true);
}

internal static class PredictionBandCsv
{
    public static string Write(IPredictionBand band, double? areaSquareKilometres, bool withObserved)
    {
        var toCubicMetres = areaSquareKilometres is { } area ? area * 1000.0 / 86400.0 : (double?)null;
        string[] columns = withObserved ? ["Observed", "Predicted", "Residual", "Lower", "Upper"] : ["Predicted", "Lower", "Upper"];
        var header = "Date," + string.Join(',', columns) + (toCubicMetres is null ? "" : "," + string.Join(',', columns.Select(c => c + "_m3s")));
        var text = new StringBuilder(header).Append('\n');
        for (var t = 0; t < band.Dates.Length; t++)
        {
            double[] values = withObserved
                ? [band.Observed[t], band.Mean[t], band.Mean[t] - band.Observed[t], band.Lower[t], band.Upper[t]]
                : [band.Mean[t], band.Lower[t], band.Upper[t]];
            text.Append(band.Dates[t].ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            foreach (var v in values) text.Append(',').Append(BasinPredictions.Format(v));
            if (toCubicMetres is { } k) foreach (var v in values) text.Append(',').Append(BasinPredictions.Format(v * k));
            text.Append('\n');
        }
        return text.ToString();
    }
}
