using System.Net;
using System.Text;

namespace HydroWorkshop.Plotting;

/// <summary>How a page gets plotly.js.</summary>
public enum PlotlyJsSource
{
    /// <summary>Inlined in the page: one self-contained file that works offline (about 4.8 MB more).</summary>
    Inline,

    /// <summary><c>&lt;script src="plotly.min.js"&gt;</c> beside the page (see <see cref="PlotlyJs.WriteTo"/>): many charts, one copy.</summary>
    Beside,
}

/// <summary>The HTML around a figure. After drawing, the page sets <c>window.hwPlot</c> to
/// <c>{ready: true, parseMs, renderMs}</c> or <c>{ready: false, error}</c> (what the browser tests and PNG export wait for).</summary>
internal static class HtmlPage
{
    public const string PlotElementId = "hw-plot";
    public const string FigureElementId = "hw-figure";

    public static string Build(string figureJson, string? title, PlotlyJsSource source)
    {
        var html = new StringBuilder(figureJson.Length + 5_000_000);
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
            .Append(WebUtility.HtmlEncode(title ?? "HydroWorkshop chart")).Append("</title>\n")
            .Append("<style>html,body{margin:0;padding:0;height:100%;background:#fff}#").Append(PlotElementId)
            .Append("{width:100%;height:100%}</style>\n");
        if (source == PlotlyJsSource.Inline) html.Append("<script>").Append(PlotlyJs.Code).Append("</script>\n");
        else html.Append("<script src=\"plotly.min.js\"></script>\n");
        html.Append("</head>\n<body>\n<div id=\"").Append(PlotElementId).Append("\"></div>\n")
            .Append("<script type=\"application/json\" id=\"").Append(FigureElementId).Append("\">").Append(figureJson).Append("</script>\n")
            .Append("<script>\n").Append(DrawScript(PlotElementId, FigureElementId)).Append("</script>\n</body>\n</html>\n");
        return html.ToString();
    }

    /// <summary>Parses the figure JSON from its element and draws it; records timings and errors in <c>window.hwPlot</c>.</summary>
    public static string DrawScript(string plotId, string figureId) => $$"""
        (function () {
          var gd = document.getElementById('{{plotId}}');
          function fail(e) {
            var message = String((e && e.message) || e);
            window.hwPlot = { ready: false, error: message };
            gd.textContent = 'Chart error: ' + message;
          }
          try {
            var t0 = performance.now();
            var fig = JSON.parse(document.getElementById('{{figureId}}').textContent);
            var t1 = performance.now();
            Plotly.newPlot(gd, fig).then(function () {
              window.hwPlot = { ready: true, parseMs: t1 - t0, renderMs: performance.now() - t1, sinceStartMs: performance.now() };
            }, fail);
          } catch (e) { fail(e); }
        })();

        """;
}
