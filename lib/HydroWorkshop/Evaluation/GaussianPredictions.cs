using HydroWorkshop.Data;
using HydroWorkshop.Models;
using static TorchSharp.torch;

namespace HydroWorkshop.Evaluation;

/// <summary>
/// One basin's predictive distribution from a Gaussian head, in mm/day: mean μ_t and standard deviation σ_t per
/// day; the band is μ + Φ⁻¹(q) σ (e.g. μ ± 1.645 σ for 5–95 %) and the CRPS is the closed form
/// (<see cref="Metrics.CrpsGaussian"/>) averaged over the days with an observation.
/// </summary>
public sealed class GaussianPredictions : IPredictionBand
{
    public GaussianPredictions(string basinId, DateOnly[] dates, double[] observed, double[] mean, double[] standardDeviation,
        double lowerQuantile = 0.05, double upperQuantile = 0.95)
    {
        if (observed.Length != dates.Length || mean.Length != dates.Length || standardDeviation.Length != dates.Length)
            throw new ArgumentException($"basin {basinId}: observed, mean and standard deviation need {dates.Length} values each");
        (BasinId, Dates, Observed, Mean, StandardDeviation, LowerQuantile, UpperQuantile) = (basinId, dates, observed, mean,
            standardDeviation, lowerQuantile, upperQuantile);
        var (zLower, zUpper) = (Metrics.NormalQuantile(lowerQuantile), Metrics.NormalQuantile(upperQuantile));
        Lower = mean.Select((m, t) => m + zLower * standardDeviation[t]).ToArray();
        Upper = mean.Select((m, t) => m + zUpper * standardDeviation[t]).ToArray();
    }

    public string BasinId { get; }
    public DateOnly[] Dates { get; }
    public double[] Observed { get; }
    public double[] Mean { get; }
    /// <summary>σ_t in mm/day.</summary>
    public double[] StandardDeviation { get; }
    public double[] Lower { get; }
    public double[] Upper { get; }
    public double LowerQuantile { get; }
    public double UpperQuantile { get; }
    public string Source => "Gaussian head";
    public BasinPredictions MeanPredictions => new(BasinId, Dates, Observed, Mean);

    public IReadOnlyDictionary<string, double> Scores()
    {
        double sum = 0;
        var count = 0;
        for (var t = 0; t < Dates.Length; t++)
        {
            if (double.IsNaN(Observed[t]) || double.IsNaN(Mean[t])) continue;
            sum += Metrics.CrpsGaussian(Observed[t], Mean[t], StandardDeviation[t]);
            count++;
        }
        return new Dictionary<string, double>(MeanPredictions.Scores())
        {
            ["Coverage"] = Metrics.IntervalCoverage(Observed, Lower, Upper),
            ["CRPS"] = count == 0 ? double.NaN : sum / count,
        };
    }

    public string ToCsv(double? areaSquareKilometres = null, bool withObserved = true) =>
        PredictionBandCsv.Write(this, areaSquareKilometres, withObserved);

    /// <summary>The mean and spread of a model with a Gaussian head for the last day of every window, by basin
    /// (first target), denormalised: μ = μ' s + m, σ = √(σ'²) s with the target's scale s and centre m.</summary>
    public static IReadOnlyList<GaussianPredictions> Predict(nn.Module model, BasinDataSet data, double lowerQuantile = 0.05,
        double upperQuantile = 0.95,
        int batchSize = 512)
    {
        if (model is not IProbabilisticRegressor { IsGaussian: true } regressor)
            throw new ArgumentException($"{model.GetType().Name} has no Gaussian head", nameof(model));
        var scale = data.Normalisation.Targets[0];
        var byBasin = new Dictionary<string, List<(DateOnly Date, double Observed, double Mean, double Std)>>();
        model.eval();
        using (no_grad())
        {
            foreach (var batch in data.Batches(batchSize))
            {
                using (batch)
                using (var scope = NewDisposeScope())
                {
                    var (mean, variance) = regressor.forward_distribution(batch.Inputs,
                        data.Options.ConcatenateStatics ? null : batch.Statics);
                    var mu = mean.select(1, mean.size(1) - 1).select(1, 0).contiguous().data<float>().ToArray();           // [batch]
                    var s2 = variance.select(1, variance.size(1) - 1).select(1, 0).contiguous().data<float>().ToArray();
                    var observed = batch.Targets.select(1, batch.Targets.size(1) - 1).select(1, 0).contiguous().data<float>().ToArray();
                    for (var b = 0; b < batch.Size; b++)
                    {
                        if (!byBasin.TryGetValue(batch.BasinIds[b], out var rows)) byBasin[batch.BasinIds[b]] = rows = [];
                        rows.Add((batch.EndDates[b], observed[b] * scale.Std + scale.Mean, mu[b] * scale.Std + scale.Mean,
                            Math.Sqrt(s2[b]) * scale.Std));
                    }
                }
            }
        }
        return byBasin.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p =>
        {
            var rows = p.Value.OrderBy(r => r.Date).ToArray();
            return new GaussianPredictions(p.Key, rows.Select(r => r.Date).ToArray(), rows.Select(r => r.Observed).ToArray(),
                rows.Select(r => r.Mean).ToArray(), rows.Select(r => r.Std).ToArray(), lowerQuantile, upperQuantile);
        }).ToArray();
    }
}
