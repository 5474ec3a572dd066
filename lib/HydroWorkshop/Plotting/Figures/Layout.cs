namespace HydroWorkshop.Plotting;

/// <summary>Figure layout: title, size, axes (<c>xaxis</c>, <c>xaxis2</c>, ...), legend, subplot grid,
/// shapes, annotations, shared colour axes and animation controls.</summary>
public sealed class Layout : PlotlyObject
{
    /// <summary>Figure title.</summary>
    public string? Title { get => GetTitle("title"); set => SetTitle("title", value); }

    /// <summary>Width in px (null: fills its container).</summary>
    public int? Width { get => Get("width") as int?; set => Set("width", value); }

    /// <summary>Height in px.</summary>
    public int? Height { get => Get("height") as int?; set => Set("height", value); }

    /// <summary><c>x unified</c> shows every trace's value at the cursor's x (good for hydrographs).</summary>
    public string? HoverMode { get => GetAs<string>("hovermode"); set => Set("hovermode", value); }

    /// <summary><c>group</c>, <c>stack</c>, <c>overlay</c>.</summary>
    public string? BarMode { get => GetAs<string>("barmode"); set => Set("barmode", value); }

    /// <summary>Whether to show the legend.</summary>
    public bool? ShowLegend { get => Get("showlegend") as bool?; set => Set("showlegend", value); }

    /// <summary>Legend placement and style.</summary>
    public PlotlyNode Legend => Child<PlotlyNode>("legend");

    /// <summary>Margins in px (<c>l</c>, <c>r</c>, <c>t</c>, <c>b</c>).</summary>
    public PlotlyNode Margin => Child<PlotlyNode>("margin");

    /// <summary>The x axis number <paramref name="n"/> (1 = <c>xaxis</c>, 2 = <c>xaxis2</c>, ...).</summary>
    public Axis XAxis(int n = 1) => Child<Axis>(AxisKey("xaxis", n));

    /// <summary>The y axis number <paramref name="n"/>.</summary>
    public Axis YAxis(int n = 1) => Child<Axis>(AxisKey("yaxis", n));

    /// <summary>The shared colour axis number <paramref name="n"/> (traces join it through <c>coloraxis</c>).</summary>
    public ColorAxis ColorAxis(int n = 1) => Child<ColorAxis>(AxisKey("coloraxis", n));

    /// <summary>A regular grid of subplots: each (row, column) cell gets its own axes pair.</summary>
    public Layout Grid(int rows, int columns, bool independent = true)
    {
        Set("grid.rows", rows);
        Set("grid.columns", columns);
        Set("grid.pattern", independent ? "independent" : "coupled");
        return this;
    }

    /// <summary>Lines, rectangles and circles in data or paper coordinates.</summary>
    public List<PlotlyNode> Shapes => Child<PlotlyList>("shapes").Items;

    /// <summary>Text annotations.</summary>
    public List<PlotlyNode> Annotations => Child<PlotlyList>("annotations").Items;

    /// <summary>Buttons (play/pause of an animation).</summary>
    public List<PlotlyNode> UpdateMenus => Child<PlotlyList>("updatemenus").Items;

    /// <summary>Sliders (frame slider of an animation).</summary>
    public List<PlotlyNode> Sliders => Child<PlotlyList>("sliders").Items;

    /// <summary>Adds a line shape from (x0, y0) to (x1, y1) in the coordinates of axes
    /// <paramref name="xref"/>/<paramref name="yref"/>.</summary>
    public Layout AddLine(double x0, double y0, double x1, double y1, string color = "#444", string dash = "dash",
        string xref = "x", string yref = "y")
    {
        Shapes.Add(new PlotlyNode(("type", "line"), ("x0", x0), ("y0", y0), ("x1", x1), ("y1", y1),
            ("xref", xref), ("yref", yref), ("line.color", color), ("line.dash", dash), ("line.width", 1.5)));
        return this;
    }

    /// <summary>Adds a text annotation; <paramref name="xref"/> <c>paper</c> places it in figure fractions.</summary>
    public Layout AddAnnotation(string text, double x, double y, string xref = "paper", string yref = "paper", bool showArrow = false)
    {
        Annotations.Add(new PlotlyNode(("text", text), ("x", x), ("y", y), ("xref", xref), ("yref", yref), ("showarrow", showArrow)));
        return this;
    }

