using System.Text.Json;
using HydroWorkshop.Plotting;
using Xunit;

namespace HydroWorkshop.Plotting.Tests;

public sealed class PlotlyFigureJsonTests
{
    private const string PlotlyNetLike =
        """{"data":[{"type":"bar","x":["a","b"],"y":[12.5,7.25]},{"x":[1,2],"y":[3,4]}],"layout":{"height":420,"title":{"text":"Mean flow"}},"config":{"responsive":true}}""";

    [Fact]
    public void Constructor_FigureObject_ReadsTraceTypesHeightAndTitle()
    {
        var figure = new PlotlyFigureJson(PlotlyNetLike, "Plotly.NET chart");
        Assert.Equal(["bar", "scatter"], figure.TraceTypes);   // plotly.js's default type where none is given
        Assert.Equal(420, figure.Height);
        Assert.Equal("Mean flow", figure.Title);
        Assert.Equal("Plotly.NET chart 'Mean flow': 2 trace(s) [bar, scatter]", figure.Description);
    }

    [Theory]
    [InlineData("[1, 2]")]
    [InlineData("""{"layout": {}}""")]
    [InlineData("""{"data": 3}""")]
    [InlineData("not json")]
    public void Constructor_NotAFigure_ThrowsArgumentException(string json)
    {
        Assert.Contains("plotly.js figure", Assert.Throws<ArgumentException>(() => new PlotlyFigureJson(json)).Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public void ToMimeBundle_SameContractAsFigure_JsonUnchangedAndHtmlSizedToLayout()
    {
        var bundle = new PlotlyFigureJson(PlotlyNetLike).ToMimeBundle();

        var plotly = Assert.IsType<JsonElement>(bundle[Figure.PlotlyMimeType]);
        Assert.Equal(7.25, plotly.GetProperty("data")[0].GetProperty("y")[1].GetDouble());
        Assert.True(plotly.GetProperty("config").GetProperty("responsive").GetBoolean());
        // Whether this output also carries plotly.js depends on the process's earlier charts (PlotlyNotebook), not checked here.
        var html = Assert.IsType<string>(bundle["text/html"]);
        Assert.Contains("height:420px", html, StringComparison.Ordinal);
        Assert.Contains(PlotlyNetLike, html, StringComparison.Ordinal);
        Assert.Contains("Plotly.newPlot", html, StringComparison.Ordinal);
        Assert.Equal("Figure 'Mean flow': 2 trace(s) [bar, scatter]", bundle["text/plain"]);
    }

    [Fact]
    public void ToHtml_Inline_SelfContainedPageTitledLikeTheFigure()
    {
        var html = new PlotlyFigureJson(PlotlyNetLike).ToHtml();
        Assert.Contains("<title>Mean flow</title>", html, StringComparison.Ordinal);
        Assert.Contains(PlotlyJs.Code[..200], html, StringComparison.Ordinal);
    }
}
