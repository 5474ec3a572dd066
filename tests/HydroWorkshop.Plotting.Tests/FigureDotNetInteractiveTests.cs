using HydroWorkshop.Plotting;
using Microsoft.DotNet.Interactive.Formatting;
using Xunit;

namespace HydroWorkshop.Plotting.Tests;

/// <summary>A figure as .NET Interactive's own Formatter shows it (the library's convention-based formatter source,
/// found by name without a reference to .NET Interactive).</summary>
public sealed class FigureDotNetInteractiveTests
{
    private static Figure Chart() =>
        new Figure().Add(new Scatter { X = new[] { 1.0, 2, 3 }, Y = new[] { 0.5, 1.5, 1.0 }, Name = "observed" }).WithTitle("Discharge");

    [Fact]
    public void PreferredMimeTypes_Figure_HtmlThenText()
    {
        Assert.Equal(["text/html", "text/plain"], Formatter.GetPreferredMimeTypesFor(typeof(Figure)));
    }

    [Fact]
    public void ToDisplayString_Html_DrawsTheFigureWithPlotly()
    {
        var html = Chart().ToDisplayString("text/html");
        Assert.Contains("Plotly.newPlot(", html, StringComparison.Ordinal);
        Assert.Contains("\"name\":\"observed\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<table", html, StringComparison.Ordinal);   // not .NET Interactive's property table
    }

    [Fact]
    public void ToDisplayString_PlainText_IsToStringWithoutHtml()
    {
        var figure = Chart();
        Assert.Equal(figure.ToString(), figure.ToDisplayString("text/plain"));
    }
}
