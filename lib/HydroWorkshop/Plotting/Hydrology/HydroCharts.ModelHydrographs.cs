namespace HydroWorkshop.Plotting;

public static partial class HydroCharts
{
    /// <summary>Observed discharge and several models' simulations on one time axis (e.g. a lumped LSTM and a
    /// ConvLSTM at one gauge), each model's name with its score in the legend if given.</summary>
    /// <param name="time">Dates, length n.</param>
    /// <param name="observed">Observed discharge, length n; NaN = missing.</param>
    /// <param name="simulated">Model name (legend text) → simulated discharge, length n.</param>
    /// <param name="title">Figure title.</param>
    /// <param name="dischargeUnit">Unit of the discharge axis.</param>
    public static Figure ModelHydrographs(DateTime[] time, double[] observed, IReadOnlyDictionary<string, double[]> simulated,
        string title = "Hydrographs", string dischargeUnit = "m³/s")
    {
        const string chart = "ModelHydrographs";
        SeriesChecks.NotEmpty(chart, nameof(time), time);
        SeriesChecks.SameLength(chart, nameof(time), time, nameof(observed), observed);
        foreach (var (name, series) in simulated) SeriesChecks.SameLength(chart, nameof(time), time, name, series);
        var webGl = time.Length > WebGlThreshold;
        var figure = new Figure().WithTitle(title);
        figure.Add(new Scatter(webGl) { X = time, Y = observed, Name = "observed", Mode = "lines",
            Line = new LineStyle { Color = "black", Width = 1.5 } });
        string[] palette = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd"];
        var k = 0;
        foreach (var (name, series) in simulated)
            figure.Add(new Scatter(webGl) { X = time, Y = series, Name = name, Mode = "lines",
                Line = new LineStyle { Color = palette[k++ % palette.Length], Width = 1.2 } });
        figure.Layout.XAxis(1).Title = "date";
        figure.Layout.YAxis(1).Title = $"discharge ({dischargeUnit})";
        return figure;
    }
}
