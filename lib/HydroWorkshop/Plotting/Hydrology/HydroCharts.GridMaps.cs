namespace HydroWorkshop.Plotting;

/// <summary>A labelled point on a longitude–latitude map (a gauge).</summary>
public sealed record MapPoint(string Name, double Longitude, double Latitude);

/// <summary>A region drawn as an outline on a map: 1 inside, 0 outside, [y, x] row-major (a basin mask).</summary>
public sealed record MapRegion(string Name, float[] Mask);

public static partial class HydroCharts
{
    /// <summary>
    /// One value per cell of a longitude–latitude grid (e.g. per-cell NSE, a saliency map, mean rainfall), with points
    /// (gauges) and region outlines (basins) drawn on top. Rows run north to south (row 0 = <c>latitudes[0]</c>).
    /// </summary>
    /// <param name="values">[y, x] row-major; NaN cells stay empty.</param>
    /// <param name="latitudes">Cell-centre latitude of each row (°N).</param>
    /// <param name="longitudes">Cell-centre longitude of each column (°E).</param>
    /// <param name="unit">Colour-bar title (the unit, e.g. "mm/day", "NSE").</param>
    /// <param name="title">Figure title.</param>
    /// <param name="colours">A plotly colour-scale name (e.g. "Blues", "RdBu", "Viridis").</param>
    /// <param name="zMin">Colour-scale minimum (null: the data's).</param>
    /// <param name="zMax">Colour-scale maximum (null: the data's).</param>
    /// <param name="points">Points to mark (gauges), or null.</param>
    /// <param name="regions">Regions to outline (basins), or null.</param>
    /// <param name="reverseColours">Reverse the colour scale.</param>
    public static Figure GridMap(float[] values, double[] latitudes, double[] longitudes, string title, string unit,
        string colours = "Viridis", double? zMin = null, double? zMax = null, IReadOnlyList<MapPoint>? points = null,
        IReadOnlyList<MapRegion>? regions = null, bool reverseColours = false)
    {
        const string chart = "GridMap";
        SeriesChecks.Grid(chart, nameof(values), values, latitudes.Length, longitudes.Length);
        var figure = new Figure().WithTitle(title);
        figure.Add(new Heatmap { Z = TypedArray.Float32(values, latitudes.Length, longitudes.Length), X = longitudes, Y = latitudes,
            ColorScale = colours, ZMin = zMin, ZMax = zMax, ColorBarTitle = unit, Name = unit,
            HoverTemplate = $"%{{x:.2f}} °E, %{{y:.2f}} °N<br>%{{z:.3g}} {unit}<extra></extra>" }.With("reversescale", reverseColours));
        AddOverlays(figure, latitudes, longitudes, points, regions);
        LonLatAxes(figure.Layout, latitudes, longitudes);
        return figure;
    }

