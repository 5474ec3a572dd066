using System.Globalization;

namespace HydroWorkshop.Plotting;

public static partial class HydroCharts
{
    /// <summary>Colours of the models, by position (plotly's defaults), the same in every panel.</summary>
    private static readonly string[] ModelColours = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b",
        "#e377c2", "#7f7f7f"];

    /// <summary>Scores of several models side by side: one panel per score, each with its own axis and unit, the
    /// models as bars in the same colours in every panel and the values written on the bars. (A 0–1 score and
    /// centimetres on one axis, with a speed-up on a second overlaid axis, hid one behind the other's scale.)</summary>
    /// <param name="models">Model names, one bar each.</param>
    /// <param name="scores">The scores, one panel each (at most 6).</param>
    /// <param name="title">Figure title.</param>
    public static Figure ModelComparison(string[] models, IReadOnlyList<ModelScore> scores, string title = "Model comparison")
    {
        const string chart = "ModelComparison";
        SeriesChecks.NotEmpty(chart, nameof(models), models);
        ArgumentNullException.ThrowIfNull(scores);
        if (scores.Count is 0 or > 6)
            throw new ArgumentException($"{chart}: give 1 to 6 scores (one panel each), got {scores.Count}", nameof(scores));
        var figure = new Figure().WithTitle(title);
        // Each panel's y tick labels and title sit in the gap left of it: about 60 px at 900 px wide for 3 panels.
        var gap = scores.Count == 1 ? 0 : Math.Min(0.1, 0.3 / (scores.Count - 1));
        var width = (1 - gap * (scores.Count - 1)) / scores.Count;
        for (var i = 0; i < scores.Count; i++)
        {
            var score = scores[i];
            SeriesChecks.NotEmpty(chart, $"score '{score.Name}'", score.Values);
            SeriesChecks.SameLength(chart, nameof(models), models, $"score '{score.Name}'", score.Values);
            var n = i + 1;
            var suffix = n == 1 ? "" : n.ToString(CultureInfo.InvariantCulture);
            var unit = score.Unit is { Length: > 0 } u ? " " + u : "";
            figure.Add(new Bar { X = models, Y = score.Values, Name = score.Name, XAxis = "x" + suffix, YAxis = "y" + suffix,
                ShowLegend = false,
                    HoverTemplate = $"%{{x}}: %{{y:.3~g}}{unit}<extra>{score.Name}</extra>" }
                .With("marker.color", models.Select((_, m) => ModelColours[m % ModelColours.Length]).ToArray())
                .With("texttemplate", $"%{{y:.3~g}}{unit}").With("textposition", "auto"));
            var x = figure.Layout.XAxis(n);
            var y = figure.Layout.YAxis(n);
            x.Domain = [i * (width + gap), i * (width + gap) + width];
            x.Anchor = "y" + suffix;
            y.Anchor = "x" + suffix;
            y.Title = score.Unit is { Length: > 0 } ? $"{score.Name} ({score.Unit})" : score.Name;
            y.RangeMode = "tozero";
        }
        figure.Layout.Margin.Set("l", 70);
        figure.Layout.Margin.Set("r", 20);
        return figure;
    }
}
