using HydroWorkshop.Kernel.Display;
using Plotly.NET;
using Xunit;

namespace HydroWorkshop.Kernel.Tests;

public class PlotlyNetChartsTests
{
    private static GenericChart Discharge()
    {
        var trace = new Trace2D("scatter");
        trace.SetProperty("x", new[] { 1, 2, 3 });
        trace.SetProperty("y", new[] { 3.5, 4.25, 2.0 });
        trace.SetProperty("name", "discharge");
        return GenericChart.ofTraceObject(true, trace);
    }

    [Fact]
    public void ToFigure_GenericChart_PlotlyNetsOwnFigureJson()
    {
        var figure = PlotlyNetCharts.ToFigure(Discharge())!;

        Assert.Equal(GenericChart.toJson(Discharge()), figure.Json);
        Assert.Equal(["scatter"], figure.TraceTypes);
        Assert.Equal("Plotly.NET chart: 1 trace(s) [scatter]", figure.Description);
    }

    [Fact]
    public void ToFigure_NotAChart_Null()
    {
        Assert.False(PlotlyNetCharts.IsChart("chart"));
        Assert.Null(PlotlyNetCharts.ToFigure(new Trace2D("scatter")));
    }

    [Fact]
    public void MimeFormatter_Chart_PlotlyJsonHtmlAndText()
    {
        var data = MimeFormatter.Format(Discharge());

        var figure = data["application/vnd.plotly.v1+json"]!;
        Assert.Equal("discharge", figure["data"]![0]!["name"]!.GetValue<string>());
        Assert.Equal(4.25, figure["data"]![0]!["y"]![1]!.GetValue<double>());
        Assert.NotNull(figure["layout"]);
        Assert.NotNull(figure["config"]);
        var html = data["text/html"]!.GetValue<string>();
        Assert.Contains("\"y\":[3.5,4.25,2.0]", html, StringComparison.Ordinal);
        Assert.Contains("Plotly.newPlot", html, StringComparison.Ordinal);
        Assert.Equal("Plotly.NET chart: 1 trace(s) [scatter]", data["text/plain"]!.GetValue<string>());
    }
}
