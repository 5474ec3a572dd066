using HydroWorkshop.Plotting;
using HydroWorkshop.Plotting.Benchmarks;
using HydroWorkshop.TestSupport;
using Xunit;

namespace HydroWorkshop.Plotting.Tests;

/// <summary>Every hydrology chart loads in headless Chromium, passes Plotly.validate, draws the expected traces
/// and frames, and its screenshot shows coloured data.</summary>
[Collection(BrowserCollection.Name)]
public sealed class HydroChartsBrowserTests(BrowserFixture browser)
{
    [Fact]
    public void Hydrograph_WithRainAndBand_Renders()
    {
        var n = 200;
        var figure = HydroCharts.Hydrograph(TestData.Days(n), TestData.Wave(n), TestData.Wave(n, 0.3), TestData.Wave(n, 1),
            TestData.Wave(n, 0.3).Select(v => v - 1).ToArray(), TestData.Wave(n, 0.3).Select(v => v + 1).ToArray());
        browser.Render(figure).AssertClean(traces: 5);
        Assert.Equal("bar", figure.Data[0].Type);
    }

    [Fact]
    public void Hydrograph_ThirtyFiveYearsDaily_RendersWithWebGl()
    {
        var n = 35 * 365;
        var figure = HydroCharts.Hydrograph(TestData.Days(n), TestData.Wave(n), TestData.Wave(n, 0.3), TestData.Wave(n, 1));
        browser.Render(figure).AssertClean(traces: 3);
        Assert.All(figure.Data, t => Assert.Equal("scattergl", t.Type));
    }

    [RealDataFact("camels_us_nwc_sample")]
    public void Hydrograph_RealBasinTwentyYears_RendersWithGaps()
    {
        var (days, discharge, rain) = CamelsSample.Read(TestPaths.RealData("camels_us_nwc_sample"), "01", "01013500",
            new DateTime(1993, 10, 1), new DateTime(2013, 9, 30));
        Assert.Equal(7305, days.Length);
        Assert.InRange(discharge.Where(double.IsFinite).Max(), 100, 2000); // m3/s: a unit slip (ft3/s) would be 35 times larger
        var figure = HydroCharts.Hydrograph(days, discharge, precipitation: rain);
        browser.Render(figure).AssertClean(traces: 2);
    }

    [Fact]
    public void ObservedSimulatedScatter_Renders() =>
        browser.Render(HydroCharts.ObservedSimulatedScatter(TestData.Wave(300), TestData.Wave(300, 0.2))).AssertClean(traces: 2);

    [Fact]
    public void FlowDurationCurve_Renders() =>
        browser.Render(HydroCharts.FlowDurationCurve(TestData.Wave(365), TestData.Wave(365, 0.5))).AssertClean(traces: 2);

    [Fact]
    public void MetricCdf_Renders() =>
        browser.Render(HydroCharts.MetricCdf(new Dictionary<string, double[]>
        {
            ["LSTM"] = [0.8, 0.7, 0.65, -3, double.NaN, 0.9],
            ["HBV"] = [0.6, 0.5, 0.4, 0.1, 0.7, 0.75],
        })).AssertClean(traces: 2);

    [Fact]
    public void TrainingCurves_Renders() =>
        browser.Render(HydroCharts.TrainingCurves([1.0, 0.5, 0.3, 0.25], [1.2, double.NaN, 0.4, 0.35], [0.1, double.NaN, 0.6, 0.65]))
            .AssertClean(traces: 3);

    [Fact]
    public void DepthMap_WithTerrainAndObstacles_Renders()
    {
        int ny = 20, nx = 40;
        var depth = TestData.Stack(1, ny, nx);
        depth[5] = float.NaN;
        var bed = Enumerable.Range(0, ny * nx).Select(c => (float)(0.01 * (c % nx))).ToArray();
        var obstacles = Enumerable.Range(0, ny * nx).Select(c => c % nx is > 25 and < 28 && c / nx is > 8 and < 12).ToArray();
        browser.Render(HydroCharts.DepthMap(depth, ny, nx, 0.1, 0.1, obstacles, bed)).AssertClean(traces: 3);
    }

    [Fact]
    public void WetDryAgreement_Renders() =>
        browser.Render(HydroCharts.WetDryAgreement(TestData.Stack(1, 16, 32), TestData.Stack(1, 16, 32, lag: 0.8), 16, 32)).AssertClean(traces: 1);

    [Theory]
    [InlineData(MapEncoding.Compact)]
    [InlineData(MapEncoding.Exact)]
    public void DepthAnimation_Play_ReachesLastFrame(MapEncoding encoding)
    {
        int frames = 8, ny = 12, nx = 24;
        var obstacles = new bool[ny * nx];
        obstacles[5 * nx + 10] = true;
        var figure = HydroCharts.DepthAnimation(TestData.Stack(frames, ny, nx), TestData.Stack(frames, ny, nx, lag: 0.9), ny, nx, 0.1, 0.1,
            Enumerable.Range(0, frames).Select(t => t * 0.5).ToArray(), obstacles, new DepthAnimationOptions { Encoding = encoding });
        browser.Render(figure).AssertClean(traces: 6, frames: frames);

        // Press Play as a participant would (its own arguments, with no delay between frames).
        var state = browser.Evaluate("""
            new Promise(function (done, fail) {
              var gd = document.getElementById('hw-plot');
              var play = gd.layout.updatemenus[0].buttons[0].args;
              var options = JSON.parse(JSON.stringify(play[1]));
              options.frame.duration = 0;
              gd.on('plotly_animated', function () {
                done({ slider: gd.layout.sliders[0].active, z: [0, 1, 2].map(function (i) { return gd.data[i].z.bdata; }) });
              });
              Plotly.animate(gd, play[0], options).catch(fail);
              setTimeout(function () { fail('no plotly_animated within 20 s'); }, 20000);
            })
            """);
        Assert.Equal(frames - 1, state.GetProperty("slider").GetInt32());
        var last = figure.Frames[^1];
        for (var panel = 0; panel < 3; panel++)
            Assert.Equal(((TypedArray)last.Data[panel].Get("z")!).ToBase64(), state.GetProperty("z")[panel].GetString());
    }
}
