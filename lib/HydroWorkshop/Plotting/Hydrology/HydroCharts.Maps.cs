using System.Globalization;

namespace HydroWorkshop.Plotting;

public static partial class HydroCharts
{
    /// <summary>Water depth on a regular grid with obstacles (grey) and bed-elevation contours. Cells at or below
    /// <paramref name="dryThreshold"/> and NaN cells are left empty.</summary>
    /// <param name="depth">Depth (m), <c>[y, x]</c> flattened row-major, length ny·nx.</param>
    /// <param name="ny">Rows (y cells).</param>
    /// <param name="nx">Columns (x cells).</param>
    /// <param name="dx">Cell width (m).</param>
    /// <param name="dy">Cell height (m).</param>
    /// <param name="obstacles">True where a cell is an obstacle, <c>[y, x]</c>, or null.</param>
    /// <param name="bedElevation">Bed elevation (m), <c>[y, x]</c>, drawn as contour lines, or null.</param>
    /// <param name="dryThreshold">Depth (m) at or below which a cell counts as dry.</param>
    /// <param name="title">Figure title.</param>
    public static Figure DepthMap(float[] depth, int ny, int nx, double dx = 1, double dy = 1, bool[]? obstacles = null,
        float[]? bedElevation = null, double dryThreshold = 1e-3, string title = "Water depth")
    {
        const string chart = "DepthMap";
        SeriesChecks.Grid(chart, nameof(depth), depth, ny, nx);
        if (bedElevation is not null) SeriesChecks.Grid(chart, nameof(bedElevation), bedElevation, ny, nx);
        CheckMask(chart, obstacles, ny, nx);
        var x = SeriesChecks.CellCentres(nx, dx);
        var y = SeriesChecks.CellCentres(ny, dy);
        var wet = depth.Select(d => d > dryThreshold ? d : float.NaN).ToArray();
        var maxDepth = wet.Where(float.IsFinite).DefaultIfEmpty(0).Max();

        var figure = new Figure().WithTitle(title);
        figure.Add(new Heatmap { Z = TypedArray.Float32(wet, ny, nx), X = x, Y = y, Name = "depth",
            ColorScale = MapColours.Even(MapColours.Depth),
            ZMin = 0, ZMax = maxDepth > 0 ? maxDepth : 1, ColorBarTitle = "depth (m)",
            HoverTemplate = "x %{x:.2f} m, y %{y:.2f} m<br>depth %{z:.3f} m<extra></extra>" });
        if (bedElevation is not null)
            figure.Add(new Contour { Z = TypedArray.Float32(bedElevation, ny, nx), X = x, Y = y, Name = "bed elevation", Coloring = "lines",
                ShowScale = false, ColorScale = new object[][] { [0.0, "#6b4f2a"], [1.0, "#6b4f2a"] },
                HoverTemplate = "bed %{z:.2f} m<extra></extra>" }.With("contours.showlabels", true).With("line.width", 0.8));
        if (obstacles is not null) figure.Add(ObstacleTrace(obstacles, ny, nx, x, y, "x", "y"));
        SquareCells(figure.Layout, 1);
        return figure;
    }

    /// <summary>Wet/dry agreement of a predicted depth map with a reference (e.g. model vs solver): hit (wet in both),
    /// miss (wet only in the reference), false alarm (wet only in the prediction); dry-in-both and NaN cells stay empty.
    /// The title gives the critical success index CSI = hits / (hits + misses + false alarms).</summary>
    public static Figure WetDryAgreement(float[] reference, float[] predicted, int ny, int nx, double dx = 1, double dy = 1,
        double wetThreshold = 0.01, bool[]? obstacles = null, string title = "Wet/dry agreement")
    {
        const string chart = "WetDryAgreement";
        SeriesChecks.Grid(chart, nameof(reference), reference, ny, nx);
        SeriesChecks.Grid(chart, nameof(predicted), predicted, ny, nx);
        CheckMask(chart, obstacles, ny, nx);
        var category = new float[ny * nx];
        int hits = 0, misses = 0, falseAlarms = 0;
        for (var i = 0; i < category.Length; i++)
        {
            if (float.IsNaN(reference[i]) || float.IsNaN(predicted[i])) { category[i] = float.NaN; continue; }
            var (r, p) = (reference[i] > wetThreshold, predicted[i] > wetThreshold);
            category[i] = (r, p) switch { (true, true) => 1, (true, false) => 2, (false, true) => 3, _ => float.NaN };
            if (r && p) hits++; else if (r) misses++; else if (p) falseAlarms++;
        }
        var total = hits + misses + falseAlarms;
        var csi = total > 0 ? (double)hits / total : double.NaN;
        var x = SeriesChecks.CellCentres(nx, dx);
        var y = SeriesChecks.CellCentres(ny, dy);
        const string hit = "#2ca02c", miss = "#ff7f0e", falseAlarm = "#d62728";
        var figure = new Figure().WithTitle(
            $"{title} (CSI {csi.ToString("0.000", CultureInfo.InvariantCulture)}: {hits} hits, {misses} misses, {falseAlarms} false alarms)");
        figure.Add(new Heatmap { Z = TypedArray.Float32(category, ny, nx), X = x, Y = y, Name = "agreement", ZMin = 0.5, ZMax = 3.5,
            ColorScale = new object[][] { [0.0, hit], [1 / 3.0, hit], [1 / 3.0, miss], [2 / 3.0, miss], [2 / 3.0, falseAlarm],
                [1.0, falseAlarm] },
            HoverTemplate = "x %{x:.2f} m, y %{y:.2f} m<br>%{z}: 1 hit, 2 miss, 3 false alarm<extra></extra>" }
            .With("colorbar.tickmode", "array").With("colorbar.tickvals", new[] { 1, 2, 3 })
            .With("colorbar.ticktext", new[] { "hit", "miss", "false alarm" }));
        if (obstacles is not null) figure.Add(ObstacleTrace(obstacles, ny, nx, x, y, "x", "y"));
        SquareCells(figure.Layout, 1);
        return figure;
    }

    private static void CheckMask(string chart, bool[]? mask, int ny, int nx)
    {
        if (mask is not null && mask.Length != ny * nx)
            throw new ArgumentException($"{chart}: obstacles has {mask.Length} values but [y, x] = [{ny}, {nx}] needs {ny * nx}",
                "obstacles");
    }

    private static Heatmap ObstacleTrace(bool[] mask, int ny, int nx, double[] x, double[] y, string xAxis, string yAxis) =>
        new()
        {
            Z = TypedArray.Float32(mask.Select(o => o ? 1f : float.NaN).ToArray(), ny, nx), X = x, Y = y, Name = "obstacles",
            ShowScale = false, ColorScale = new object[][] { [0.0, "#7f7f7f"], [1.0, "#7f7f7f"] }, ZMin = 0, ZMax = 1,
            XAxis = xAxis, YAxis = yAxis, HoverTemplate = "obstacle<extra></extra>",
        };

    /// <summary>Equal scales on panel <paramref name="n"/>'s axes so cells are square; y grows upwards.</summary>
    private static void SquareCells(Layout layout, int n)
    {
        var x = layout.XAxis(n);
        var y = layout.YAxis(n);
        x.Title = "x (m)";
        y.Title = n == 1 ? "y (m)" : null;
        // Later panels follow panel 1 through `matches`; plotly.js drops scaleanchor on a matching axis.
        if (n == 1) y.ScaleAnchor = "x";
        x.Set("constrain", "domain");
        y.Set("constrain", "domain");
        x.ShowGrid = false;
        y.ShowGrid = false;
    }
}
