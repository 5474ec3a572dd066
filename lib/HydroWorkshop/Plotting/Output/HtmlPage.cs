using System.Net;
using System.Text;

namespace HydroWorkshop.Plotting;

/// <summary>How a page gets plotly.js.</summary>
public enum PlotlyJsSource
{
    /// <summary>Inlined in the page: one self-contained file that works offline (about 4.8 MB more).</summary>
    Inline,

    /// <summary><c>&lt;script src="plotly.min.js"&gt;</c> beside the page (see <see cref="PlotlyJs.WriteTo"/>): many charts, one
    /// copy.</summary>
    Beside,
}

/// <summary>The HTML around a figure. After drawing, the page sets <c>window.hwPlot</c> to
/// <c>{ready: true, parseMs, renderMs, webGl, svgFallbacks}</c> or <c>{ready: false, error}</c> (what the browser
/// tests and PNG export wait for), and the chart's element gets <c>data-hw-drawn="webgl"</c> (WebGL was available)
/// or <c>"svg"</c> (it was not), for checks that only see the page's DOM (tests/kernel/html_charts.py).</summary>
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
            .Append("<script type=\"application/json\" id=\"").Append(FigureElementId).Append("\">").Append(figureJson)
            .Append("</script>\n")
            .Append("<script>\n").Append(DrawScript(PlotElementId, FigureElementId)).Append("</script>\n</body>\n</html>\n");
        return html.ToString();
    }

    /// <summary>Parses the figure JSON from its element and draws it; records timings and errors in <c>window.hwPlot</c>.
    /// Where the browser has no WebGL (no GPU and no software fallback, WebGL switched off, a remote desktop),
    /// <c>scattergl</c> traces would stay blank ("WebGL is not supported"): they are drawn as SVG <c>scatter</c>
    /// (same attributes; slower to pan for 10k+ points, but drawn). WebGL is probed once per page and the probe's
    /// context released, so many charts do not exhaust the browser's context limit (about 16).</summary>
    public static string DrawScript(string plotId, string figureId) => $$"""
        (function () {
          var gd = document.getElementById('{{plotId}}');
          function fail(e) {
            var message = String((e && e.message) || e);
            window.hwPlot = { ready: false, error: message };
            gd.textContent = 'Chart error: ' + message;
          }
          function webGl() {
            if (window.hwWebGl === undefined) {
              var context = null;
              try {
                var canvas = document.createElement('canvas');
                context = window.WebGLRenderingContext ? (canvas.getContext('webgl') || canvas.getContext('experimental-webgl')) : null;
                var lose = context && context.getExtension('WEBGL_lose_context');
                if (lose) lose.loseContext();
              } catch (e) { context = null; }
              window.hwWebGl = !!context;
            }
            return window.hwWebGl;
          }
          function toSvg(traces) {
            var n = 0;
            (traces || []).forEach(function (t) { if (t && t.type === 'scattergl') { t.type = 'scatter'; n++; } });
            return n;
          }
          try {
            var t0 = performance.now();
            var fig = JSON.parse(document.getElementById('{{figureId}}').textContent);
            var gl = webGl(), fallbacks = 0;
            if (!gl) {
              fallbacks = toSvg(fig.data);
              (fig.frames || []).forEach(function (f) { toSvg(f.data); });
            }
            var t1 = performance.now();
            Plotly.newPlot(gd, fig).then(function () {
              gd.setAttribute('data-hw-drawn', gl ? 'webgl' : 'svg');
              window.hwPlot = { ready: true, parseMs: t1 - t0, renderMs: performance.now() - t1, sinceStartMs: performance.now(),
                                webGl: gl, svgFallbacks: fallbacks };
            }, fail);
          } catch (e) { fail(e); }
        })();

        """;
}
