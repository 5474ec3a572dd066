using System.Globalization;

namespace HydroWorkshop.Plotting;

public static partial class HydroCharts
{
    /// <summary>Observed against simulated discharge with the 1:1 line and the Nash–Sutcliffe efficiency in the title.
    /// Pairs where either value is NaN are left out.</summary>
    public static Figure ObservedSimulatedScatter(double[] observed, double[] simulated, string title = "Observed vs simulated",
        string unit = "m³/s")
    {
        const string chart = "ObservedSimulatedScatter";
        SeriesChecks.NotEmpty(chart, nameof(observed), observed);
        SeriesChecks.NotEmpty(chart, nameof(simulated), simulated);
        SeriesChecks.SameLength(chart, nameof(observed), observed, nameof(simulated), simulated);
        var pairs = observed.Zip(simulated).Where(p => double.IsFinite(p.First) && double.IsFinite(p.Second)).ToArray();
        if (pairs.Length == 0) throw new ArgumentException($"{chart}: no pair of observed and simulated values is finite");
        var o = pairs.Select(p => p.First).ToArray();
        var s = pairs.Select(p => p.Second).ToArray();
        var mean = o.Average();
        var variance = o.Sum(v => (v - mean) * (v - mean));
        var nse = variance > 0 ? 1 - o.Zip(s).Sum(p => (p.Second - p.First) * (p.Second - p.First)) / variance : double.NaN;
        var low = Math.Min(o.Min(), s.Min());
        var high = Math.Max(o.Max(), s.Max());

        var figure = new Figure().WithTitle($"{title} (NSE {nse.ToString("0.000", CultureInfo.InvariantCulture)}, n = {pairs.Length})");
        figure.Add(new Scatter(pairs.Length > WebGlThreshold) { X = o, Y = s, Name = "days", Mode = "markers",
            HoverTemplate = "observed %{x:.3g}<br>simulated %{y:.3g}<extra></extra>" }
            .With("marker.size", 4).With("marker.opacity", 0.5).With("marker.color", "#1f77b4"));
        figure.Add(new Scatter { X = new[] { low, high }, Y = new[] { low, high }, Name = "1:1", Mode = "lines" }
            .With("line.color", "#444").With("line.dash", "dash"));
        // Both axes get the data's range (from 0 for discharge) and equal scales, and the plot area shrinks to a
        // square: equal scales alone widened the x range to the page's aspect and left the points in a corner.
        var pad = 0.04 * Math.Max(high - low, Math.Abs(high) * 1e-3 + 1e-9);
        double[] range = [low >= 0 ? Math.Max(0, low - pad) : low - pad, high + pad];
        var x = figure.Layout.XAxis();
        var y = figure.Layout.YAxis();
        x.Title = $"observed ({unit})";
        y.Title = $"simulated ({unit})";
        x.Range = range;
        y.Range = range;
        y.ScaleAnchor = "x";
        x.Set("constrain", "domain");
        y.Set("constrain", "domain");
        return figure;
    }

    /// <summary>Flow-duration curve: discharge against the percentage of time it is equalled or exceeded (Weibull
    /// plotting position), log discharge axis. NaN values are left out.</summary>
    public static Figure FlowDurationCurve(double[] observed, double[]? simulated = null, string title = "Flow-duration curve",
        string unit = "m³/s")
    {
        const string chart = "FlowDurationCurve";
        SeriesChecks.NotEmpty(chart, nameof(observed), observed);
        var figure = new Figure().WithTitle(title);
        figure.Add(DurationTrace(chart, "observed", observed, "#1f1f1f"));
        if (simulated is not null)
        {
            SeriesChecks.NotEmpty(chart, nameof(simulated), simulated);
            figure.Add(DurationTrace(chart, "simulated", simulated, "#ff7f0e"));
        }
        figure.Layout.XAxis().Title = "exceedance probability (%)";
        figure.Layout.XAxis().Range = [0, 100];
        var y = figure.Layout.YAxis();
        y.Title = $"discharge ({unit})";
        y.Type = "log";
        LogTicks.Apply(y, observed.Concat(simulated ?? []));
        return figure;
    }

    /// <summary>The exceedance curve of one series: sorted descending, p = rank / (n + 1) · 100 %.</summary>
    public static (double[] ExceedancePercent, double[] Discharge) Exceedance(double[] discharge)
    {
        var sorted = discharge.Where(double.IsFinite).OrderByDescending(v => v).ToArray();
        var p = Enumerable.Range(1, sorted.Length).Select(rank => 100.0 * rank / (sorted.Length + 1)).ToArray();
        return (p, sorted);
    }

    private static Scatter DurationTrace(string chart, string name, double[] discharge, string color)
    {
        var (p, q) = Exceedance(discharge);
        if (q.Length == 0) throw new ArgumentException($"{chart}: {name} has no finite value");
        return new Scatter(q.Length > WebGlThreshold) { X = p, Y = q, Name = name, Mode = "lines",
            HoverTemplate = "%{x:.1f} %: %{y:.3g}<extra>" + name + "</extra>" }.With("line.color", color);
    }

