using System.Globalization;

namespace HydroWorkshop.Plotting;

public static partial class HydroCharts
{
    /// <summary>
    /// Animated depth maps in a 2 x 2 grid: solver and model on top, their difference below the solver and the colour
    /// bars beside it; one frame per time step, one shared depth colour scale for the first two panels and a symmetric
    /// one for the difference; zoom and frames are synchronised. Play/pause buttons and a slider drive it. (Three panels
    /// in a row were 181 x 91 px in a 900 px notebook output.)
    /// </summary>
    /// <param name="solver">Reference depth (m), <c>[time, y, x]</c> flattened row-major.</param>
    /// <param name="model">Predicted depth (m), same shape.</param>
    /// <param name="ny">Rows (y cells).</param>
    /// <param name="nx">Columns (x cells).</param>
    /// <param name="dx">Cell width (m).</param>
    /// <param name="dy">Cell height (m).</param>
    /// <param name="times">Time of each frame (in <see cref="DepthAnimationOptions.TimeUnit"/>), or null for frame numbers.</param>
    /// <param name="obstacles">True where a cell is an obstacle, <c>[y, x]</c>, or null.</param>
    /// <param name="options">Encoding, title, timing; null for the defaults.</param>
    public static Figure DepthAnimation(float[] solver, float[] model, int ny, int nx, double dx = 1, double dy = 1,
        double[]? times = null, bool[]? obstacles = null, DepthAnimationOptions? options = null)
    {
        const string chart = "DepthAnimation";
        options ??= new DepthAnimationOptions();
        if (ny <= 0 || nx <= 0) throw new ArgumentOutOfRangeException(nameof(ny),
            $"{chart}: the grid must be at least 1x1, got ny={ny}, nx={nx}");
        ArgumentNullException.ThrowIfNull(solver);
        var cells = ny * nx;
        if (solver.Length == 0 || solver.Length % cells != 0)
            throw new ArgumentException(
                $"{chart}: solver has {solver.Length} values, not a whole number (>= 1) of [y, x] = [{ny}, {nx}] maps", nameof(solver));
        var frames = solver.Length / cells;
        SeriesChecks.Grid(chart, nameof(solver), solver, ny, nx, frames);
        SeriesChecks.Grid(chart, nameof(model), model, ny, nx, frames);
        CheckMask(chart, obstacles, ny, nx);
        if (times is not null && times.Length != frames)
            throw new ArgumentException($"{chart}: times has {times.Length} values but there are {frames} frames", nameof(times));

        var dry = (float)options.DryThreshold;
        var reference = solver.Select(d => d > dry ? d : float.NaN).ToArray();
        var prediction = model.Select(d => d > dry ? d : float.NaN).ToArray();
        var difference = new float[solver.Length];
        for (var i = 0; i < difference.Length; i++)
            difference[i] = float.IsNaN(reference[i]) && float.IsNaN(prediction[i]) ? float.NaN
                : (float.IsNaN(prediction[i]) ? 0 : prediction[i]) - (float.IsNaN(reference[i]) ? 0 : reference[i]);
        var maxDepth = Math.Max(MaxFinite(reference), MaxFinite(prediction));
        if (maxDepth <= 0) maxDepth = 1;
        var maxError = difference.Where(float.IsFinite).Select(Math.Abs).DefaultIfEmpty(0).Max();
        if (maxError <= 0) maxError = 0.01f;

        var compact = options.Encoding switch
        {
            MapEncoding.Compact => true,
            MapEncoding.Exact => false,
            _ => 3L * solver.Length * 4 * 4 / 3 > options.SizeBudgetBytes,
        };
        var depthStep = MapColours.NiceStep(maxDepth / 254);
        var errorStep = MapColours.NiceStep(maxError / 127);
        TypedArray Encode(float[] stack, int t, bool signed) => !compact
            ? TypedArray.Float32(stack.AsSpan(t * cells, cells), ny, nx)
            : signed ? MapColours.QuantiseSigned(stack.AsSpan(t * cells, cells), errorStep, ny, nx)
            : MapColours.QuantiseUnsigned(stack.AsSpan(t * cells, cells), depthStep, ny, nx);

        var x = SeriesChecks.CellCentres(nx, dx);
        var y = SeriesChecks.CellCentres(ny, dy);
        var figure = new Figure().WithTitle(options.Title);
        var panels = new[] { (reference, false, options.PanelTitles.Reference), (prediction, false, options.PanelTitles.Prediction),
            (difference, true, options.PanelTitles.Difference) };
        for (var p = 0; p < 3; p++)
        {
            var (stack, signed, name) = panels[p];
            var n = p + 1;
            var value = compact
                ? $"level %{{z}} × {(signed ? errorStep : depthStep).ToString("G3", CultureInfo.InvariantCulture)} m"
                : "%{z:.3f} m";
            figure.Add(new Heatmap { Z = Encode(stack, 0, signed), X = x, Y = y, Name = name, ColorAxis = signed ? "coloraxis2"
                : "coloraxis",
                XAxis = n == 1 ? "x" : "x" + n, YAxis = n == 1 ? "y" : "y" + n,
                HoverTemplate = $"x %{{x:.2f}} m, y %{{y:.2f}} m<br>{(signed ? "difference" : "depth")} {value}<extra>{name}</extra>" });
        }
        if (obstacles is not null)
            for (var n = 1; n <= 3; n++) figure.Add(ObstacleTrace(obstacles, ny, nx, x, y, n == 1 ? "x" : "x" + n, n == 1 ? "y" : "y" + n));

        for (var t = 0; t < frames; t++)
        {
            var label = times is null ? t.ToString(CultureInfo.InvariantCulture)
                : $"{times[t].ToString("G4", CultureInfo.InvariantCulture)} {options.TimeUnit}";
            figure.Frames.Add(new Frame(label,
                [new Heatmap { Z = Encode(reference, t, false) }, new Heatmap { Z = Encode(prediction, t, false) },
                    new Heatmap { Z = Encode(difference, t, true) }],
                0, 1, 2));
        }

        LayoutPanels(figure.Layout, options, compact, maxDepth, maxError, depthStep, errorStep);
        // For a figure about 1000 px wide: each panel is about 430 px wide, two rows take 88 % of the plot height, and
        // title plus x axis and controls take about 240 px.
        figure.Layout.Height = options.Height
            ?? (int)Math.Clamp(PanelsTop + PanelsBottom + 2 * 430 * (ny * dy) / (nx * dx) / 0.88, 560, 1100);
        figure.WithAnimationControls(options.FrameDurationMs, times is null ? "frame " : "t = ");
        return figure;
    }

