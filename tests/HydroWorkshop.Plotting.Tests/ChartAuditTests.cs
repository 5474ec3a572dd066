using HydroWorkshop.Plotting;
using Xunit;

namespace HydroWorkshop.Plotting.Tests;

/// <summary>The audit finds each class of defect that the workshop's charts once had (issue 24), on figures built
/// the old way by hand, so a check that stopped working would show here and not as a silently clean chart.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ChartAuditTests(BrowserFixture browser)
{
    private static readonly double[] Observed = TestData.Discharge(400), Simulated = TestData.Discharge(400, 2);

    [Fact]
    public void Check_EqualScalesOnWidePlot_FindsEmptyXRange()
    {
        var figure = new Figure().Add(new Scatter { X = Observed, Y = Simulated, Mode = "markers", Name = "days" });
        figure.Layout.YAxis().ScaleAnchor = "x";
        Assert.Contains(ChartAudit.Check(browser.Browser, figure, 1280, "scatter"), f => f.Contains("% of the x axis"));
    }

    [Fact]
    public void Check_LogAxisWithLeadingDigitLabels_FindsUnreadableTicks()
    {
        var figure = new Figure()
            .Add(new Scatter { X = Enumerable.Range(1, 30).ToArray(), Y = TestData.Loss(30, 2.5, 0.1), Name = "loss" });
        figure.Layout.YAxis().Type = "log";
        Assert.Contains(ChartAudit.Check(browser.Browser, figure, 900, "loss"), f => f.Contains("tick label '2' stands for 0.2"));
    }

    [Fact]
    public void Check_ButtonsOverSliderHandle_FindsOverlap()
    {
        var figure = new Figure().Add(new Scatter { X = new[] { 0.0, 1 }, Y = new[] { 0.0, 1 }, Name = "a" });
        for (var t = 0; t < 3; t++) figure.Frames.Add(new Frame($"{t}", [new Scatter { Y = new[] { t, 1.0 } }], 0));
        figure.WithAnimationControls();
        // Where the slider started before: 12 % of the width from the left, under the buttons at 900 px.
        figure.Layout.Sliders[0].Set("x", 0.12);
        figure.Layout.Sliders[0].Set("len", 0.88);
        figure.Layout.Sliders[0].Set("pad.l", 0);
        Assert.Contains(ChartAudit.Check(browser.Browser, figure, 900, "controls"), f => f.Contains("overlaps slider"));
    }

    [Fact]
    public void Check_ThreeMapsInARowAt900Px_FindsSmallPlots()
    {
        var figure = new Figure();
        double[][] domains = [[0, 0.31], [0.345, 0.655], [0.69, 1.0]];
        for (var n = 1; n <= 3; n++)
        {
            var s = n == 1 ? "" : $"{n}";
            figure.Add(new Heatmap { Z = new double[64, 128], XAxis = "x" + s, YAxis = "y" + s, ShowScale = false });
            figure.Layout.XAxis(n).Domain = domains[n - 1];
            figure.Layout.YAxis(n).Anchor = "x" + s;
            figure.Layout.YAxis(n).ScaleAnchor = "x" + s;
            figure.Layout.YAxis(n).Set("constrain", "domain");
            figure.Layout.XAxis(n).Set("constrain", "domain");
        }
        Assert.Contains(ChartAudit.Check(browser.Browser, figure, 900, "maps"), f => f.Contains("plot area x2y2 is only"));
    }

    [Fact]
    public void Check_RainOnOverlaidReversedAxis_FindsRainInDischarge()
    {
        var days = TestData.Days(Observed.Length);
        var figure = new Figure()
            .Add(new Bar { X = days, Y = TestData.Rain(days.Length), Name = "precipitation", YAxis = "y2" })
            .Add(new Scatter { X = days, Y = Observed, Mode = "lines", Name = "observed" });
        figure.Layout.YAxis().Range = [0, 1.5 * Observed.Max()];
        figure.Layout.YAxis(2).Overlaying = "y";
        figure.Layout.YAxis(2).Side = "right";
        figure.Layout.YAxis(2).Range = [3 * TestData.Rain(days.Length).Max(), 0];
        Assert.Contains(ChartAudit.Check(browser.Browser, figure, 900, "rain"), f => f.Contains(
            "'precipitation' (y2) reaches into 'observed' (y)"));
    }

    [Fact]
    public void Check_NotebookThreeOldSummaryChart_FindsMixedUnitsOddTicksAndCoveredLabels()
    {
        string[] models = ["ConvLSTM", "CNN-LSTM"];
        var figure = new Figure()
            .Add(new Bar { X = models, Y = new[] { 0.23, 0.64 }, Name = "mean CSI" }.With("offsetgroup", "1"))
            .Add(new Bar { X = models, Y = new[] { 4.1, 2.7 }, Name = "wet RMSE (cm)" }.With("offsetgroup", "2"))
            .Add(new Bar { X = models, Y = new[] { 413.0, 296 }, Name = "speed-up over the solver (x)", YAxis = "y2" }.With("offsetgroup",
                "3"))
            .WithTitle("Surrogates on the test events")
            .WithLayout(l =>
            {
                l.BarMode = "group";
                l.YAxis().Title = "CSI, wet RMSE (cm)";
                l.YAxis(2).Title = "speed-up (x)"; l.YAxis(2).Overlaying = "y"; l.YAxis(2).Side = "right";
            });
        var findings = ChartAudit.Check(browser.Browser, figure, 900, "summary");
        Assert.Contains(findings, f => f.Contains("lists several quantities on one axis"));
        Assert.Contains(findings, f => f.Contains("yaxis2 ticks step by"));
        Assert.Contains(findings, f => f.Contains("legend overlaps tick label"));
    }

    [Fact]
    public void Check_TitleWiderThanFigure_FindsTitleCutOff()
    {
        // Notebook 03's old summary chart carried a title wider than the notebook's output at 900 px.
        var figure = new Figure()
            .Add(new Bar { X = new[] { "ConvLSTM", "CNN-LSTM" }, Y = new[] { 0.23, 0.64 }, Name = "mean CSI" })
            .WithTitle("Surrogates on the test events: mean critical success index, wet-cell RMSE and the speed-up over the "
                + "shallow-water solver, per model, on every held-out flume event");
        Assert.Contains(ChartAudit.Check(browser.Browser, figure, 900, "clipped"), f => f.Contains("is cut off by the figure edge"));
    }

    [Fact]
    public void Units_ScoreAndCentimetresOnOneAxis_FindsMixedQuantities()
    {
        // Notebook 03's summary chart before ModelComparison.
        string[] models = ["ConvLSTM", "CNN-LSTM"];
        var figure = new Figure()
            .Add(new Bar { X = models, Y = new[] { 0.23, 0.64 }, Name = "mean CSI" })
            .Add(new Bar { X = models, Y = new[] { 4.1, 2.7 }, Name = "wet RMSE (cm)" })
            .Add(new Bar { X = models, Y = new[] { 413.0, 296 }, Name = "speed-up over the solver (x)", YAxis = "y2" });
        figure.Layout.YAxis().Title = "CSI, wet RMSE (cm)";
        figure.Layout.YAxis(2).Title = "speed-up (x)";
        Assert.Contains(ChartAudit.Units(figure), f => f.Contains("lists several quantities on one axis"));
    }

    [Fact]
    public void Units_TraceUnitDiffersFromAxis_NamesBoth()
    {
        var figure = new Figure().Add(new Scatter { X = new[] { 1.0 }, Y = new[] { 1.0 }, Name = "CRPS (mm/day)" });
        figure.Layout.YAxis().Title = "coverage (%)";
        Assert.Contains(ChartAudit.Units(figure), f => f.Contains("is in mm/day but its axis yaxis ('coverage (%)') is in %"));
    }

    [Fact]
    public void Units_MmPerDAndMmPerDay_FindsTwoSpellings()
    {
        var figure = new Figure().Add(new Scatter { X = new[] { 1.0 }, Y = new[] { 1.0 }, Name = "q", HoverTemplate = "%{y} mm/d" });
        figure.Layout.YAxis().Title = "discharge (mm/day)";
        Assert.Contains(ChartAudit.Units(figure), f => f.Contains("one unit spelled 2 ways"));
    }

    [Fact]
    public void Units_MedianInLegendName_IsNotAUnit()
    {
        var figure = new Figure().Add(new Scatter { X = new[] { 1.0 }, Y = new[] { 1.0 }, Name = "LSTM (median 0.62)" });
        figure.Layout.YAxis().Title = "fraction of basins";
        Assert.Empty(ChartAudit.Units(figure));
    }
}
