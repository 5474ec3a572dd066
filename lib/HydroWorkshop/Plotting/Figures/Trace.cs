namespace HydroWorkshop.Plotting;

/// <summary>
/// One Plotly trace. Data arrays (<c>x</c>, <c>y</c>, <c>z</c>) take <c>double[]</c>, <c>float[]</c>,
/// <c>int[]</c>, <c>DateTime[]</c>, <c>string[]</c>, <c>double[y, x]</c> grids or a <see cref="TypedArray"/>;
/// NaN becomes a gap.
/// </summary>
public abstract class Trace : PlotlyObject
{
    /// <summary>Sets the plotly trace type (<c>scatter</c>, <c>bar</c>, ...).</summary>
    protected Trace(string type) => Set("type", type);

    /// <summary>The plotly trace type.</summary>
    public string Type => (string)Get("type")!;

    /// <summary>Legend and hover name; error messages name the trace by it.</summary>
    public string? Name { get => GetAs<string>("name"); set => Set("name", value); }

    /// <summary>Axis ids this trace is drawn on: <c>x</c>, <c>x2</c>, ...; <c>y</c>, <c>y2</c>, ...</summary>
    public string? XAxis { get => GetAs<string>("xaxis"); set => Set("xaxis", value); }

    /// <inheritdoc cref="XAxis"/>
    public string? YAxis { get => GetAs<string>("yaxis"); set => Set("yaxis", value); }

    /// <summary>Whether the trace has a legend entry.</summary>
    public bool? ShowLegend { get => Get("showlegend") as bool?; set => Set("showlegend", value); }

    /// <summary>Traces in one legend group toggle together.</summary>
    public string? LegendGroup { get => GetAs<string>("legendgroup"); set => Set("legendgroup", value); }

    /// <summary>d3-format hover template, e.g. <c>"%{y:.2f} m³/s&lt;extra&gt;&lt;/extra&gt;"</c>.</summary>
    public string? HoverTemplate { get => GetAs<string>("hovertemplate"); set => Set("hovertemplate", value); }

    /// <summary>Opacity 0..1.</summary>
    public double? Opacity { get => Get("opacity") as double?; set => Set("opacity", value); }

    /// <summary>How error messages name this trace.</summary>
    internal string Label => Name is { Length: > 0 } name ? $"{Type} trace '{name}'" : $"unnamed {Type} trace";
}

/// <summary>Line style of a scatter trace or shape.</summary>
public sealed class LineStyle : PlotlyObject
{
    /// <summary>CSS colour, e.g. <c>"#1f77b4"</c> or <c>"rgba(0,0,255,0.3)"</c>.</summary>
    public string? Color { get => GetAs<string>("color"); set => Set("color", value); }

    /// <summary>Width in px.</summary>
    public double? Width { get => Get("width") as double?; set => Set("width", value); }

    /// <summary><c>solid</c>, <c>dot</c>, <c>dash</c>, <c>dashdot</c>, ...</summary>
    public string? Dash { get => GetAs<string>("dash"); set => Set("dash", value); }

    /// <summary><c>linear</c>, <c>hv</c> (steps), <c>spline</c>, ...</summary>
    public string? Shape { get => GetAs<string>("shape"); set => Set("shape", value); }
}

/// <summary>Marker style of a scatter or bar trace.</summary>
public sealed class MarkerStyle : PlotlyObject
{
    /// <summary>One CSS colour, or an array of values mapped through <c>colorscale</c>.</summary>
    public object? Color { get => Get("color"); set => Set("color", value); }

    /// <summary>Size in px (one value or an array).</summary>
    public object? Size { get => Get("size"); set => Set("size", value); }

    /// <summary>Symbol name (<c>circle</c>, <c>square</c>, ...).</summary>
    public string? Symbol { get => GetAs<string>("symbol"); set => Set("symbol", value); }

    /// <summary>Marker opacity 0..1.</summary>
    public double? Opacity { get => Get("opacity") as double?; set => Set("opacity", value); }
}