    /// <summary>Cumulative distribution of a metric (e.g. NSE) across basins, one step line per model. Values are
    /// clipped at <paramref name="lowerLimit"/> for display (NSE runs to −∞); NaN basins are left out and counted in the legend.
    /// The legend gives each model's median of the unclipped values.</summary>
    public static Figure MetricCdf(IReadOnlyDictionary<string, double[]> metricByModel, string metric = "NSE",
        double? lowerLimit = -1, double? upperLimit = 1, string? title = null)
    {
        const string chart = "MetricCdf";
        ArgumentNullException.ThrowIfNull(metricByModel);
        if (metricByModel.Count == 0) throw new ArgumentException($"{chart}: no model given", nameof(metricByModel));
        var figure = new Figure().WithTitle(title ?? $"{metric} across basins");
        foreach (var (model, values) in metricByModel)
        {
            SeriesChecks.NotEmpty(chart, $"'{model}'", values);
            var sorted = values.Where(double.IsFinite).Order().ToArray();
            if (sorted.Length == 0) throw new ArgumentException($"{chart}: '{model}' has no finite {metric} value");
            // The legend's median is the one a table of the same scores prints: unclipped, the mean of the middle two for an even count.
            var median = (sorted[(sorted.Length - 1) / 2] + sorted[sorted.Length / 2]) / 2;
            var finite = sorted.Select(v => lowerLimit is { } l ? Math.Max(v, l) : v).ToArray();
            var fraction = Enumerable.Range(1, finite.Length).Select(i => (double)i / finite.Length).ToArray();
            var missing = values.Length - finite.Length;
            var label = $"{model} (median {median.ToString("0.00", CultureInfo.InvariantCulture)}" +
                (missing > 0 ? $", {missing} NaN)" : ")");
            figure.Add(new Scatter { X = finite, Y = fraction, Name = label, Mode = "lines",
                HoverTemplate = metric + " %{x:.3f}: %{y:.2f}<extra>" + model + "</extra>" }.With("line.shape", "hv"));
        }
        figure.Layout.XAxis().Title = metric;
        if (lowerLimit is { } low && upperLimit is { } high) figure.Layout.XAxis().Range = [low, high];
        figure.Layout.YAxis().Title = "fraction of basins";
        figure.Layout.YAxis().Range = [0, 1];
        return figure;
    }

    /// <summary>Training curves per epoch: training (and validation) loss on a log axis at the left, validation NSE on
    /// the right. NaN marks an epoch without a value (validation every k epochs); lines bridge those.</summary>
    public static Figure TrainingCurves(double[] trainingLoss, double[]? validationLoss = null, double[]? validationNse = null,
        string title = "Training")
    {
        const string chart = "TrainingCurves";
        SeriesChecks.NotEmpty(chart, nameof(trainingLoss), trainingLoss);
        SeriesChecks.SameLength(chart, nameof(trainingLoss), trainingLoss, nameof(validationLoss), validationLoss);
        SeriesChecks.SameLength(chart, nameof(trainingLoss), trainingLoss, nameof(validationNse), validationNse);
        var epochs = Enumerable.Range(1, trainingLoss.Length).ToArray();
        var figure = new Figure().WithTitle(title);
        figure.Add(new Scatter { X = epochs, Y = trainingLoss, Name = "training loss", Mode = "lines+markers", ConnectGaps = true }
            .With("line.color", "#1f77b4"));
        if (validationLoss is not null)
            figure.Add(new Scatter { X = epochs, Y = validationLoss, Name = "validation loss", Mode = "lines+markers", ConnectGaps = true }
                .With("line.color", "#1f77b4").With("line.dash", "dot"));
        if (validationNse is not null)
        {
            figure.Add(new Scatter { X = epochs, Y = validationNse, Name = "validation NSE", Mode = "lines+markers",
                ConnectGaps = true, YAxis = "y2" }
                .With("line.color", "#2ca02c"));
            var nseAxis = figure.Layout.YAxis(2);
            nseAxis.Title = "validation NSE";
            nseAxis.Overlaying = "y";
            nseAxis.Side = "right";
            nseAxis.ShowGrid = false;
            nseAxis.Set("tickmode", "auto");
        }
        figure.Layout.Legend.Set("orientation", "h");
        figure.Layout.Legend.Set("y", -0.2);
        figure.Layout.XAxis().Title = "epoch";
        figure.Layout.YAxis().Title = "loss";
        figure.Layout.YAxis().Type = "log";
        LogTicks.Apply(figure.Layout.YAxis(), trainingLoss.Concat(validationLoss ?? []));
        figure.Layout.HoverMode = "x unified";
        return figure;
    }
}
