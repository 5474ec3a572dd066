namespace HydroWorkshop.Plotting;

/// <summary>Lines and/or markers; <see cref="WebGl"/> switches to <c>scattergl</c> for series of 10k+ points.</summary>
public sealed class Scatter : Trace
{
    /// <summary>An SVG scatter (<c>scatter</c>) or, with <paramref name="webGl"/>, a WebGL one (<c>scattergl</c>).</summary>
    public Scatter(bool webGl = false) : base(webGl ? "scattergl" : "scatter") { }

    /// <summary>Draws with WebGL (<c>scattergl</c>): smooth for long daily series.</summary>
    public bool WebGl { get => Type == "scattergl"; set => Set("type", value ? "scattergl" : "scatter"); }

    /// <summary>x values.</summary>
    public object? X { get => Get("x"); set => Set("x", value); }

    /// <summary>y values.</summary>
    public object? Y { get => Get("y"); set => Set("y", value); }

    /// <summary><c>lines</c>, <c>markers</c>, <c>lines+markers</c>.</summary>
    public string? Mode { get => GetAs<string>("mode"); set => Set("mode", value); }

    /// <summary><c>tonexty</c>, <c>tozeroy</c>, <c>toself</c>, ... (an ensemble band fills to the previous trace).</summary>
    public string? Fill { get => GetAs<string>("fill"); set => Set("fill", value); }

    /// <summary>Fill colour.</summary>
    public string? FillColor { get => GetAs<string>("fillcolor"); set => Set("fillcolor", value); }

    /// <summary>Per-point hover text.</summary>
    public object? Text { get => Get("text"); set => Set("text", value); }

    /// <summary>Whether NaN gaps are bridged (default false: a gap stays a gap).</summary>
    public bool? ConnectGaps { get => Get("connectgaps") as bool?; set => Set("connectgaps", value); }

    /// <summary>Line style.</summary>
    public LineStyle Line { get => Child<LineStyle>("line"); set => Set("line", value); }

    /// <summary>Marker style.</summary>
    public MarkerStyle Marker { get => Child<MarkerStyle>("marker"); set => Set("marker", value); }
}

/// <summary>Bars; precipitation uses them hanging from the top of a reversed secondary axis.</summary>
public sealed class Bar : Trace
{
    /// <summary>An empty bar trace.</summary>
    public Bar() : base("bar") { }

    /// <summary>x values (categories, dates or numbers).</summary>
    public object? X { get => Get("x"); set => Set("x", value); }

    /// <summary>Bar heights.</summary>
    public object? Y { get => Get("y"); set => Set("y", value); }

    /// <summary><c>v</c> or <c>h</c>.</summary>
    public string? Orientation { get => GetAs<string>("orientation"); set => Set("orientation", value); }

    /// <summary>Marker (bar colour).</summary>
    public MarkerStyle Marker { get => Child<MarkerStyle>("marker"); set => Set("marker", value); }
}

/// <summary>Histogram of raw values (binning done by plotly.js).</summary>
public sealed class Histogram : Trace
{
    /// <summary>An empty histogram.</summary>
    public Histogram() : base("histogram") { }

    /// <summary>Values to bin along x.</summary>
    public object? X { get => Get("x"); set => Set("x", value); }

    /// <summary>Maximum number of bins.</summary>
    public int? NBinsX { get => Get("nbinsx") as int?; set => Set("nbinsx", value); }

    /// <summary><c>""</c> (counts), <c>percent</c>, <c>probability</c>, <c>density</c>.</summary>
    public string? HistNorm { get => GetAs<string>("histnorm"); set => Set("histnorm", value); }

    /// <summary>Marker (bar colour).</summary>
    public MarkerStyle Marker { get => Child<MarkerStyle>("marker"); set => Set("marker", value); }
}

/// <summary>Box plot of raw values.</summary>
public sealed class Box : Trace
{
    /// <summary>An empty box trace.</summary>
    public Box() : base("box") { }

    /// <summary>Values (vertical box).</summary>
    public object? Y { get => Get("y"); set => Set("y", value); }

    /// <summary>Group positions (optional).</summary>
    public object? X { get => Get("x"); set => Set("x", value); }

    /// <summary><c>all</c>, <c>outliers</c>, <c>suspectedoutliers</c>, or false.</summary>
    public object? BoxPoints { get => Get("boxpoints"); set => Set("boxpoints", value); }
}
