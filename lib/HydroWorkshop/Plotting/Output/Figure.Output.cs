using System.Text.Json;
using HydroWorkshop.Common;

namespace HydroWorkshop.Plotting;

public sealed partial class Figure
{
    /// <summary>MIME type of the Plotly JSON that JupyterLab (jupyterlab-plotly), VS Code and nteract render natively.</summary>
    public const string PlotlyMimeType = "application/vnd.plotly.v1+json";

    /// <summary>A full HTML page; with <see cref="PlotlyJsSource.Inline"/> it works offline on its own.</summary>
    public string ToHtml(PlotlyJsSource source = PlotlyJsSource.Inline) => HtmlPage.Build(ToJson(), Layout.Title, source);

    /// <summary>Writes <see cref="ToHtml"/> to <paramref name="path"/> atomically and returns the full path.
    /// With <see cref="PlotlyJsSource.Beside"/>, plotly.min.js is written into the same folder when missing.</summary>
    public string SaveHtml(string path, PlotlyJsSource source = PlotlyJsSource.Inline)
    {
        var full = Path.GetFullPath(path);
        if (source == PlotlyJsSource.Beside && !File.Exists(Path.Combine(Path.GetDirectoryName(full)!, "plotly.min.js")))
            PlotlyJs.WriteTo(Path.GetDirectoryName(full)!);
        AtomicFile.WriteAllText(full, ToHtml(source));
        return full;
    }

    /// <summary>
    /// The notebook rendering, for a kernel that shows any object with a public <c>ToMimeBundle()</c>:
    /// <list type="bullet">
    /// <item><c>"application/vnd.plotly.v1+json"</c> → <see cref="JsonElement"/>, the object <c>{data, layout, frames?, config}</c>;</item>
    /// <item><c>"text/html"</c> → <see cref="string"/>, a fragment that draws the chart with plotly.js (the first one
    /// in a process also carries plotly.js itself, see <see cref="PlotlyNotebook"/>);</item>
    /// <item><c>"text/plain"</c> → <see cref="string"/>, <see cref="ToString"/>.</item>
    /// </list>
    /// Serialise each value with System.Text.Json into the Jupyter <c>data</c> dict (a JsonElement writes as its JSON).
    /// </summary>
    public IReadOnlyDictionary<string, object> ToMimeBundle() => PlotlyNotebook.MimeBundle(ToJson(), Layout.Height, ToString());

    /// <summary>Renders the figure in headless Chromium and writes a PNG of <paramref name="width"/> x
    /// <paramref name="height"/> CSS px (times <paramref name="scale"/>); a null height takes the figure's own
    /// (<see cref="Layout.Height"/>, else 500). Pass a <paramref name="browser"/> to reuse one for many images;
    /// otherwise one is started and closed (about 1 s).</summary>
    public string SavePng(string path, int width = 900, int? height = null, double scale = 1, ChromiumBrowser? browser = null)
    {
        var png = ToPng(width, height, scale, browser);
        var full = Path.GetFullPath(path);
        AtomicFile.WriteAllBytes(full, png);
        return full;
    }

    /// <summary>The PNG bytes of <see cref="SavePng"/>. The figure is drawn at the image's height (a figure taller
    /// than the image was cut off at its bottom).</summary>
    public byte[] ToPng(int width = 900, int? height = null, double scale = 1, ChromiumBrowser? browser = null)
    {
        var imageHeight = height ?? Layout.Height ?? 500;
        var figureHeight = Layout.Height;
        Layout.Height = imageHeight;
        var owned = browser is null;
        browser ??= ChromiumBrowser.Launch();
        try
        {
            using var page = browser.NewPage(width, imageHeight, scale);
            page.Load(this);
            // The hover toolbar belongs to the live page, not to a picture.
            page.Evaluate("document.querySelectorAll('.modebar-container').forEach(function (e) { e.style.display = 'none'; }), true");
            return page.Screenshot();
        }
        finally
        {
            Layout.Height = figureHeight;
            if (owned) browser.Dispose();
        }
    }
}
