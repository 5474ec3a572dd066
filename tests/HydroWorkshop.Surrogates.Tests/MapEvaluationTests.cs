using System.Globalization;
using HydroWorkshop.FloodData;
using HydroWorkshop.Surrogates;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace HydroWorkshop.Surrogates.Tests;

/// <summary>The evaluation files, on the hand-computed map of <see cref="MapMetricsTests"/> ("handmade": H=5 M=2
/// F=2) and a perfect prediction of the same observation ("perfect": 7 observed wet cell-times, all hits).</summary>
public sealed class MapEvaluationTests : IDisposable
{
    private const double Threshold = 0.125;
    private readonly string folder = Path.Combine(Path.GetTempPath(), "hw-map-evaluation-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }

    private static Tensor Maps(float[] values) => tensor(values, [2, 3, 3]);

    private static Dictionary<string, string> Row(string[] lines, string eventName, string? leadTime = null)
    {
        var header = lines[0].Split(',');
        var row = lines.Skip(1).Select(l => l.Split(',')).Single(f => f[0] == eventName && (leadTime is null || f[1] == leadTime));
        return header.Zip(row).ToDictionary(p => p.First, p => p.Second);
    }

    private static double Number(string field) => double.Parse(field, CultureInfo.InvariantCulture);

    [Fact]
    public void Write_TwoEvents_TablesWithPooledAllRowsAndReadableMaps()
    {
        using var handmade = Maps(MapMetricsTests.Predicted);
        using var perfect = Maps(MapMetricsTests.Observed);
        using var observed = Maps(MapMetricsTests.Observed);
        MapEvaluation.Write(folder, [("handmade", handmade, observed), ("perfect", perfect, observed)], Threshold);

        var events = File.ReadAllLines(Path.Combine(folder, "event_metrics.csv"));
        Assert.Equal(MapEvaluation.EventHeader, events[0]);
        Assert.Equal(1 + 2 + 1, events.Length);                          // header, two events, "all"
        var first = Row(events, "handmade");
        Assert.Equal(5.0 / 9, Number(first["csi"]), 5);
        Assert.Equal(Math.Sqrt(0.40625 / 9), Number(first["wet_rmse_m"]), 5);
        Assert.Equal(("2", "18", "9", "5", "2", "2"),
            (first["time_steps"], first["valid_cells"], first["wet_cells"], first["hits"], first["misses"], first["false_alarms"]));
        Assert.Equal(1.0, Number(first["max_observed_depth_m"]));
        Assert.Equal(100 * Math.Sqrt(0.40625 / 9), Number(first["wet_rmse_pct_of_max_depth"]), 3);
        Assert.Equal(1.0 / 9, Number(first["cell_nse_median"]), 5);      // median of −17, −1, 1/9, .5, .5
        var perfectRow = Row(events, "perfect");
        Assert.Equal((1.0, 0.0, 0.0), (Number(perfectRow["csi"]), Number(perfectRow["rmse_m"]), Number(perfectRow["far"])));
        // Pooled, not averaged: H = 5 + 7, M = 2, F = 2 → 12/16 (the mean of the two CSIs would be .78).
        var all = Row(events, "all");
        Assert.Equal(0.75, Number(all["csi"]), 12);
        Assert.Equal(Math.Sqrt(0.40625 / 36), Number(all["rmse_m"]), 5);
        Assert.Equal(0.375, Number(all["max_depth_error_m"]), 12);

        var leads = File.ReadAllLines(Path.Combine(folder, "lead_time_metrics.csv"));
        Assert.Equal(MapEvaluation.LeadTimeHeader, leads[0]);
        Assert.Equal(1 + 2 * 2 + 2, leads.Length);                      // header, 2 events × 2 steps, "all" × 2
        Assert.Equal(0.5, Number(Row(leads, "handmade", "1")["csi"]), 12);
        Assert.Equal(0.6, Number(Row(leads, "handmade", "2")["csi"]), 12);
        Assert.Equal((2 + 3) / (4.0 + 3), Number(Row(leads, "all", "1")["csi"]), 5);   // t0: perfect has 3 observed wet

        var map = NpyFile.Read(Path.Combine(folder, "maps", "handmade_predicted.npy"));
        Assert.Equal([2, 3, 3], map.Shape);
        Assert.Equal(MapMetricsTests.Predicted, map.Data);
        Assert.True(File.Exists(Path.Combine(folder, "maps", "perfect_predicted.npy")));
        Assert.Empty(Directory.GetFiles(folder, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public void Write_AllDryEvent_UndefinedScoresAreEmptyFields()
    {
        using var dry = zeros(3, 2, 2);
        MapEvaluation.Write(folder, [("dry", dry, dry)], Threshold);
        var row = Row(File.ReadAllLines(Path.Combine(folder, "event_metrics.csv")), "dry");
        Assert.Equal(("0", "", "", "", "", "0"), (row["rmse_m"], row["csi"], row["pod"], row["far"], row["f1"], row["wet_cells"]));
        Assert.Equal("", row["cell_nse_median"]);
    }

    [Fact]
    public void Write_EventsOfDifferentLengths_AllRowPerLeadTimePoolsTheEventsThatReachIt()
    {
        using var observed = Maps(MapMetricsTests.Observed);
        using var handmade = Maps(MapMetricsTests.Predicted);
        using var shortObserved = observed[..1];
        using var shortPerfect = observed[..1];
        MapEvaluation.Write(folder, [("long", handmade, observed), ("short", shortPerfect, shortObserved)], Threshold);

        var leads = File.ReadAllLines(Path.Combine(folder, "lead_time_metrics.csv"));
        Assert.Equal(1 + 3 + 2, leads.Length);
        Assert.Equal(0.6, Number(Row(leads, "all", "2")["csi"]), 12);    // only "long" reaches step 2
        Assert.Equal("3", Row(File.ReadAllLines(Path.Combine(folder, "event_metrics.csv")), "all")["time_steps"]);
    }

    [Fact]
    public void Write_ShapeMismatchInLaterEvent_ThrowsNamingShapesAndWritesNothing()
    {
        using var observed = Maps(MapMetricsTests.Observed);
        using var wrong = zeros(2, 3, 4);
        var error = Assert.Throws<ArgumentException>(() =>
            MapEvaluation.Write(folder, [("good", observed, observed), ("bad", wrong, observed)], Threshold));
        Assert.Contains("'bad'", error.Message);
        Assert.Contains("[2, 3, 4]", error.Message);
        Assert.Contains("[2, 3, 3]", error.Message);
        Assert.False(Directory.Exists(folder));
    }

    [Theory]
    [InlineData("all")]
    [InlineData("a/b")]
    [InlineData("")]
    public void Write_UnusableEventName_Throws(string name)
    {
        using var observed = Maps(MapMetricsTests.Observed);
        Assert.Throws<ArgumentException>(() => MapEvaluation.Write(folder, [(name, observed, observed)], Threshold));
    }

    [Fact]
    public void Write_DuplicateEventName_Throws()
    {
        using var observed = Maps(MapMetricsTests.Observed);
        Assert.Contains("twice", Assert.Throws<ArgumentException>(() =>
            MapEvaluation.Write(folder, [("e1", observed, observed), ("e1", observed, observed)], Threshold)).Message);
    }

    [Fact]
    public void Write_CancelledToken_ThrowsBeforeWritingTables()
    {
        using var observed = Maps(MapMetricsTests.Observed);
        Assert.Throws<OperationCanceledException>(() =>
            MapEvaluation.Write(folder, [("e1", observed, observed)], Threshold, new CancellationToken(canceled: true)));
        Assert.False(File.Exists(Path.Combine(folder, "event_metrics.csv")));
    }

    [Fact]
    public void Write_Float64Tensors_LiveCountBackToBaseline()
    {
        using var observed32 = Maps(MapMetricsTests.Observed);
        using var observed = observed32.to(ScalarType.Float64);
        using var predicted = Maps(MapMetricsTests.Predicted);
        var baseline = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        MapEvaluation.Write(folder, [("e1", predicted, observed)], Threshold);
        Assert.Equal(baseline, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
        Assert.Equal(MapMetricsTests.Predicted, NpyFile.Read(Path.Combine(folder, "maps", "e1_predicted.npy")).Data);
    }
}
