namespace HydroWorkshop.Plotting;

/// <summary>A trace over a regular grid: <c>z</c> is <c>[y, x]</c> (row = y index), x and y are cell centres.</summary>
public abstract class GridTrace : Trace
{
    /// <summary>Sets the trace type.</summary>
    protected GridTrace(string type) : base(type) { }

    /// <summary>Values <c>[y, x]</c>: <c>double[,]</c>, <c>float[,]</c>, jagged rows or a 2-D <see cref="TypedArray"/>.</summary>
    public object? Z { get => Get("z"); set => Set("z", value); }

    /// <summary>Cell-centre x coordinates (length = columns).</summary>
    public object? X { get => Get("x"); set => Set("x", value); }

    /// <summary>Cell-centre y coordinates (length = rows).</summary>
    public object? Y { get => Get("y"); set => Set("y", value); }

    /// <summary>A named scale (<c>Viridis</c>, <c>Blues</c>, <c>RdBu</c>) or a list of [fraction, colour] stops.</summary>
    public object? ColorScale { get => Get("colorscale"); set => Set("colorscale", value); }

    /// <summary>Lower end of the colour range.</summary>
    public double? ZMin { get => Get("zmin") as double?; set => Set("zmin", value); }

    /// <summary>Upper end of the colour range.</summary>
    public double? ZMax { get => Get("zmax") as double?; set => Set("zmax", value); }

    /// <summary>Shares a layout colour axis (<c>coloraxis</c>, <c>coloraxis2</c>) with other traces: one scale, one bar.</summary>
    public string? ColorAxis { get => GetAs<string>("coloraxis"); set => Set("coloraxis", value); }

    /// <summary>Whether this trace draws its own colour bar.</summary>
    public bool? ShowScale { get => Get("showscale") as bool?; set => Set("showscale", value); }

    /// <summary>Colour bar title.</summary>
    public string? ColorBarTitle { get => GetTitle("colorbar.title"); set => SetTitle("colorbar.title", value); }
}

/// <summary>A map of cells coloured by value; NaN cells stay empty.</summary>
public sealed class Heatmap : GridTrace
{
    /// <summary>An empty heatmap.</summary>
    public Heatmap() : base("heatmap") { }
}

/// <summary>Contour lines or filled contours of a grid.</summary>
public sealed class Contour : GridTrace
{
    /// <summary>An empty contour trace.</summary>
    public Contour() : base("contour") { }

    /// <summary><c>fill</c>, <c>lines</c> or <c>heatmap</c> colouring.</summary>
    public string? Coloring { get => Get("contours.coloring") as string; set => Set("contours.coloring", value); }
}

/// <summary>A 3-D surface of a grid (terrain, water surface).</summary>
public sealed class Surface : GridTrace
{
    /// <summary>An empty surface.</summary>
    public Surface() : base("surface") { }
}
