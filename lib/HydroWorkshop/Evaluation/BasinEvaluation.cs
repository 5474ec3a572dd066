using System.Globalization;
using System.Text;
using HydroWorkshop.Common;
using HydroWorkshop.Data;
using HydroWorkshop.Models;
using static TorchSharp.torch;

namespace HydroWorkshop.Evaluation;

/// <summary>One basin's daily predictions in physical units (mm/day), dates ascending.</summary>
public sealed record BasinPredictions(string BasinId, DateOnly[] Dates, double[] Observed, double[] Predicted)
{
    /// <summary>All metrics of <see cref="Metrics"/> for this basin, by name.</summary>
    public IReadOnlyDictionary<string, double> Scores() => new Dictionary<string, double>
    {
        ["NSE"] = Metrics.Nse(Observed, Predicted),
        ["KGE"] = Metrics.Kge(Observed, Predicted),
        ["r"] = Metrics.PearsonR(Observed, Predicted),
        ["Alpha-NSE"] = Metrics.AlphaNse(Observed, Predicted),
        ["Beta-NSE"] = Metrics.BetaNse(Observed, Predicted),
        ["RMSE"] = Metrics.Rmse(Observed, Predicted),
        ["MAE"] = Metrics.Mae(Observed, Predicted),
        ["Bias"] = Metrics.Bias(Observed, Predicted),
        ["PBias"] = Metrics.PercentBias(Observed, Predicted),
        ["FHV"] = Metrics.Fhv(Observed, Predicted),
        ["FLV"] = Metrics.Flv(Observed, Predicted),
        ["FMS"] = Metrics.Fms(Observed, Predicted),
        ["Peak-Timing"] = Metrics.PeakTiming(Observed, Predicted),
    };

    /// <summary><c>Date,Observed_mm_d,Predicted_mm_d,Residual_mm_d</c> (residual = predicted − observed), plus the same
    /// in m³/s (<c>Observed_m3s,...</c>) when the basin area (km²) is known: the output of <c>hw evaluate</c>.</summary>
    public string ToCsv(double? areaSquareKilometres = null) =>
        PredictionCsv.Write(Dates, [("Observed", Observed), ("Predicted", Predicted), ("Residual", Residual())], areaSquareKilometres);

    /// <summary>The output of <c>hw predict</c>: as <see cref="ToCsv"/> when any day of the period is observed, else
    /// <c>Date,Predicted_mm_d</c> (plus <c>Predicted_m3s</c> when the area in km² is known).</summary>
    public string ToPredictionCsv(double? areaSquareKilometres = null) => PredictionCsv.AnyObserved(Observed)
        ? ToCsv(areaSquareKilometres)
        : PredictionCsv.Write(Dates, [("Predicted", Predicted)], areaSquareKilometres);

    private double[] Residual() => Predicted.Zip(Observed, (p, o) => p - o).ToArray();
}

/// <summary>
/// Runs a trained model over a data set and scores it the way hydrologists do: per-basin predictions in mm/day
/// (denormalised with the data set's normalisation), per-basin metrics, and their median and mean.
/// </summary>
public static class BasinEvaluation
{
    /// <summary>Predictions for the last day of every window, grouped by basin (first target only). With
    /// <paramref name="dropoutActive"/> the model stays in training mode so that dropout samples (MC-dropout);
    /// seed the draw with <c>torch.manual_seed</c> first.</summary>
    public static IReadOnlyList<BasinPredictions> Predict(nn.Module model, BasinDataSet data, int batchSize = 512,
        bool dropoutActive = false)
    {
        var regressor = model as ISequenceRegressor ?? throw new ArgumentException(
            $"{model.GetType().Name} does not implement ISequenceRegressor");
        var scale = data.Normalisation.Targets[0];
        var byBasin = new Dictionary<string, List<(DateOnly Date, double Observed, double Predicted)>>();
        model.train(dropoutActive);
        using (no_grad())
        {
            foreach (var batch in data.Batches(batchSize))
            {
                using (batch)
                using (var scope = NewDisposeScope())
                {
                    // [batch, time or 1, targets]
                    var output = regressor.forward(batch.Inputs, data.Options.ConcatenateStatics ? null : batch.Statics);
                    var predicted = output.select(1, output.size(1) - 1).select(1, 0).data<float>().ToArray();                // [batch]
                    var observed = batch.Targets.select(1, batch.Targets.size(1) - 1).select(1, 0).contiguous().data<float>().ToArray();
                    for (var b = 0; b < batch.Size; b++)
                    {
                        if (!byBasin.TryGetValue(batch.BasinIds[b], out var rows)) byBasin[batch.BasinIds[b]] = rows = [];
                        rows.Add((batch.EndDates[b], observed[b] * scale.Std + scale.Mean, predicted[b] * scale.Std + scale.Mean));
                    }
                }
            }
        }
        return byBasin.Select(p =>
        {
            var rows = p.Value.OrderBy(r => r.Date).ToArray();
            return new BasinPredictions(p.Key, rows.Select(r => r.Date).ToArray(), rows.Select(r => r.Observed).ToArray(),
                rows.Select(r => r.Predicted).ToArray());
        }).OrderBy(b => b.BasinId, StringComparer.Ordinal).ToArray();
    }

