using HydroWorkshop.Plotting;
using HydroWorkshop.Plotting.Benchmarks;
using HydroWorkshop.TestSupport;
using Xunit;

namespace HydroWorkshop.Plotting.Tests;

/// <summary>Every hydrology chart loads in headless Chromium, passes Plotly.validate, draws the expected traces
/// and frames, and its screenshot shows coloured data.</summary>
[Collection(BrowserCollection.Name)]
public sealed class HydroChartsBrowserTests(BrowserFixture browser, NoWebGlBrowserFixture noWebGl) : IClassFixture<NoWebGlBrowserFixture>
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
        Assert.True(browser.Evaluate("window.hwPlot.webGl").GetBoolean());
        Assert.Equal(0, browser.Evaluate("window.hwPlot.svgFallbacks").GetInt32());
        Assert.Equal(3, browser.Evaluate(
            "document.getElementById('hw-plot')._fullData.filter(function (t) { return t.type === 'scattergl'; }).length").GetInt32());
    }

    [Fact]
    public void Hydrograph_ThirtyFiveYearsDailyWithoutWebGl_DrawnAsSvg()
    {
        var n = 35 * 365;
        var figure = HydroCharts.Hydrograph(TestData.Days(n), TestData.Wave(n), TestData.Wave(n, 0.3), TestData.Wave(n, 1));
        Assert.All(figure.Data, t => Assert.Equal("scattergl", t.Type));
        Assert.False(noWebGl.Evaluate("!!document.createElement('canvas').getContext('webgl')").GetBoolean());
        noWebGl.Render(figure).AssertClean(traces: 3);
        // Each line is an SVG path with all its points (rain is a step line of H/V; plotly drops collinear points, so count a floor).
        var points = noWebGl.Evaluate(
            "Array.from(document.querySelectorAll('.scatterlayer .trace path.js-line')).map(function (p) { return (p.getAttribute('d').match(/[LHV]/g) || []).length; })");
        Assert.Equal(3, points.GetArrayLength());
        Assert.All(points.EnumerateArray(), p => Assert.True(p.GetInt32() > 1000, $"an SVG line of only {p} segments"));
        Assert.DoesNotContain("WebGL", noWebGl.Evaluate("document.body.innerText").GetString()!, StringComparison.Ordinal);
        Assert.False(noWebGl.Evaluate("window.hwPlot.webGl").GetBoolean());
        Assert.Equal(3, noWebGl.Evaluate("window.hwPlot.svgFallbacks").GetInt32());
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
        browser.Render(HydroCharts.WetDryAgreement(TestData.Stack(1, 16, 32), TestData.Stack(1, 16, 32, lag: 0.8), 16, 32))
            .AssertClean(traces: 1);

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

    [Theory]
    [InlineData(640)]
    [InlineData(1200)]
    public void DepthAnimation_NarrowOrWide_NothingOverlaps(int width)
    {
        // Notebook outputs are often 600-900 px wide: colour bars once sat between the panels and covered the third
        // one's axis, and the slider's label sat on the x-axis titles.
        int ny = 64, nx = 128;
        var figure = HydroCharts.DepthAnimation(TestData.Stack(3, ny, nx), TestData.Stack(3, ny, nx, lag: 0.9), ny, nx, 0.1, 0.1);
        using var page = browser.Browser.NewPage(width, 700);
        page.Load(figure);
        var overlaps = page.Evaluate("""
            (function () {
              function box(e) { var r = e.getBoundingClientRect(); return { name: e.getAttribute('class'), l: r.left, r: r.right, t: r.top, b: r.bottom }; }
              function meet(a, b) { return a.l < b.r && b.l < a.r && a.t < b.b && b.t < a.b; }
              var panels = ['xy', 'x2y2', 'x3y3'].map(function (s) { return box(document.querySelector('.draglayer .' + s + ' .nsewdrag')); });
              var bars = Array.from(document.querySelectorAll('.infolayer .colorbar')).map(box);
              var ticks = Array.from(document.querySelectorAll('.xaxislayer-above .xtick text, .yaxislayer-above .ytick text')).map(box);
              var titles = Array.from(document.querySelectorAll('.g-xtitle, .g-x2title, .g-x3title')).map(box);
              var slider = Array.from(document.querySelectorAll('.slider-container, .updatemenu-container')).map(box);
              var found = [];
              bars.forEach(function (b) { panels.concat(ticks).forEach(function (p) { if (meet(b, p)) found.push('colour bar over ' + p.name); }); });
              slider.forEach(function (c) { titles.concat(ticks).forEach(function (t) { if (meet(c, t)) found.push(c.name + ' over ' + t.name); }); });
              return { bars: bars.length, panels: panels.length, titles: titles.length, slider: slider.length, found: found };
            })()
            """);
        Assert.Equal(2, overlaps.GetProperty("bars").GetInt32());
        Assert.Equal(3, overlaps.GetProperty("titles").GetInt32());
        Assert.Equal(2, overlaps.GetProperty("slider").GetInt32());
        Assert.Empty(overlaps.GetProperty("found").EnumerateArray().Select(e => e.GetString()));
    }

    /// <summary>Every chart as a notebook shows it, with data shaped like the workshop's (daily discharge in mm/day,
    /// losses falling over a decade, 64 x 128 flume maps).</summary>
    public static TheoryData<string, int> ChartsAndWidths()
    {
        var data = new TheoryData<string, int>();
        foreach (var name in Charts.Keys)
            foreach (var width in new[] { 1280, 900 })
                data.Add(name, width);
        return data;
    }

    private static readonly Dictionary<string, Func<Figure>> Charts = new()
    {
        ["hydrograph"] = () =>
        {
            var n = 730;
            var (observed, simulated, rain) = (TestData.Discharge(n), TestData.Discharge(n, 2), TestData.Rain(n));
            return HydroCharts.Hydrograph(TestData.Days(n), observed, simulated, rain, simulated.Select(v => 0.8 * v).ToArray(),
                simulated.Select(v => 1.25 * v).ToArray(), "Basin 01013500", dischargeUnit: "mm/day");
        },
        ["hydrograph-35-years"] = () =>
        {
            var n = 35 * 365;
            return HydroCharts.Hydrograph(TestData.Days(n), TestData.Discharge(n), TestData.Discharge(n, 2), TestData.Rain(n),
                dischargeUnit: "mm/day");
        },
        ["observed-simulated"] = () =>
            HydroCharts.ObservedSimulatedScatter(TestData.Discharge(1000), TestData.Discharge(1000, 2), unit: "mm/day"),
        ["flow-duration"] = () => HydroCharts.FlowDurationCurve(TestData.Discharge(1000), TestData.Discharge(1000, 2), unit: "mm/day"),
        ["metric-cdf"] = () => HydroCharts.MetricCdf(new Dictionary<string, double[]>
        {
            ["LSTM"] = [0.8, 0.7, 0.65, -3, double.NaN, 0.9, 0.2, 0.55],
            ["HBV"] = [0.6, 0.5, 0.4, 0.1, 0.7, 0.75, -0.4, 0.3],
        }),
        ["training-curves"] = () => HydroCharts.TrainingCurves(TestData.Loss(30, 2.5, 0.1), TestData.Loss(30, 2.4, 0.25),
            TestData.Loss(30, 2.4, 0.25).Select(l => 1 - l / 2.5).ToArray()),
        ["model-comparison"] = () => HydroCharts.ModelComparison(["ConvLSTM", "CNN-LSTM"],
            [new("mean CSI", null, [0.23, 0.64]), new("wet RMSE", "cm", [4.1, 2.7]), new("speed-up over the solver", "×", [413, 296])],
            "Surrogates on the test events"),
        ["depth-map"] = () => HydroCharts.DepthMap(TestData.Stack(1, 64, 128), 64, 128, 0.1, 0.1),
        ["wet-dry"] = () => HydroCharts.WetDryAgreement(TestData.Stack(1, 64, 128), TestData.Stack(1, 64, 128, lag: 0.8), 64, 128),
        ["depth-animation"] = () => HydroCharts.DepthAnimation(TestData.Stack(10, 64, 128), TestData.Stack(10, 64, 128, lag: 0.9), 64, 128,
            0.1, 0.1, Enumerable.Range(0, 10).Select(t => t * 0.5).ToArray()),
        ["grid-map"] = () => HydroCharts.GridMap(RhineGrid.Values(1), RhineGrid.Latitudes, RhineGrid.Longitudes, "Test NSE per cell", "NSE",
            colours: "RdBu", zMin: -1, zMax: 1, points: RhineGrid.Gauges, regions: RhineGrid.Basins),
        ["grid-animation-41-days"] = () => HydroCharts.GridAnimation(RhineGrid.Values(41), RhineGrid.Latitudes, RhineGrid.Longitudes,
            Enumerable.Range(0, 41).Select(d => new DateOnly(2002, 11, 27).AddDays(d).ToString("yyyy-MM-dd")).ToArray(),
            "Daily precipitation", "mm/day", zMax: 40, points: RhineGrid.Gauges, regions: RhineGrid.Basins),
        ["model-hydrographs"] = () => HydroCharts.ModelHydrographs(TestData.Days(730), TestData.Discharge(730),
            new Dictionary<string, double[]> { ["lumped LSTM (NSE 0.61)"] = TestData.Discharge(730, 2),
                ["ConvLSTM (NSE 0.72)"] = TestData.Discharge(730, 3) },
            "Lobith, test years", "mm/day"),
        ["depth-animation-40-frames"] = () =>
            HydroCharts.DepthAnimation(TestData.Stack(40, 64, 128), TestData.Stack(40, 64, 128, lag: 0.9), 64, 128,
            0.1, 0.1, Enumerable.Range(0, 40).Select(t => t * 0.5).ToArray()),
    };

    /// <summary>What a screenshot at notebook widths would show a person: nothing overlapping or cut off, plots that
    /// the data fill and that are big enough to read, log ticks that say their values, one unit per axis.</summary>
    [Theory]
    [MemberData(nameof(ChartsAndWidths))]
    public void Chart_AtNotebookWidth_PassesAudit(string chart, int width)
    {
        var findings = ChartAudit.Check(browser.Browser, Charts[chart](), width, chart);
        Assert.True(findings.Length == 0, string.Join("\n", findings));
    }

    /// <summary>A 13 × 17 grid at 0.5° over the Rhine and Meuse (as notebook 05's maps) with two gauges and basins.</summary>
    private static class RhineGrid
    {
        public static readonly double[] Latitudes = Enumerable.Range(0, 13).Select(i => 52.25 - 0.5 * i).ToArray();
        public static readonly double[] Longitudes = Enumerable.Range(0, 17).Select(j => 3.75 + 0.5 * j).ToArray();
        public static readonly MapPoint[] Gauges = [new("Lobith", 6.25, 51.75), new("Borgharen", 5.75, 50.75)];
        public static readonly MapRegion[] Basins =
        [
            new("Lobith", Enumerable.Range(0, 221).Select(i => i / 17 >= 1 && i % 17 >= 5 && i % 17 <= 14 ? 1f : 0f).ToArray()),
            new("Borgharen",
                Enumerable.Range(0, 221).Select(i => i / 17 >= 3 && i / 17 <= 7 && i % 17 >= 2 && i % 17 <= 4 ? 1f : 0f).ToArray()),
        ];

        /// <summary>frames × 13 × 17 values, smooth in space, 0–40.</summary>
        public static float[] Values(int frames) => Enumerable.Range(0, frames * 221)
            .Select(k => (float)(20 + 20 * Math.Sin(0.4 * (k % 17) + 0.3 * (k / 17 % 13) + 0.5 * (k / 221)))).ToArray();
    }
}
