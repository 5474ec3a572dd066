using System.Text.Json;
using HydroWorkshop.Plotting;
using Xunit;

namespace HydroWorkshop.Plotting.Tests;

public sealed class LayoutTests
{
    private static JsonElement LayoutJson(Figure figure) => JsonDocument.Parse(figure.ToJson()).RootElement.GetProperty("layout");

    [Fact]
    public void YAxis_SecondaryReversed_WritesPlotlyKeys()
    {
        var figure = new Figure();
        var axis = figure.Layout.YAxis(2);
        axis.Overlaying = "y";
        axis.Side = "right";
        axis.Reversed = true;
        var json = LayoutJson(figure).GetProperty("yaxis2");
        Assert.Equal("y", json.GetProperty("overlaying").GetString());
        Assert.Equal("reversed", json.GetProperty("autorange").GetString());
    }

    [Fact]
    public void Title_WritesTextObject() =>
        Assert.Equal("t", LayoutJson(new Figure().WithTitle("t")).GetProperty("title").GetProperty("text").GetString());

    [Fact]
    public void WithAnimationControls_OneSliderStepPerFrame()
    {
        var figure = new Figure().Add(new Heatmap { Z = new double[,] { { 1 } } });
        for (var i = 0; i < 4; i++) figure.Frames.Add(new Frame($"f{i}", [new Heatmap { Z = new double[,] { { i } } }], 0));
        var json = LayoutJson(figure.WithAnimationControls(50));
        var steps = json.GetProperty("sliders")[0].GetProperty("steps");
        Assert.Equal(4, steps.GetArrayLength());
        Assert.Equal("f3", steps[3].GetProperty("args")[0][0].GetString());
        Assert.Equal(50, json.GetProperty("updatemenus")[0].GetProperty("buttons")[0].GetProperty("args")[1]
            .GetProperty("frame").GetProperty("duration").GetInt32());
    }

    [Fact]
    public void WithAnimationControls_NoFrames_Throws() =>
        Assert.Throws<InvalidOperationException>(() => new Figure().WithAnimationControls());

    [Fact]
    public void AxisNumber_Zero_Throws() => Assert.Throws<ArgumentOutOfRangeException>(() => new Layout().XAxis(0));
}