    private static float MaxFinite(float[] values)
    {
        var max = 0f;
        foreach (var v in values) if (v > max) max = v;
        return max;
    }

    /// <summary>Figure margins above and below the panels, px (title; x axis title and the animation controls).</summary>
    private const int PanelsTop = 80, PanelsBottom = AnimationControls.BottomMargin + 25;

    private static void LayoutPanels(Layout layout, DepthAnimationOptions options, bool compact, double maxDepth, double maxError,
        double depthStep, double errorStep)
    {
        // Solver | model on top, difference below the solver; the colour bars lie flat in the fourth cell (between
        // the panels they needed a fixed ~75 px that a fraction of the width does not give in a narrow notebook).
        // The row gap holds the top row's x tick labels and the bottom panel's title.
        double[][] xDomains = [[0, 0.47], [0.53, 1.0], [0, 0.47]];
        double[][] yDomains = [[0.56, 1.0], [0.56, 1.0], [0, 0.44]];
        for (var n = 1; n <= 3; n++)
        {
            SquareCells(layout, n);
            layout.XAxis(n).Domain = xDomains[n - 1];
            layout.YAxis(n).Domain = yDomains[n - 1];
            // One x title, under the bottom panel: the top row's would sit in the gap above it.
            if (n < 3) layout.XAxis(n).Title = null;
            else layout.YAxis(n).Title = "y (m)";
            if (n > 1)
            {
                layout.XAxis(n).Anchor = "y" + n;
                layout.YAxis(n).Anchor = "x" + n;
                layout.XAxis(n).Matches = "x";
                layout.YAxis(n).Matches = "y";
            }
            // The panels share y (matches): the right-hand panel's labels would repeat the left ones'.
            if (n == 2) layout.YAxis(n).Set("showticklabels", false);
            var title = n switch { 1 => options.PanelTitles.Reference, 2 => options.PanelTitles.Prediction,
                _ => options.PanelTitles.Difference };
            // In the panel's own domain coordinates, so the title sits on the (aspect-shrunk) map, not on the figure.
            var suffix = n == 1 ? "" : n.ToString(CultureInfo.InvariantCulture);
            layout.Annotations.Add(new PlotlyNode(("text", $"<b>{title}</b>"), ("x", 0.5), ("y", 1.0), ("xref", $"x{suffix} domain"),
                ("yref", $"y{suffix} domain"), ("yanchor", "bottom"), ("showarrow", false)));
        }
        var depthAxis = layout.ColorAxis(1);
        var errorAxis = layout.ColorAxis(2);
        depthAxis.ColorBarTitle = "depth (m)";
        errorAxis.ColorBarTitle = "Δ depth (m)";
        depthAxis.Set("colorbar.y", 0.40);
        errorAxis.Set("colorbar.y", 0.14);
        layout.Margin.Set("l", 60);
        layout.Margin.Set("r", 30);
        layout.Margin.Set("t", PanelsTop);
        layout.Margin.Set("b", PanelsBottom);
        foreach (var axis in new[] { depthAxis, errorAxis })
        {
            axis.Set("colorbar.orientation", "h");
            axis.Set("colorbar.x", 0.765);
            axis.Set("colorbar.xanchor", "center");
            axis.Set("colorbar.yanchor", "top");
            axis.Set("colorbar.len", 0.4);
            axis.Set("colorbar.thickness", 12);
            axis.Set("colorbar.title.side", "top");
        }
        if (compact)
        {
            depthAxis.ColorScale = MapColours.UnsignedLevels(MapColours.Depth);
            (depthAxis.CMin, depthAxis.CMax) = (0, 255);
            MapColours.LevelTicks(depthAxis, depthStep, 0, maxDepth);
            errorAxis.ColorScale = MapColours.SignedLevels(MapColours.Error);
            (errorAxis.CMin, errorAxis.CMax) = (-128, 127);
            MapColours.LevelTicks(errorAxis, errorStep, -maxError, maxError);
        }
        else
        {
            depthAxis.ColorScale = MapColours.Even(MapColours.Depth);
            (depthAxis.CMin, depthAxis.CMax) = (0, maxDepth);
            errorAxis.ColorScale = MapColours.Even(MapColours.Error);
            (errorAxis.CMin, errorAxis.CMax) = (-maxError, maxError);
        }
    }
}
