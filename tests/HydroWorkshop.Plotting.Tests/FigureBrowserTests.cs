using HydroWorkshop.Plotting;
using Xunit;

namespace HydroWorkshop.Plotting.Tests;

/// <summary>The generic trace types and bad input, in the browser.</summary>
[Collection(BrowserCollection.Name)]
public sealed class FigureBrowserTests(BrowserFixture browser)
{
    [Fact]
    public void AllTraceTypes_Render()
    {
        var grid = new double[,] { { 1, 2, 3 }, { 2, 3, 4 }, { 3, 4, 6 } };
        var figure = new Figure()
            .Add(new Scatter { X = new[] { 1.0, 2, 3 }, Y = new[] { 2.0, 1, 3 }, Name = "scatter" })
            .Add(new Scatter(webGl: true) { X = new[] { 1.0, 2, 3 }, Y = new[] { 3.0, 2, 1 }, Name = "gl" })
            .Add(new Bar { X = new[] { "a", "b" }, Y = new[] { 1.0, 2 }, XAxis = "x2", YAxis = "y2" })
            .Add(new Histogram { X = TestData.Wave(50), XAxis = "x3", YAxis = "y3" })
            .Add(new Box { Y = TestData.Wave(50), XAxis = "x4", YAxis = "y4" })
            .Add(new Heatmap { Z = grid, XAxis = "x5", YAxis = "y5" })
            .Add(new Contour { Z = grid, XAxis = "x6", YAxis = "y6", ShowScale = false })
            .Add(new Surface { Z = grid, ShowScale = false }.With("scene", "scene"));
        figure.Layout.Grid(2, 3);
        figure.Layout.Set("scene.domain.x", new[] { 0.8, 1.0 });
        browser.Render(figure).AssertClean(traces: 8);
    }

    [Fact]
    public void Scatter_NaNGap_DrawsTwoSegments()
    {
        var figure = new Figure()
            .Add(new Scatter { X = new[] { 1.0, 2, 3, 4, 5 }, Y = new[] { 1.0, 2, double.NaN, 4, 5 }, Mode = "lines", Name = "q" });
        browser.Render(figure).AssertClean(traces: 1);
        var paths = browser.Evaluate(
            "Array.from(document.querySelectorAll('.scatterlayer .trace path.js-line')).map(function (p) { return p.getAttribute('d'); }).join(' ')")
            .GetString()!;
        Assert.Equal(2, paths.Count(c => c == 'M'));
    }

    [Fact]
    public void Scatter_Empty_RendersEmptyAxes()
    {
        var report = browser.Render(new Figure().Add(new Scatter { X = Array.Empty<double>(), Y = Array.Empty<double>(), Name = "none" }));
        // plotly.js hides a trace without points and says so; anything else would be a real schema error.
        Assert.All(report.Problems, p => Assert.Contains("defaulted to be not visible", p));
        Assert.Empty(report.PageErrors);
        Assert.Equal(1, report.Traces);
    }

    [Fact]
    public void SavePng_WritesPngOfRequestedSize()
    {
        var path = Path.Combine(Path.GetTempPath(), $"hw-test-{Guid.NewGuid():N}.png");
        try
        {
            HydroCharts.FlowDurationCurve(TestData.Wave(100)).SavePng(path, 640, 360, browser: browser.Browser);
            var bytes = File.ReadAllBytes(path);
            Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, bytes[..4]);
            Assert.Equal(640, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)));
            Assert.Equal(360, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20)));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void SavePng_NoHeight_TakesFigureHeightAndKeepsIt()
    {
        var path = Path.Combine(Path.GetTempPath(), $"hw-test-{Guid.NewGuid():N}.png");
        try
        {
            var figure = HydroCharts.Hydrograph(TestData.Days(60), TestData.Discharge(60), precipitation: TestData.Rain(60));
            figure.SavePng(path, 640, browser: browser.Browser);
            Assert.Equal(540, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(File.ReadAllBytes(path).AsSpan(20)));
            figure.SavePng(path, 640, 360, browser: browser.Browser);
            Assert.Equal(360, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(File.ReadAllBytes(path).AsSpan(20)));
            Assert.Equal(540, figure.Layout.Height);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void NotebookFragment_DrawsOnceLibraryIsPresent()
    {
        // The text/html of a second chart (no plotly.js inside) must draw in a page that already has plotly.js.
        var fragment = (string)new Figure().Add(new Bar { X = new[] { 1, 2 }, Y = new[] { 3.0, 4 } }).ToMimeBundle()["text/html"];
        var html = "<!DOCTYPE html><html><head><script src=\"plotly.min.js\"></script></head><body>" + fragment + "</body></html>";
        var folder = Directory.CreateTempSubdirectory("hw-nb-").FullName;
        try
        {
            PlotlyJs.WriteTo(folder);
            File.WriteAllText(Path.Combine(folder, "page.html"), html);
            browser.Page.LoadHtmlFile(Path.Combine(folder, "page.html"));
            Assert.Equal(1, browser.Evaluate("document.querySelector('.js-plotly-plot').data.length").GetInt32());
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }
}
