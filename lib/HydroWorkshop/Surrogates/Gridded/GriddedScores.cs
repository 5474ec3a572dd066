using System.Globalization;
using System.Text;
using HydroWorkshop.Common;
using HydroWorkshop.Data;
using HydroWorkshop.Evaluation;

namespace HydroWorkshop.Surrogates.Gridded;

/// <summary>
/// A gridded run scored on one period: per-target NSE and KGE, each target's group (a gauge "trained" or "held out";
/// a cell's land cover), and where the files went: <c>metrics.csv</c> (<c>target,group,NSE,KGE</c>) and
/// <c>predictions.csv</c> (long: <c>Date,Target,Observed_&lt;unit&gt;,Predicted_&lt;unit&gt;</c>, plus m³/s for gauges).
/// </summary>
public sealed record GriddedScores(string Name, Period Period, GriddedPrediction Prediction, IReadOnlyList<string> Groups, string Folder)
{
    /// <summary>NSE per target [target] (NaN for a target without observations in the period).</summary>
    public double[] Nse { get; } = Prediction.NsePerTarget();

    /// <summary>KGE per target [target].</summary>
    public double[] Kge { get; } = Enumerable.Range(0, Prediction.TargetNames.Count).Select(Prediction.Kge).ToArray();

    /// <summary>The median NSE over the targets of <paramref name="group"/> (null: the first group, e.g. the trained
    /// gauges or, for cells, every land cell).</summary>
    public double MedianNse(string? group = null) =>
        Metrics.Median(Nse.Where((_, i) => group is not null ? Groups[i] == group : IsGauges ? Groups[i] == "trained"
            : Groups[i].Length > 0));

    private bool IsGauges => Groups.Contains("trained");

    /// <summary>Reference rows scored on the same targets and period (e.g. the class climatology), by name: their
    /// median NSE over the targets the model's headline median takes (for cells: every land cell), printed below the
    /// model's scores in <see cref="Summary"/>.</summary>
    public IReadOnlyDictionary<string, double> Baselines { get; init; } = new Dictionary<string, double>();

    /// <summary>The NSE of one target by name.</summary>
    public double NseOf(string target)
    {
        var index = Prediction.TargetNames.ToList().FindIndex(t => string.Equals(t, target, StringComparison.OrdinalIgnoreCase));
        return index >= 0 ? Nse[index] : throw new ArgumentException(
            $"no target '{target}' (targets: {string.Join(", ", Prediction.TargetNames.Take(8))}...)", nameof(target));
    }

    /// <summary>One line per group: its median NSE (and each gauge's NSE, for gauges).</summary>
    public string Summary()
    {
        var text = new StringBuilder(string.Create(CultureInfo.InvariantCulture, $"{Name} {Period}:"));
        var isGauges = IsGauges;
        foreach (var group in Groups.Where(g => g.Length > 0).Distinct())
        {
            var members = Enumerable.Range(0, Groups.Count).Where(i => Groups[i] == group).ToArray();
            text.Append(string.Create(CultureInfo.InvariantCulture,
                $"\n  {group,-16} median NSE {MedianNse(group),7:F3} over {members.Length} {(isGauges ? "gauges" : "cells")}"));
            if (isGauges)
                text.Append(" (").Append(string.Join(", ", members.Select(i => string.Create(CultureInfo.InvariantCulture,
                    $"{Prediction.TargetNames[i]} {Nse[i]:F3}")))).Append(')');
        }
        if (!isGauges) text.Append(string.Create(CultureInfo.InvariantCulture,
            $"\n  {"all land cells",-16} median NSE {Metrics.Median(Nse),7:F3}"));
        foreach (var (baseline, nse) in Baselines)
            text.Append(string.Create(CultureInfo.InvariantCulture, $"\n  baseline: {baseline} median NSE {nse:F3}"));
        return text.Append($"\n  files: {Folder}").ToString();
    }

    /// <summary>Scores <paramref name="prediction"/> and writes the two CSVs into <paramref name="folder"/> (atomically).
    /// <paramref name="unit"/> is the header suffix of the series (<c>mm_d</c>, <c>lai_m2_m2</c>); with
    /// <paramref name="areasKm2"/> (gauges) the discharge in m³/s is written too. Targets whose group is "" (cells off
    /// land) are left out of both files.</summary>
    internal static GriddedScores Write(string name, Period period, GriddedPrediction prediction, IReadOnlyList<string> groups, string unit,
        IReadOnlyList<double>? areasKm2, string folder)
    {
        var scores = new GriddedScores(name, period, prediction, groups, folder);
        var kept = Enumerable.Range(0, groups.Count).Where(i => groups[i].Length > 0).ToArray();
        var metrics = new StringBuilder("target,group,NSE,KGE\n");
        foreach (var i in kept)
            metrics.Append(prediction.TargetNames[i]).Append(',').Append(groups[i]).Append(',')
                .Append(PredictionCsv.Format(scores.Nse[i])).Append(',').Append(PredictionCsv.Format(scores.Kge[i])).Append('\n');

        var series = new StringBuilder($"Date,Target,Observed_{unit},Predicted_{unit}");
        if (areasKm2 is not null) series.Append(",Observed_m3s,Predicted_m3s");
        series.Append('\n');
        foreach (var i in kept)
        {
            var toCubicMetres = areasKm2 is null ? 0 : PredictionCsv.CubicMetresPerSecondPerMillimetrePerDay(areasKm2[i]);
            for (var d = 0; d < prediction.Dates.Length; d++)
            {
                var (observed, predicted) = (prediction.Observed[i][d], prediction.Predicted[i][d]);
                series.Append(prediction.Dates[d].ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append(',')
                    .Append(prediction.TargetNames[i])
                    .Append(',').Append(PredictionCsv.Format(observed)).Append(',').Append(PredictionCsv.Format(predicted));
                if (areasKm2 is not null)
                    series.Append(',').Append(PredictionCsv.Format(observed * toCubicMetres)).Append(',')
                        .Append(PredictionCsv.Format(predicted * toCubicMetres));
                series.Append('\n');
            }
        }
        Directory.CreateDirectory(folder);
        AtomicFile.WriteAllText(Path.Combine(folder, "metrics.csv"), metrics.ToString());
        AtomicFile.WriteAllText(Path.Combine(folder, "predictions.csv"), series.ToString());
        return scores;
    }
}
