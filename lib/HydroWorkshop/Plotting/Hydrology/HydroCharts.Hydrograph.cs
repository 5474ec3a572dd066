namespace HydroWorkshop.Plotting;

/// <summary>
/// Ready-made hydrology charts over plain arrays. Series are aligned by index; NaN is a gap (missing
/// observation), never a zero. Long series (over <see cref="WebGlThreshold"/> points) are drawn with WebGL.
/// </summary>
public static partial class HydroCharts
{
    /// <summary>Series longer than this use <c>scattergl</c> (a 35-year daily record has about 12 800 points).</summary>
    public const int WebGlThreshold = 5000;

    /// <summary>Daily precipitation is in this unit (the CAMELS column <c>prcp(mm/day)</c>); one spelling in all charts.</summary>
    public const string PrecipitationUnit = "mm/day";

    /// <summary>Observed and simulated discharge against time, precipitation as bars hanging from the top in a band of
    /// its own above the discharge (so rain never covers a peak), and an optional ensemble band (e.g. 5–95 % of members).</summary>
    /// <param name="time">Time stamps, length n.</param>
    /// <param name="observed">Observed discharge (m³/s or mm/day, see <paramref name="dischargeUnit"/>), length n; NaN = missing.</param>
    /// <param name="simulated">Simulated discharge, length n, or null.</param>
    /// <param name="precipitation">Precipitation (mm/day), length n, or null.</param>
    /// <param name="ensembleLower">Lower edge of the ensemble band, length n, or null (give both edges).</param>
    /// <param name="ensembleUpper">Upper edge of the ensemble band, length n, or null.</param>
    /// <param name="title">Figure title.</param>
    /// <param name="dischargeUnit">Unit shown on the discharge axis.</param>
    public static Figure Hydrograph(DateTime[] time, double[] observed, double[]? simulated = null, double[]? precipitation = null,
        double[]? ensembleLower = null, double[]? ensembleUpper = null, string title = "Hydrograph", string dischargeUnit = "m³/s")
    {
        const string chart = "Hydrograph";
        SeriesChecks.NotEmpty(chart, nameof(time), time);
        SeriesChecks.NotEmpty(chart, nameof(observed), observed);
        SeriesChecks.SameLength(chart, nameof(time), time, nameof(observed), observed);
        SeriesChecks.SameLength(chart, nameof(time), time, nameof(simulated), simulated);
        SeriesChecks.SameLength(chart, nameof(time), time, nameof(precipitation), precipitation);
        SeriesChecks.SameLength(chart, nameof(time), time, nameof(ensembleLower), ensembleLower);
        SeriesChecks.SameLength(chart, nameof(time), time, nameof(ensembleUpper), ensembleUpper);
        if ((ensembleLower is null) != (ensembleUpper is null))
            throw new ArgumentException($"{chart}: give both ensembleLower and ensembleUpper, or neither");

        var webGl = time.Length > WebGlThreshold;
        var figure = new Figure().WithTitle(title);
        if (ensembleLower is not null && ensembleUpper is not null)
        {
            figure.Add(new Scatter(webGl) { X = time, Y = ensembleLower, Name = "ensemble lower", Mode = "lines", ShowLegend = false,
                LegendGroup = "ensemble", HoverTemplate = "%{y:.3g}<extra>ensemble low</extra>" }
                .With("line.width", 0).With("line.color", "rgba(255,127,14,0.25)"));
            figure.Add(new Scatter(webGl) { X = time, Y = ensembleUpper, Name = "ensemble band", Mode = "lines", Fill = "tonexty",
                FillColor = "rgba(255,127,14,0.25)", LegendGroup = "ensemble", HoverTemplate = "%{y:.3g}<extra>ensemble high</extra>" }
                .With("line.width", 0).With("line.color", "rgba(255,127,14,0.25)"));
        }
        figure.Add(new Scatter(webGl) { X = time, Y = observed, Name = "observed", Mode = "lines",
            HoverTemplate = "%{y:.3g} " + dischargeUnit + "<extra>observed</extra>" }.With("line.color", "#1f1f1f")
                .With("line.width", 1.2));
        if (simulated is not null)
            figure.Add(new Scatter(webGl) { X = time, Y = simulated, Name = "simulated", Mode = "lines",
                HoverTemplate = "%{y:.3g} " + dischargeUnit + "<extra>simulated</extra>" }.With("line.color", "#ff7f0e")
                    .With("line.width", 1.2));

        var discharge = figure.Layout.YAxis();
        discharge.Title = $"discharge ({dischargeUnit})";
        discharge.RangeMode = "tozero";
        figure.Layout.XAxis().Type = "date";
        figure.Layout.HoverMode = "x unified";
        figure.Layout.Legend.Set("orientation", "h");
        figure.Layout.Legend.Set("y", -0.12);

        if (precipitation is not null)
        {
            var maxPrecipitation = precipitation.Where(double.IsFinite).DefaultIfEmpty(1).Max();
            if (maxPrecipitation <= 0) maxPrecipitation = 1;
            Trace rain = webGl
                ? new Scatter(true) { X = time, Y = precipitation, Mode = "lines", Fill = "tozeroy", FillColor = "rgba(31,119,180,0.6)" }
                    .With("line.shape", "hv").With("line.width", 0.5).With("line.color", "rgba(31,119,180,0.8)")
                : new Bar { X = time, Y = precipitation }.With("marker.color", "rgba(31,119,180,0.6)");
            rain.Name = "precipitation";
            rain.YAxis = "y2";
            rain.HoverTemplate = $"%{{y:.3g}} {PrecipitationUnit}<extra>precipitation</extra>";
            figure.Data.Insert(0, rain);
            // Rain hangs from the top of its own band (y2, reversed) and discharge keeps the band below: on one shared
            // plot area the tallest bars reached the highest peaks.
            var rainAxis = figure.Layout.YAxis(2);
            rainAxis.Title = $"precipitation ({PrecipitationUnit})";
            rainAxis.Domain = [0.72, 1];
            rainAxis.Anchor = "x";
            rainAxis.Side = "right";
            rainAxis.Range = [1.05 * maxPrecipitation, 0];
            rainAxis.ShowGrid = false;
            rainAxis.Set("nticks", 3);
            discharge.Domain = [0, 0.68];
            // Tall enough for a readable rain band (about 110 px) above about 260 px of discharge.
            figure.Layout.Height = 540;
            figure.Layout.Margin.Set("t", 70);
        }
        return figure;
    }
}