    /// <summary>
    /// Maps as a video: one frame per day of a [time, y, x] stack (e.g. daily precipitation) on one colour scale, with
    /// gauges and basin outlines fixed on top; Play/Pause and a date slider.
    /// </summary>
    /// <param name="stack">[time, y, x] row-major.</param>
    /// <param name="latitudes">Cell-centre latitude of each row (°N), north first.</param>
    /// <param name="longitudes">Cell-centre longitude of each column (°E).</param>
    /// <param name="frameNames">One label per frame (e.g. the date).</param>
    /// <param name="title">Figure title.</param>
    /// <param name="unit">Colour-bar title (the unit).</param>
    /// <param name="colours">A plotly colour-scale name.</param>
    /// <param name="zMax">Colour-scale maximum (null: the largest value of the stack).</param>
    /// <param name="points">Points to mark (gauges), or null.</param>
    /// <param name="regions">Regions to outline (basins), or null.</param>
    /// <param name="frameDurationMs">Time each frame is shown while playing, ms.</param>
    public static Figure GridAnimation(float[] stack, double[] latitudes, double[] longitudes, string[] frameNames,
        string title, string unit,
        string colours = "Blues", double? zMax = null, IReadOnlyList<MapPoint>? points = null, IReadOnlyList<MapRegion>? regions = null,
        int frameDurationMs = 200)
    {
        const string chart = "GridAnimation";
        int ny = latitudes.Length, nx = longitudes.Length, cells = ny * nx;
        if (stack.Length != frameNames.Length * cells)
            throw new ArgumentException($"{chart}: {stack.Length} values are not {frameNames.Length} frames of [{ny}, {nx}]",
                nameof(stack));
        SeriesChecks.Grid(chart, nameof(stack), stack, ny, nx, frameNames.Length);
        var top = zMax ?? Math.Max(1e-9, stack.Where(float.IsFinite).DefaultIfEmpty(0).Max());
        Heatmap Frame(int t) => new() { Z = TypedArray.Float32(stack.AsSpan(t * cells, cells), ny, nx) };
        var figure = new Figure().WithTitle(title);
        var map = Frame(0);
        map.X = longitudes;
        map.Y = latitudes;
        map.ColorScale = colours;
        map.ZMin = 0;
        map.ZMax = top;
        map.ColorBarTitle = unit;
        map.Name = unit;
        map.HoverTemplate = $"%{{x:.2f}} °E, %{{y:.2f}} °N<br>%{{z:.3g}} {unit}<extra></extra>";
        figure.Add(map);
        AddOverlays(figure, latitudes, longitudes, points, regions);
        for (var t = 0; t < frameNames.Length; t++) figure.Frames.Add(new Frame(frameNames[t], [Frame(t)], 0));
        LonLatAxes(figure.Layout, latitudes, longitudes);
        figure.WithAnimationControls(frameDurationMs);
        return figure;
    }

    private static void AddOverlays(Figure figure, double[] latitudes, double[] longitudes, IReadOnlyList<MapPoint>? points,
        IReadOnlyList<MapRegion>? regions)
    {
        string[] palette = ["#d62728", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#17becf"];
        var index = 0;
        foreach (var region in regions ?? [])
        {
            SeriesChecks.Grid("map region", region.Name, region.Mask, latitudes.Length, longitudes.Length);
            var colour = palette[index++ % palette.Length];
            // A contour at 0.5 of the 0/1 mask is the basin's outline.
            figure.Add(new Contour { Z = TypedArray.Float32(region.Mask, latitudes.Length, longitudes.Length),
                X = longitudes, Y = latitudes,
                Coloring = "none", ShowScale = false, Name = region.Name, HoverTemplate = $"{region.Name}<extra></extra>" }
                .With("contours.start", 0.5).With("contours.end", 0.5).With("contours.size", 1)
                .With("line.color", colour).With("line.width", 2).With("showlegend", true));
        }
        if (points is { Count: > 0 })
            figure.Add(new Scatter { X = points.Select(p => p.Longitude).ToArray(), Y = points.Select(p => p.Latitude).ToArray(),
                Mode = "markers+text", Text = points.Select(p => p.Name).ToArray(), Name = "gauges",
                Marker = new MarkerStyle { Color = "black", Size = 9, Symbol = "triangle-down" } }
                .With("textposition", "top center").With("hovertemplate", "%{text}<br>%{x:.2f} °E, %{y:.2f} °N<extra></extra>"));
    }

    private static void LonLatAxes(Layout layout, double[] latitudes, double[] longitudes)
    {
        var x = layout.XAxis(1);
        var y = layout.YAxis(1);
        x.Title = "longitude (°E)";
        y.Title = "latitude (°N)";
        // Degrees of longitude are shorter than degrees of latitude by cos(latitude): keep the map's true shape.
        var meanLatitude = latitudes.Average() * Math.PI / 180;
        y.ScaleAnchor = "x";
        y.Set("scaleratio", 1 / Math.Cos(meanLatitude));
        x.Set("constrain", "domain");
        y.Set("constrain", "domain");
        x.ShowGrid = false;
        y.ShowGrid = false;
        // The colour bar takes the right margin: the legend (gauges, basin outlines) goes below the map.
        layout.Set("legend.orientation", "h");
        layout.Set("legend.yanchor", "top");
        layout.Set("legend.y", -0.15);
        layout.Set("legend.x", 0);
    }
}
