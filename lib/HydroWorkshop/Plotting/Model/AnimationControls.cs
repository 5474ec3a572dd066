namespace HydroWorkshop.Plotting;

/// <summary>Play/pause buttons and a slider over a figure's frames (plotly's <c>updatemenus</c> and <c>sliders</c>).</summary>
internal static class AnimationControls
{
    public static void Add(Figure figure, int frameDurationMs, string sliderPrefix)
    {
        if (figure.Frames.Count == 0) throw new InvalidOperationException("the figure has no frames to animate; add frames before the animation controls");
        var play = new PlotlyNode(("label", "▶ Play"), ("method", "animate"));
        play.Set("args", new object?[]
        {
            null,
            new PlotlyNode(("frame.duration", frameDurationMs), ("frame.redraw", true), ("transition.duration", 0),
                ("fromcurrent", true), ("mode", "immediate")),
        });
        var pause = new PlotlyNode(("label", "❚❚ Pause"), ("method", "animate"));
        pause.Set("args", new object?[]
        {
            new object?[] { null },
            new PlotlyNode(("frame.duration", 0), ("frame.redraw", false), ("transition.duration", 0), ("mode", "immediate")),
        });
        figure.Layout.UpdateMenus.Add(new PlotlyNode(("type", "buttons"), ("direction", "left"), ("showactive", false),
            ("x", 0.0), ("y", 0.0), ("xanchor", "left"), ("yanchor", "top"), ("pad.t", ControlsGap + 15), ("pad.r", 10),
            ("buttons", new[] { play, pause })));

        var steps = figure.Frames.Select(frame =>
        {
            var step = new PlotlyNode(("label", frame.Name), ("method", "animate"));
            step.Set("args", new object?[]
            {
                new[] { frame.Name },
                new PlotlyNode(("frame.duration", 0), ("frame.redraw", true), ("transition.duration", 0), ("mode", "immediate")),
            });
            return step;
        }).ToList();
        figure.Layout.Sliders.Add(new PlotlyNode(("active", 0), ("x", 0.12), ("len", 0.88), ("y", 0.0), ("yanchor", "top"),
            ("pad.t", ControlsGap), ("currentvalue.prefix", sliderPrefix), ("currentvalue.visible", true),
            ("transition.duration", 0), ("steps", steps)));
        // The controls hang below the plot area, under the x axes' tick labels and titles; keep room for them.
        if (figure.Layout.Margin.Get("b") is null) figure.Layout.Margin.Set("b", BottomMargin);
    }

    /// <summary>Pixels between the plot area and the slider: an x axis's tick labels and title take about 50.</summary>
    public const int ControlsGap = 55;

    /// <summary>The bottom margin the controls need (plotly's default, 80, leaves them overlapping the x axis title).</summary>
    public const int BottomMargin = ControlsGap + 60;
}
