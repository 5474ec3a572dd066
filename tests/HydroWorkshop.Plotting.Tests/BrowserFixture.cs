using System.Text.Json;
using HydroWorkshop.Plotting;
using Xunit;

namespace HydroWorkshop.Plotting.Tests;

/// <summary>One headless Chromium and one tab for all browser tests (starting one costs about a second).</summary>
public class BrowserFixture : IDisposable
{
    public BrowserFixture() : this(webGl: true) { }

    protected BrowserFixture(bool webGl)
    {
        Browser = ChromiumBrowser.Launch(webGl: webGl);
        Page = Browser.NewPage(900, 500);
    }

    public ChromiumBrowser Browser { get; }

    public ChromiumPage Page { get; }

    /// <summary>Loads the figure's self-contained HTML and reports what plotly.js made of it.</summary>
    public RenderReport Render(Figure figure)
    {
        Page.Load(figure);
        var state = Page.Evaluate("""
            (function () {
              var gd = document.getElementById('hw-plot');
              var fig = JSON.parse(document.getElementById('hw-figure').textContent);
              // Plotly.validate predates base64 typed arrays ({dtype, bdata, shape}): decode them to plain arrays first.
              var types = { f4: Float32Array, f8: Float64Array, u1: Uint8Array, i1: Int8Array, u2: Uint16Array, i2: Int16Array, i4: Int32Array };
              function decode(v) {
                if (Array.isArray(v)) return v.map(decode);
                if (v && typeof v === 'object') {
                  if (typeof v.dtype === 'string' && typeof v.bdata === 'string') {
                    var raw = atob(v.bdata), bytes = new Uint8Array(raw.length);
                    for (var i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
                    var flat = Array.from(new types[v.dtype](bytes.buffer));
                    if (!v.shape) return flat;
                    var shape = String(v.shape).split(',').map(Number), rows = [];
                    for (var r = 0; r < shape[0]; r++) rows.push(flat.slice(r * shape[1], (r + 1) * shape[1]));
                    return rows;
                  }
                  var out = {};
                  Object.keys(v).forEach(function (k) { out[k] = decode(v[k]); });
                  return out;
                }
                return v;
              }
              fig = decode(fig);
              var problems = (Plotly.validate(fig.data, fig.layout) || []).map(function (e) { return e.msg; });
              (fig.frames || []).forEach(function (f) {
                var full = f.data.map(function (d, i) { return Object.assign({}, fig.data[(f.traces || [])[i] || i], d); });
                (Plotly.validate(full, fig.layout) || []).forEach(function (e) { problems.push('frame ' + f.name + ': ' + e.msg); });
              });
              // Two known false positives of Plotly.validate: a 'reset' of an animate button's object args to the same
              // value (it compares objects by identity), and coloraxis on traces (validate skips the colour-axis step of
              // the defaults). A coloraxis message counts only if the drawn trace really lost its colour axis.
              problems = problems.filter(function (m) {
                var reset = /set to '(.*)'\) got reset to '(.*)' during defaults/.exec(m);
                if (reset && reset[1] === reset[2]) return false;
                var axis = /^(?:frame .*: )?In data trace (\d+), key coloraxis is set to an invalid value \((\w+)\)/.exec(m);
                if (axis && gd._fullData[+axis[1]].coloraxis === axis[2] && gd._fullLayout[axis[2]]) return false;
                return true;
              });
              return { problems: problems, traces: gd.data.length, frames: ((gd._transitionData || {})._frames || []).length };
            })()
            """);
        var png = Page.Screenshot();
        var coloured = Page.Evaluate($$"""
            new Promise(function (done) {
              var img = new Image();
              img.onload = function () {
                var c = document.createElement('canvas'); c.width = img.width; c.height = img.height;
                var g = c.getContext('2d'); g.drawImage(img, 0, 0);
                var d = g.getImageData(0, 0, c.width, c.height).data, n = 0;
                for (var i = 0; i < d.length; i += 4) {
                  if (Math.max(d[i], d[i + 1], d[i + 2]) - Math.min(d[i], d[i + 1], d[i + 2]) > 40) n++;
                }
                done(n / (d.length / 4));
              };
              img.src = 'data:image/png;base64,{{Convert.ToBase64String(png)}}';
            })
            """).GetDouble();
        return new RenderReport(state.GetProperty("problems").EnumerateArray().Select(p => p.GetString()!).ToArray(),
            state.GetProperty("traces").GetInt32(), state.GetProperty("frames").GetInt32(), coloured, Page.Errors.ToArray());
    }

    public JsonElement Evaluate(string expression) => Page.Evaluate(expression, TimeSpan.FromMinutes(1));

    public void Dispose()
    {
        Page.Dispose();
        Browser.Dispose();
        GC.SuppressFinalize(this);
    }
}

/// <summary>A Chromium without WebGL, as on a machine with neither GPU nor software rendering.</summary>
public sealed class NoWebGlBrowserFixture() : BrowserFixture(webGl: false);

/// <param name="Problems">Plotly.validate messages (figure and frames).</param>
/// <param name="Traces">Traces plotly.js drew.</param>
/// <param name="Frames">Frames plotly.js holds.</param>
/// <param name="ColouredFraction">Share of screenshot pixels with a clear colour (traces, not grey axes or text).</param>
/// <param name="PageErrors">Script errors in the page.</param>
public sealed record RenderReport(string[] Problems, int Traces, int Frames, double ColouredFraction, string[] PageErrors)
{
    public void AssertClean(int traces, int frames = 0)
    {
        Assert.Empty(Problems);
        Assert.Empty(PageErrors);
        Assert.Equal(traces, Traces);
        Assert.Equal(frames, Frames);
        Assert.True(ColouredFraction > 0.002, $"the screenshot looks blank: {ColouredFraction:P2} coloured pixels");
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "headless Chromium";
}
