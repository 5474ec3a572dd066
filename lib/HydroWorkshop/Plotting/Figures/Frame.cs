namespace HydroWorkshop.Plotting;

/// <summary>
/// One animation frame: new data for some of the figure's traces (by index in <see cref="Traces"/>), so that
/// static traces (obstacles, 1:1 lines) are sent once and only the moving ones per frame.
/// </summary>
public sealed class Frame : PlotlyObject
{
    /// <summary>A frame named <paramref name="name"/> (the slider label) updating traces <paramref name="traceIndices"/>.</summary>
    public Frame(string name, IEnumerable<Trace> data, params int[] traceIndices)
    {
        Set("name", name);
        Set("data", new TraceList(data));
        if (traceIndices.Length > 0) Set("traces", traceIndices);
        if (Data.Count != traceIndices.Length && traceIndices.Length > 0)
            throw new ArgumentException($"frame '{name}' has {Data.Count} traces but {traceIndices.Length} trace indices",
                nameof(traceIndices));
    }

    /// <summary>The frame name (slider label, <c>Plotly.animate</c> target).</summary>
    public string Name => (string)Get("name")!;

    /// <summary>The partial traces of this frame.</summary>
    public IReadOnlyList<Trace> Data => ((TraceList)Get("data")!).Traces;

    /// <summary>Which figure traces <see cref="Data"/> replaces, in the same order.</summary>
    public int[]? Traces => Get("traces") as int[];

    /// <summary>Layout changes of this frame (e.g. a title showing the time).</summary>
    public Layout Layout => Child<Layout>("layout");
}

internal sealed class TraceList(IEnumerable<Trace> traces) : System.Collections.IEnumerable
{
    public List<Trace> Traces { get; } = traces.ToList();

    public System.Collections.IEnumerator GetEnumerator() => Traces.GetEnumerator();
}
