using System.Text.Json.Nodes;
using HydroWorkshop.Kernel.Display;

namespace HydroWorkshop.Kernel.Execution;

/// <summary>
/// The members every cell sees unqualified (Roslyn's globals object), as in .NET Interactive:
/// <c>display(obj)</c>, <c>HTML(string)</c>, <c>Markdown(string)</c>, plus <c>Page</c> and <c>ClearOutput</c>.
/// Types declared inside a cell cannot reach these; they use <c>HydroWorkshop.Common.NotebookDisplay</c>.
/// </summary>
public sealed class KernelGlobals
{
    private readonly DisplayPublisher publisher;
    private readonly List<JsonObject> payloads;

    internal KernelGlobals(DisplayPublisher publisher, List<JsonObject> payloads)
    {
        this.publisher = publisher;
        this.payloads = payloads;
    }

    /// <summary>Shows <paramref name="value"/> as rich output now; the handle's <c>Update(obj)</c> replaces it.</summary>
#pragma warning disable IDE1006 // .NET Interactive's spelling, which notebooks already use.
    public DisplayHandle display(object? value) => publisher.Display(value);
#pragma warning restore IDE1006

    /// <summary>HTML rendered as is, when displayed or returned as a cell's value.</summary>
    public HtmlContent HTML(string html) => new(html);

    /// <summary>Markdown rendered by the front end.</summary>
    public MarkdownContent Markdown(string markdown) => new(markdown);

    /// <summary>Shows <paramref name="value"/> in the front end's pager (a help panel) instead of the output.</summary>
    public void Page(object? value) =>
        payloads.Add(new JsonObject { ["source"] = "page", ["data"] = MimeFormatter.Format(value), ["start"] = 0 });

    /// <summary>Clears the cell's output; with <paramref name="wait"/> only when the next output arrives
    /// (flicker-free animation).</summary>
    public void ClearOutput(bool wait = false) => publisher.ClearOutput(wait);
}
