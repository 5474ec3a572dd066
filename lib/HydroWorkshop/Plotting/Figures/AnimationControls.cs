namespace HydroWorkshop.Plotting;

/// <summary>Play/pause buttons and a slider over a figure's frames (plotly's <c>updatemenus</c> and <c>sliders</c>).</summary>
internal static class AnimationControls
{
    public static void Add(Figure figure, int frameDurationMs, string sliderPrefix)
    {
        if (figure.Frames.Count == 0) throw new InvalidOperationException(
            "the figure has no frames to animate; add frames before the animation controls");
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
        // The slider starts right of the buttons by a fixed padding in px: placed by a fraction of the width, the buttons
        // covered its handle at frame 0 in a 900 px notebook output.
        var slider = new PlotlyNode(("active", 0), ("x", 0.0), ("len", 1.0), ("y", 0.0), ("yanchor", "top"),
            ("pad.t", ControlsGap), ("pad.l", ButtonsWidth), ("currentvalue.prefix", sliderPrefix), ("currentvalue.visible", true),
            ("transition.duration", 0), ("steps", steps));
        // One label under every step runs them together beyond a dozen frames; the current value above the rail still
        // names the frame shown.
        if (steps.Count > MaxStepLabels) slider.Set("font.color", "rgba(0,0,0,0)");
        figure.Layout.Sliders.Add(slider);
        // The controls hang below the plot area, under the x axes' tick labels and titles; keep room for them.
        if (figure.Layout.Margin.Get("b") is null) figure.Layout.Margin.Set("b", BottomMargin);
    }

    /// <summary>Pixels between the plot area and the slider: an x axis's tick labels and title take about 50.</summary>
    public const int ControlsGap = 55;

    /// <summary>Width of the play and pause buttons with their padding, px ("▶ Play" and "❚❚ Pause" in plotly's 12 px font take about
    /// 150).</summary>
    public const int ButtonsWidth = 165;

    /// <summary>Above this many frames the slider's steps are not labelled one by one.</summary>
    public const int MaxStepLabels = 12;

    /// <summary>The bottom margin the controls need (plotly's default, 80, leaves them overlapping the x axis title).</summary>
    public const int BottomMargin = ControlsGap + 60;
}
