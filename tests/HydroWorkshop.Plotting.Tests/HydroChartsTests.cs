using HydroWorkshop.Plotting;
using Xunit;

namespace HydroWorkshop.Plotting.Tests;

/// <summary>Argument handling and computed values of the hydrology charts (no browser).</summary>
public sealed class HydroChartsTests
{
    [Fact]
    public void Hydrograph_SimulatedLengthMismatch_NamesSeries()
    {
        var error = Assert.Throws<ArgumentException>(() => HydroCharts.Hydrograph(TestData.Days(10), TestData.Wave(10), TestData.Wave(9)));
        Assert.Contains("simulated has 9 values but time has 10", error.Message);
    }

    [Fact]
    public void Hydrograph_Empty_SaysEmpty() =>
        Assert.Contains("time is empty", Assert.Throws<ArgumentException>(() => HydroCharts.Hydrograph([], [])).Message);

    [Fact]
    public void Hydrograph_NaNObservation_StaysGapInJson()
    {
        var observed = TestData.Wave(5);
        observed[2] = double.NaN;
        Assert.Contains(",null,", HydroCharts.Hydrograph(TestData.Days(5), observed).ToJson());
    }

    [Fact]
    public void DepthMap_InfiniteCell_NamesCell()
    {
        var depth = new float[12];
        depth[7] = float.PositiveInfinity;
        var error = Assert.Throws<ArgumentException>(() => HydroCharts.DepthMap(depth, 3, 4));
        Assert.Contains("depth[y=1, x=3]", error.Message);
    }

    [Fact]
    public void DepthAnimation_WrongLength_NamesShape()
    {
        var error = Assert.Throws<ArgumentException>(() => HydroCharts.DepthAnimation(new float[24], new float[20], 3, 4));
        Assert.Contains("model has 20 values but [time, y, x] = [2, 3, 4] needs 24", error.Message);
    }

    [Fact]
    public void Exceedance_Weibull_MatchesHandComputed()
    {
        var (p, q) = HydroCharts.Exceedance([1, double.NaN, 3, 2]);
        Assert.Equal([3.0, 2, 1], q);
        Assert.Equal([25.0, 50, 75], p);
    }

    [Fact]
    public void ObservedSimulatedScatter_PerfectModel_NseOne() =>
        Assert.Contains("NSE 1.000", HydroCharts.ObservedSimulatedScatter(TestData.Wave(50), TestData.Wave(50)).Layout.Title);

    [Fact]
    public void MetricCdf_EvenCount_LegendMedianIsMeanOfMiddleTwo() =>
        Assert.Equal("LSTM (median 0.30, 1 NaN)",
            HydroCharts.MetricCdf(new Dictionary<string, double[]> { ["LSTM"] = [0.6, -3, 0.2, double.NaN, 0.4] }).Data[0].Name);

    [Fact]
    public void MetricCdf_MedianBelowLowerLimit_LegendShowsUnclippedMedian() =>
        Assert.Equal("LSTM (median -4.00)",
            HydroCharts.MetricCdf(new Dictionary<string, double[]> { ["LSTM"] = [-5, -4, -3] }).Data[0].Name);

    [Fact]
    public void WetDryAgreement_Counts_InTitle()
    {
        float[] reference = [1, 1, 0, 0];
        float[] predicted = [1, 0, 1, 0];
        Assert.Contains("CSI 0.333: 1 hits, 1 misses, 1 false alarms",
            HydroCharts.WetDryAgreement(reference, predicted, 2, 2).Layout.Title);
    }

    [Fact]
    public void DepthAnimation_100x64x128_FigureDataUnder5MB()
    {
        int frames = 100, ny = 64, nx = 128;
        var figure = HydroCharts.DepthAnimation(TestData.Stack(frames, ny, nx), TestData.Stack(frames, ny, nx, lag: 0.9), ny, nx, 0.1, 0.1);
        var bytes = figure.ToJson().Length;
        Assert.True(bytes < 5_000_000, $"figure data is {bytes / 1e6:0.00} MB");
        Assert.Equal(frames, figure.Frames.Count);
        Assert.Equal("u1", ((TypedArray)figure.Frames[0].Data[0].Get("z")!).DType);
    }

    [Fact]
    public void DepthAnimation_CompactLevels_DecodeWithinHalfStep()
    {
        float[] depth = [0.0f, 0.1f, 0.37f, 0.5f];
        var figure = HydroCharts.DepthAnimation(depth, depth, 2, 2, options: new DepthAnimationOptions { Encoding = MapEncoding.Compact });
        var levels = ((TypedArray)figure.Data[0].Get("z")!).Bytes;
        var step = 0.002; // NiceStep(0.5 / 254)
        Assert.Equal(255, levels[0]); // dry: the transparent level
        for (var i = 1; i < 4; i++) Assert.InRange(levels[i] * step - depth[i], -step / 2, step / 2);
    }

    [Fact]
    public void ModelComparison_ScoreLengthMismatch_NamesScore()
    {
        var error = Assert.Throws<ArgumentException>(() => HydroCharts.ModelComparison(["a", "b"],
            [new ModelScore("wet RMSE", "cm", [1.0])]));
        Assert.Contains("score 'wet RMSE' has 1 values but models has 2", error.Message);
    }

    [Fact]
    public void ModelComparison_ThreeScores_OneAxisAndUnitEach()
    {
        var figure = HydroCharts.ModelComparison(["a", "b"],
            [new("CSI", null, [0.2, 0.6]), new("wet RMSE", "cm", [4, 3]), new("speed-up", "×", [400, 300])]);
        Assert.Equal(["y", "y2", "y3"], figure.Data.Select(t => t.YAxis ?? "").ToArray());
        Assert.Equal(["CSI", "wet RMSE (cm)", "speed-up (×)"], new[] { 1, 2, 3 }.Select(n => figure.Layout.YAxis(n).Title ?? "").ToArray());
        Assert.Empty(ChartAudit.Units(figure));
    }

    [Fact]
    public void TrainingCurves_LossOverADecade_TicksSayTheirValues()
    {
        var axis = HydroCharts.TrainingCurves(TestData.Loss(30, 2.5, 0.1)).Layout.YAxis();
        var labels = (string[])axis.Get("ticktext")!;
        var values = (double[])axis.Get("tickvals")!;
        Assert.Equal(values.Select(v => v.ToString(System.Globalization.CultureInfo.InvariantCulture)), labels);
        Assert.Contains("0.2", labels);
        Assert.Contains("2", labels);
    }

    [Fact]
    public void Hydrograph_WithRain_RainBandAboveDischarge()
    {
        var figure = HydroCharts.Hydrograph(TestData.Days(50), TestData.Discharge(50), precipitation: TestData.Rain(50));
        var rain = figure.Layout.YAxis(2).Domain!;
        var discharge = figure.Layout.YAxis().Domain!;
        Assert.True(rain[0] > discharge[1], $"rain band {rain[0]}..{rain[1]} overlaps discharge {discharge[0]}..{discharge[1]}");
        Assert.Null(figure.Layout.YAxis(2).Overlaying);
        Assert.Equal("precipitation (mm/day)", figure.Layout.YAxis(2).Title);
    }
}