    /// <summary><c>basin,NSE,KGE,...</c>, one row per basin.</summary>
    public static string MetricsCsv(IEnumerable<BasinPredictions> basins) =>
        MetricsCsv(basins.Select(b => (b.BasinId, b.Scores())).ToArray());

    /// <summary>The median and mean of every metric across basins (NaN scores left out), as a text table.</summary>
    public static string SummaryTable(IEnumerable<BasinPredictions> basins) => SummaryTable(basins.Select(b => b.Scores()).ToArray());

    internal static string MetricsCsv(IReadOnlyList<(string BasinId, IReadOnlyDictionary<string, double> Scores)> rows)
    {
        if (rows.Count == 0) return "basin\n";
        var names = rows[0].Scores.Keys.ToArray();
        var text = new StringBuilder("basin," + string.Join(',', names) + "\n");
        foreach (var (id, scores) in rows)
            text.Append(id).Append(',')
                .Append(string.Join(',',
                    names.Select(n => double.IsNaN(scores[n]) ? "" : scores[n].ToString("G6", CultureInfo.InvariantCulture)))).Append('\n');
        return text.ToString();
    }

    /// <summary>The median of <paramref name="metric"/> across basins, NaN scores left out (NaN when none is left).</summary>
    public static double Median(IEnumerable<IReadOnlyDictionary<string, double>> scores, string metric)
    {
        return Metrics.Median(scores.Select(s => s[metric]));
    }

    internal static string SummaryTable(IReadOnlyList<IReadOnlyDictionary<string, double>> scores)
    {
        if (scores.Count == 0) return "(no basins)";
        var text = new StringBuilder($"{"metric",-12} {"median",10} {"mean",10}  ({scores.Count} basins)\n");
        foreach (var name in scores[0].Keys)
        {
            var values = scores.Select(s => s[name]).Where(double.IsFinite).ToArray();
            var median = Metrics.Median(values);
            text.Append(string.Create(CultureInfo.InvariantCulture,
                $"{name,-12} {median,10:F3} {(values.Length == 0 ? double.NaN : values.Average()),10:F3}\n"));
        }
        return text.ToString();
    }

    /// <summary>Writes <c>predictions/&lt;basin&gt;.csv</c>, <c>metrics.csv</c> and <c>metrics_summary.txt</c> into
    /// <paramref name="folder"/>.</summary>
    public static void Write(string folder, IReadOnlyList<BasinPredictions> basins,
        IReadOnlyDictionary<string, double>? areasSquareKilometres = null) =>
        WriteFolder(folder, basins.Select(b => (b.BasinId, b.ToCsv(Area(areasSquareKilometres, b.BasinId)))), MetricsCsv(basins),
            SummaryTable(basins));

    /// <summary>The evaluation folder's files, each written atomically: <c>predictions/&lt;basin&gt;.csv</c>,
    /// <c>metrics.csv</c> and <c>metrics_summary.txt</c> (shared by single runs and ensembles).</summary>
    internal static void WriteFolder(string folder, IEnumerable<(string BasinId, string Csv)> predictions, string metricsCsv,
        string summary)
    {
        Directory.CreateDirectory(Path.Combine(folder, "predictions"));
        foreach (var (basinId, csv) in predictions) AtomicFile.WriteAllText(Path.Combine(folder, "predictions", basinId + ".csv"), csv);
        AtomicFile.WriteAllText(Path.Combine(folder, "metrics.csv"), metricsCsv);
        AtomicFile.WriteAllText(Path.Combine(folder, "metrics_summary.txt"), summary);
    }

    /// <summary>The basin's area (km²) when known and positive, for the m³/s columns.</summary>
    internal static double? Area(IReadOnlyDictionary<string, double>? areasSquareKilometres, string basinId) =>
        areasSquareKilometres?.GetValueOrDefault(basinId) is > 0 and var area ? area : null;
}
