using HydroWorkshop.Data;
using HydroWorkshop.Data.Grids;
using HydroWorkshop.Evaluation;
using HydroWorkshop.Models.Gridded;
using static TorchSharp.torch;

namespace HydroWorkshop.Surrogates.Gridded;

/// <summary>
/// A model's series for every target over a period, beside the observations, in physical units (the data set's
/// normalisation undone): <c>Predicted[target][day]</c>, <c>Observed[target][day]</c> (NaN where not observed).
/// </summary>
public sealed record GriddedPrediction(IReadOnlyList<string> TargetNames, DateOnly[] Dates, double[][] Observed, double[][] Predicted)
{
    /// <summary>
    /// Runs <paramref name="model"/> over the data set from its first day to the end of <paramref name="period"/> as one
    /// sequence (the days before the period are its warm-up, as a hydrological model spins up) and keeps the period.
    /// </summary>
    public static GriddedPrediction Of(nn.Module model, GriddedDataSet data, Period period)
    {
        var regressor = model as IGriddedRegressor
            ?? throw new ArgumentException($"{model.GetType().Name} is not an IGriddedRegressor", nameof(model));
        var days = Enumerable.Range(0, data.Days).Where(d => period.Contains(data.Dates[d])).ToArray();
        if (days.Length == 0) throw new ArgumentException(
            $"no day of {period} in the data ({data.Dates[0]:yyyy-MM-dd}..{data.Dates[^1]:yyyy-MM-dd})", nameof(period));
        var (first, last) = (days[0], days[^1]);
        var wasTraining = model.training;
        model.eval();
        try
        {
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            var inputs = data.Channels.narrow(0, 0, last + 1).unsqueeze(0);                  // [1, days, c, y, x]
            var predicted = regressor.forward(inputs)[0].narrow(0, first, days.Length);       // [period days, k]
            var observed = data.Targets.narrow(0, first, days.Length);
            return new GriddedPrediction(data.TargetNames, days.Select(d => data.Dates[d]).ToArray(),
                Physical(observed, data.Normalisation), Physical(predicted, data.Normalisation));
        }
        finally
        {
            model.train(wasTraining);
        }
    }

    /// <summary>Nash–Sutcliffe efficiency of one target over the observed days (NaN when fewer than two).</summary>
    public double Nse(int target) => Score(target, Metrics.Nse);

    /// <summary>Kling–Gupta efficiency of one target over the observed days.</summary>
    public double Kge(int target) => Score(target, Metrics.Kge);

    /// <summary>Per-target NSE [target].</summary>
    public double[] NsePerTarget() => Enumerable.Range(0, TargetNames.Count).Select(Nse).ToArray();

    /// <summary>The median NSE over the targets that have one (e.g. over gauges, or over the cells of a map).</summary>
    public double MedianNse() => Metrics.Median(NsePerTarget());

    private double Score(int target, Func<ReadOnlySpan<double>, ReadOnlySpan<double>, double> metric)
    {
        var keep = Enumerable.Range(0, Dates.Length).Where(d => double.IsFinite(Observed[target][d])).ToArray();
        if (keep.Length < 2) return double.NaN;
        var observed = keep.Select(d => Observed[target][d]).ToArray();
        if (observed.Max() - observed.Min() <= 0) return double.NaN;                     // a constant series has no NSE
        return metric(observed, keep.Select(d => Predicted[target][d]).ToArray());
    }

    private static double[][] Physical(Tensor scaled, Normalisation normalisation)
    {
        var values = scaled.to(float64).cpu().contiguous().data<double>().ToArray();     // [days, k] row-major
        var (days, targets) = ((int)scaled.size(0), (int)scaled.size(1));
        var result = new double[targets][];
        for (var k = 0; k < targets; k++)
        {
            var scale = normalisation.Targets[k];
            result[k] = new double[days];
            for (var d = 0; d < days; d++) result[k][d] = values[d * targets + k] * scale.Std + scale.Mean;
        }
        return result;
    }
}