    internal static string AxisKey(string kind, int n) =>
        n < 1 ? throw new ArgumentOutOfRangeException(nameof(n), n, "axis numbers start at 1") : n == 1 ? kind : kind + n;
}

/// <summary>A Plotly axis (<c>xaxis</c>, <c>yaxis2</c>, ...).</summary>
public sealed class Axis : PlotlyObject
{
    /// <summary>Axis title (with unit, e.g. <c>"discharge (m³/s)"</c>).</summary>
    public string? Title { get => GetTitle("title"); set => SetTitle("title", value); }

    /// <summary><c>linear</c>, <c>log</c>, <c>date</c>, <c>category</c>.</summary>
    public string? Type { get => GetAs<string>("type"); set => Set("type", value); }

    /// <summary>Fixed range [min, max] (for a reversed axis, give [max, min] or use <see cref="Reversed"/>).</summary>
    public double[]? Range { get => GetAs<double[]>("range"); set => Set("range", value); }

    /// <summary>Draws the axis upside down (precipitation bars hanging from the top).</summary>
    public bool Reversed { get => Get("autorange") as string == "reversed"; set => Set("autorange", value ? "reversed" : null); }

    /// <summary>Draws this axis over another one (<c>y</c>) — a secondary axis.</summary>
    public string? Overlaying { get => GetAs<string>("overlaying"); set => Set("overlaying", value); }

    /// <summary><c>left</c>, <c>right</c>, <c>top</c>, <c>bottom</c>.</summary>
    public string? Side { get => GetAs<string>("side"); set => Set("side", value); }

    /// <summary>The axis this one is anchored to (<c>x2</c>, <c>free</c>).</summary>
    public string? Anchor { get => GetAs<string>("anchor"); set => Set("anchor", value); }

    /// <summary>Fraction [start, end] of the figure this axis spans.</summary>
    public double[]? Domain { get => GetAs<double[]>("domain"); set => Set("domain", value); }

    /// <summary>Keeps this axis' scale equal to another's (<c>x</c>): square map cells.</summary>
    public string? ScaleAnchor { get => GetAs<string>("scaleanchor"); set => Set("scaleanchor", value); }

    /// <summary>Lock the axis to another one's range (<c>matches: "x"</c>): zooming one zooms both.</summary>
    public string? Matches { get => GetAs<string>("matches"); set => Set("matches", value); }

    /// <summary>Grid lines on or off.</summary>
    public bool? ShowGrid { get => Get("showgrid") as bool?; set => Set("showgrid", value); }

    /// <summary><c>tozero</c> keeps 0 in view.</summary>
    public string? RangeMode { get => GetAs<string>("rangemode"); set => Set("rangemode", value); }
}

/// <summary>A colour scale shared by several traces (one colour bar, one range).</summary>
public sealed class ColorAxis : PlotlyObject
{
    /// <summary>Named scale or [fraction, colour] stops.</summary>
    public object? ColorScale { get => Get("colorscale"); set => Set("colorscale", value); }

    /// <summary>Lower end.</summary>
    public double? CMin { get => Get("cmin") as double?; set => Set("cmin", value); }

    /// <summary>Upper end.</summary>
    public double? CMax { get => Get("cmax") as double?; set => Set("cmax", value); }

    /// <summary>Colour bar title.</summary>
    public string? ColorBarTitle { get => GetTitle("colorbar.title"); set => SetTitle("colorbar.title", value); }

    /// <summary>Whether the colour bar is drawn.</summary>
    public bool? ShowScale { get => Get("showscale") as bool?; set => Set("showscale", value); }
}

/// <summary>A JSON array of Plotly objects (shapes, annotations, ...).</summary>
public sealed class PlotlyList : PlotlyObject, System.Collections.IEnumerable
{
    /// <summary>The items, in order.</summary>
    public List<PlotlyNode> Items { get; } = [];

    /// <inheritdoc />
    public System.Collections.IEnumerator GetEnumerator() => Items.GetEnumerator();
}
