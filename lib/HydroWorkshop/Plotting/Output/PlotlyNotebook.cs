using System.Text;

namespace HydroWorkshop.Plotting;

/// <summary>
/// The notebook side of plotly.js: the first chart shown in a kernel process carries plotly.js in its
/// <c>text/html</c> (so the saved notebook also works offline); later charts wait for it. Front ends that
/// render <c>application/vnd.plotly.v1+json</c> themselves (JupyterLab with jupyterlab-plotly, VS Code) never need it.
/// </summary>
public static class PlotlyNotebook
{
    private static int librarySent;

    /// <summary>Makes the next <see cref="Figure.ToMimeBundle"/> carry plotly.js again (e.g. after clearing the
    /// output that held it, or in a new notebook served by the same kernel process).</summary>
    public static void ResendLibrary() => Interlocked.Exchange(ref librarySent, 0);

    /// <summary>True exactly once per process (until <see cref="ResendLibrary"/>).</summary>
    internal static bool TakeLibrary() => Interlocked.Exchange(ref librarySent, 1) == 0;

    /// <summary>The notebook bundle of a figure's JSON: the figure under <see cref="Figure.PlotlyMimeType"/>, an offline
    /// <c>text/html</c> (a build without plotly.js still gives the JSON that JupyterLab and VS Code render themselves)
    /// and <paramref name="text"/>.</summary>
    internal static IReadOnlyDictionary<string, object> MimeBundle(string figureJson, int? height, string text)
    {
        using var document = System.Text.Json.JsonDocument.Parse(figureJson);
        return new Dictionary<string, object>
        {
            [Figure.PlotlyMimeType] = document.RootElement.Clone(),
            ["text/html"] = Fragment(figureJson, height, PlotlyJs.IsAvailable && TakeLibrary()),
            ["text/plain"] = text,
        };
    }

    /// <summary>The <c>text/html</c> of one chart: a sized div, the figure JSON and a script that draws it once
    /// <c>window.Plotly</c> exists (polling up to 30 s, then a message saying how to fix it).</summary>
    internal static string Fragment(string figureJson, int? height, bool includeLibrary)
    {
        var id = Guid.NewGuid().ToString("N")[..12];
        var plotId = "hw-plot-" + id;
        var figureId = "hw-figure-" + id;
        var html = new StringBuilder(figureJson.Length + (includeLibrary ? 5_000_000 : 2_000));
        if (includeLibrary) html.Append("<script type=\"text/javascript\">").Append(PlotlyJs.Code).Append("</script>\n");
        html.Append("<div id=\"").Append(plotId).Append("\" style=\"width:100%;height:").Append(height ?? 480).Append("px\"></div>\n")
            .Append("<script type=\"application/json\" id=\"").Append(figureId).Append("\">").Append(figureJson).Append("</script>\n")
            .Append("<script type=\"text/javascript\">\n(function () {\n  var tries = 0;\n  function draw() {\n")
            .Append("    if (window.Plotly) {\n").Append(HtmlPage.DrawScript(plotId, figureId)).Append("      return;\n    }\n")
            .Append("    if (++tries > 300) {\n      document.getElementById('").Append(plotId)
            .Append(
                "').textContent = 'plotly.js is not loaded in this page: run PlotlyNotebook.ResendLibrary() and show the chart again.';\n")
            .Append("      return;\n    }\n    setTimeout(draw, 100);\n  }\n  draw();\n})();\n</script>\n");
        return html.ToString();
    }
}
