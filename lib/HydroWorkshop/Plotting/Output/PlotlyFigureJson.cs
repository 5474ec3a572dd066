using System.Text.Json;

namespace HydroWorkshop.Plotting;

/// <summary>
/// A plotly.js figure serialised by another library (Plotly.NET's <c>GenericChart.toJson</c>, a saved file): the
/// JSON object <c>{data, layout, frames?, config?}</c>. It is shown exactly like a <see cref="Figure"/>, so charts of
/// other libraries also work offline in notebooks and saved pages (plotly.js inlined, never fetched from a CDN).
/// </summary>
public sealed class PlotlyFigureJson
{
    /// <param name="json">The figure object; must have a <c>data</c> array.</param>
    /// <param name="label">What the figure is called in its <c>text/plain</c> (<c>Figure</c>, <c>Plotly.NET chart</c>).</param>
    /// <exception cref="ArgumentException">The text is not JSON, or not an object with a <c>data</c> array.</exception>
    public PlotlyFigureJson(string json, string label = "Figure")
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("data", out var data)
                || data.ValueKind != JsonValueKind.Array)
                throw new ArgumentException("a plotly.js figure is a JSON object with a \"data\" array", nameof(json));
            TraceTypes = [.. data.EnumerateArray()
                .Select(t => t.ValueKind == JsonValueKind.Object && t.TryGetProperty("type", out var type)
                    && type.ValueKind == JsonValueKind.String ? type.GetString()! : "scatter")];
            Height = root.TryGetProperty("layout", out var layout) && layout.ValueKind == JsonValueKind.Object
                && layout.TryGetProperty("height", out var height) && height.TryGetDouble(out var pixels) && pixels is >= 50 and <= 10_000
                ? (int)Math.Round(pixels) : null;
            Title = root.TryGetProperty("layout", out layout) && layout.ValueKind == JsonValueKind.Object ? TitleOf(layout) : null;
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"not a plotly.js figure: {e.Message}", nameof(json), e);
        }
        Json = json;
        Description =
            $"{label}{(Title is { } t ? $" '{t}'" : "")}: {TraceTypes.Count} trace(s) [{string.Join(", ", TraceTypes.Distinct())}]";
    }

    /// <summary>The figure JSON as given.</summary>
    public string Json { get; }

    /// <summary>The <c>type</c> of each trace (plotly.js's default <c>scatter</c> where absent).</summary>
    public IReadOnlyList<string> TraceTypes { get; }

    /// <summary><c>layout.height</c> in CSS px, when set: the notebook output is sized to it.</summary>
    public int? Height { get; }

    /// <summary><c>layout.title</c> (a string or <c>{text}</c>), when set.</summary>
    public string? Title { get; }

    /// <summary>The text shown where rich output is not rendered: label, title, trace count and types.</summary>
    public string Description { get; }

    /// <summary>A self-contained HTML page (see <see cref="Figure.ToHtml"/>).</summary>
    public string ToHtml(PlotlyJsSource source = PlotlyJsSource.Inline) => HtmlPage.Build(Json, Title, source);

    /// <summary>The notebook rendering, the same bundle as <see cref="Figure.ToMimeBundle"/>: the figure JSON under
    /// <see cref="Figure.PlotlyMimeType"/>, an offline <c>text/html</c> (the first chart of a process carries
    /// plotly.js, see <see cref="PlotlyNotebook"/>) and <see cref="Description"/>.</summary>
    public IReadOnlyDictionary<string, object> ToMimeBundle() => PlotlyNotebook.MimeBundle(Json, Height, Description);

    public override string ToString() => Description;

    private static string? TitleOf(JsonElement layout)
    {
        if (!layout.TryGetProperty("title", out var title)) return null;
        if (title.ValueKind == JsonValueKind.String) return title.GetString();
        return title.ValueKind == JsonValueKind.Object && title.TryGetProperty("text", out var text)
            && text.ValueKind == JsonValueKind.String ? text.GetString() : null;
    }
}
