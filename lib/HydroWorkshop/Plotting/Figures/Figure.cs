namespace HydroWorkshop.Plotting;

/// <summary>
/// A Plotly figure: traces, layout, animation frames and config. Build it in a few lines, then
/// <see cref="ToHtml"/>/<see cref="SaveHtml"/> (offline HTML), <see cref="SavePng"/> (headless Chromium), or let
/// the notebook kernel show it through <see cref="ToMimeBundle"/>.
/// </summary>
/// <example><code>
/// var fig = new Figure()
///     .Add(new Scatter { X = dates, Y = observed, Name = "observed" })
///     .Add(new Scatter { X = dates, Y = simulated, Name = "simulated" });
/// fig.Layout.Title = "Discharge";
/// fig.SaveHtml("discharge.html");
/// </code></example>
public sealed partial class Figure
{
    /// <summary>The traces, drawn in order (later ones on top).</summary>
    public List<Trace> Data { get; } = [];

    /// <summary>Layout.</summary>
    public Layout Layout { get; } = new();

    /// <summary>Animation frames (empty for a still figure).</summary>
    public List<Frame> Frames { get; } = [];

    /// <summary>plotly.js config (<c>responsive</c>, <c>displaylogo</c>, <c>toImageButtonOptions</c>, ...).</summary>
    public PlotlyNode Config { get; } = new(("responsive", true), ("displaylogo", false));

    /// <summary>Rounds double data to this many significant digits in the JSON (0 = exact). 4 to 6 keeps files small.</summary>
    public int SignificantDigits { get; set; } = 6;

    /// <summary>Adds a trace and returns the figure.</summary>
    public Figure Add(Trace trace)
    {
        ArgumentNullException.ThrowIfNull(trace);
        Data.Add(trace);
        return this;
    }

    /// <summary>Adds several traces.</summary>
    public Figure Add(params Trace[] traces)
    {
        foreach (var trace in traces) Add(trace);
        return this;
    }

    /// <summary>Sets the title and returns the figure.</summary>
    public Figure WithTitle(string title)
    {
        Layout.Title = title;
        return this;
    }

    /// <summary>Sets layout attributes and returns the figure.</summary>
    public Figure WithLayout(Action<Layout> configure)
    {
        configure(Layout);
        return this;
    }

    /// <summary>Adds play/pause buttons and a frame slider for <see cref="Frames"/>.</summary>
    /// <param name="frameDurationMs">Time each frame is shown while playing, ms.</param>
    /// <param name="sliderPrefix">Text before the frame name on the slider (e.g. <c>"t = "</c>).</param>
    public Figure WithAnimationControls(int frameDurationMs = 100, string sliderPrefix = "")
    {
        AnimationControls.Add(this, frameDurationMs, sliderPrefix);
        return this;
    }

    /// <summary>The figure as Plotly JSON (<c>{data, layout, frames, config}</c>), after <see cref="Validate"/>.</summary>
    public string ToJson()
    {
        Validate();
        return PlotlyJson.Serialize(AsPlotlyObject(), SignificantDigits);
    }

    /// <summary>Checks what plotly.js would silently draw wrong: x/y of different lengths, grids whose
    /// coordinates do not match <c>z</c>. Throws <see cref="ArgumentException"/> naming the trace.</summary>
    public void Validate()
    {
        for (var i = 0; i < Data.Count; i++) TraceChecks.Check(Data[i], $"trace {i}");
        foreach (var frame in Frames)
            for (var i = 0; i < frame.Data.Count; i++) TraceChecks.Check(frame.Data[i], $"frame '{frame.Name}' trace {i}");
    }

    /// <summary>Short text for consoles: trace and frame counts.</summary>
    public override string ToString() =>
        $"Figure{(Layout.Title is { } t ? $" '{t}'" : "")}: {Data.Count} trace(s) [{string.Join(", ", Data.Select(d => d.Type).Distinct())}]" +
        (Frames.Count > 0 ? $", {Frames.Count} frames" : "");

    internal PlotlyNode AsPlotlyObject()
    {
        var root = new PlotlyNode();
        root.Set("data", new TraceList(Data));
        root.Set("layout", Layout);
        if (Frames.Count > 0) root.Set("frames", Frames);
        root.Set("config", Config);
        return root;
    }
}
