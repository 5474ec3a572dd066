using System.Text.Json;
using HydroWorkshop.Plotting;
using Xunit;

namespace HydroWorkshop.Plotting.Tests;

public sealed class FigureTests
{
    [Fact]
    public void ToJson_MismatchedXY_ThrowsNamingTrace()
    {
        var figure = new Figure().Add(new Scatter { X = new[] { 1.0, 2, 3 }, Y = new[] { 1.0, 2 }, Name = "observed" });
        var error = Assert.Throws<ArgumentException>(() => figure.ToJson());
        Assert.Contains("scatter trace 'observed'", error.Message);
        Assert.Contains("x has 3 values but y has 2", error.Message);
    }

    [Fact]
    public void ToJson_HeatmapAxisMismatch_ThrowsNamingTrace()
    {
        var figure = new Figure().Add(new Heatmap { Z = new double[2, 3], X = new[] { 1.0, 2 }, Name = "depth" });
        Assert.Contains("heatmap trace 'depth'", Assert.Throws<ArgumentException>(() => figure.ToJson()).Message);
    }

    [Fact]
    public void With_DottedPath_BuildsNestedObjects()
    {
        var json = JsonDocument.Parse(new Figure().Add(new Scatter().With("line.dash", "dot")).ToJson()).RootElement;
        Assert.Equal("dot", json.GetProperty("data")[0].GetProperty("line").GetProperty("dash").GetString());
        Assert.Equal("scatter", json.GetProperty("data")[0].GetProperty("type").GetString());
    }

    [Fact]
    public void ToMimeBundle_Contract_PlotlyJsonHtmlAndText()
    {
        var figure = new Figure().Add(new Bar { X = new[] { 1, 2 }, Y = new[] { 3.0, 4 } }).WithTitle("bars");
        var bundle = figure.ToMimeBundle();
        var plotly = Assert.IsType<JsonElement>(bundle["application/vnd.plotly.v1+json"]);
        Assert.Equal(1, plotly.GetProperty("data").GetArrayLength());
        Assert.Equal("bars", plotly.GetProperty("layout").GetProperty("title").GetProperty("text").GetString());
        Assert.IsType<string>(bundle["text/html"]);
        Assert.Contains("bars", Assert.IsType<string>(bundle["text/plain"]));
        // What the kernel sends: each value serialised with System.Text.Json.
        var wire = JsonDocument.Parse(JsonSerializer.Serialize(bundle)).RootElement;
        Assert.Equal(JsonValueKind.Object, wire.GetProperty("application/vnd.plotly.v1+json").ValueKind);
    }

    [Fact]
    public void ToMimeBundle_PlotlyJsOncePerProcess()
    {
        PlotlyNotebook.ResendLibrary();
        var figure = new Figure().Add(new Bar { X = new[] { 1 }, Y = new[] { 1.0 } });
        var first = (string)figure.ToMimeBundle()["text/html"];
        var second = (string)figure.ToMimeBundle()["text/html"];
        Assert.True(first.Length > 4_000_000, "the first output carries plotly.js");
        Assert.True(second.Length < 10_000, "later outputs do not");
    }

    [Fact]
    public void ToHtml_Inline_ContainsPlotlyJsAndFigure()
    {
        var html = new Figure().Add(new Scatter { X = new[] { 1.0 }, Y = new[] { 2.0 } }).ToHtml();
        Assert.Contains(PlotlyJs.Code[..200], html);
        Assert.Contains("\"type\":\"scatter\"", html);
        Assert.DoesNotContain("cdn", html[^3000..], StringComparison.OrdinalIgnoreCase);
    }
}
