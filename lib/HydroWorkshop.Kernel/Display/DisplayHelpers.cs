using HydroWorkshop.Common;

namespace HydroWorkshop.Kernel.Display;

/// <summary>HTML to render as is (<c>HTML("&lt;b&gt;hi&lt;/b&gt;")</c> in a cell).</summary>
public sealed record HtmlContent(string Html)
{
    public override string ToString() => Html;
}

/// <summary>Markdown to render (<c>Markdown("**hi**")</c> in a cell).</summary>
public sealed record MarkdownContent(string Markdown)
{
    public override string ToString() => Markdown;
}

/// <summary>A displayed output; <see cref="Update"/> replaces it in place (<c>update_display_data</c>).</summary>
public sealed class DisplayHandle : INotebookDisplayHandle
{
    private readonly Action<object?, string> update;

    internal DisplayHandle(string displayId, Action<object?, string> update)
    {
        DisplayId = displayId;
        this.update = update;
    }

    public string DisplayId { get; }

    public void Update(object? value) => update(value, DisplayId);

    public override string ToString() => $"display {DisplayId}";
}

/// <summary>Sends objects to the front end as MIME bundles; the implementation behind <c>display(obj)</c>
/// and <see cref="NotebookDisplay"/>.</summary>
public sealed class DisplayPublisher(IOutputSink sink, Action flushStreams)
{
    public DisplayHandle Display(object? value)
    {
        var handle = new DisplayHandle(Guid.NewGuid().ToString("N"), (v, id) => Publish(v, id, update: true));
        Publish(value, handle.DisplayId, update: false);
        return handle;
    }

    private void Publish(object? value, string displayId, bool update)
    {
        // What was printed before the display comes before it in the notebook.
        flushStreams();
        sink.DisplayData(MimeFormatter.Format(value), displayId, update);
    }

    public void ClearOutput(bool wait)
    {
        flushStreams();
        sink.ClearOutput(wait);
    }
}
