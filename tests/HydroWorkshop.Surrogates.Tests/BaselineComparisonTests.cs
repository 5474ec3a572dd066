using Xunit;

namespace HydroWorkshop.Surrogates.Tests;

public sealed class BaselineComparisonTests
{
    private static FloodEventScores S(string e, double mae, double csi, double volumeLast = 0.1) =>
        new(e, mae, mae, mae, mae, csi, csi, mae, mae, volumeLast, Math.Abs(volumeLast), []);

    private static FloodPredictorScores Row(string name, FloodPredictorRole role, params FloodEventScores[] events) =>
        new(name, role, events, events.Select(_ => 1.0).ToArray());

    private static FloodEvaluationResult Result(params FloodPredictorScores[] rows) => new(rows, 1, 0.5, []);

    [Fact]
    public void Shortfalls_SurrogateBetterEverywhere_None()
    {
        var result = Result(
            Row("model", FloodPredictorRole.Surrogate, S("a", 0.1, 0.9, 0.01), S("b", 0.2, 0.8, -0.02)),
            Row("persistence", FloodPredictorRole.Baseline, S("a", 0.5, 0.1), S("b", 0.6, 0.2)),
            Row("climatology", FloodPredictorRole.Baseline, S("a", 0.3, 0.5), S("b", 0.4, 0.6)));
        Assert.Empty(BaselineComparison.Shortfalls(result));
    }

    [Fact]
    public void Shortfalls_BaselineBetterOnWorstCsiAndTiedOnVolume_FlaggedNamingThoseBaselines()
    {
        // Surrogate CSI 0.9 / 0.3 (median 0.6, worst 0.3); climatology 0.6 / 0.5 (median 0.55, worst 0.5): worst CSI lost
        // to climatology only. Volume error at the end: a tie (0.1) with both baselines, median and worst.
        var result = Result(
            Row("model", FloodPredictorRole.Surrogate, S("a", 0.1, 0.9), S("b", 0.2, 0.3)),
            Row("persistence", FloodPredictorRole.Baseline, S("a", 0.5, 0.1), S("b", 0.6, 0.2)),
            Row("climatology", FloodPredictorRole.Baseline, S("a", 0.3, 0.6), S("b", 0.4, 0.5)),
            Row("solver (fine)", FloodPredictorRole.Solver, S("a", 0, 1, 0), S("b", 0, 1, 0)));     // never a baseline
        var shortfalls = BaselineComparison.Shortfalls(result);

        var worstCsi = shortfalls.Where(s => s.Column.Name.StartsWith("csi", StringComparison.Ordinal)).ToArray();
        Assert.Equal(2, worstCsi.Length);                                // CSI at 5 cm and 30 cm (same values here)
        Assert.All(worstCsi, s =>
        {
            Assert.Equal(("model", "worst"), (s.Surrogate, s.Statistic));
            Assert.Equal(["climatology"], s.Baselines);
        });
        var volume = shortfalls.Where(s => s.Column.Name.StartsWith("volume", StringComparison.Ordinal)).ToArray();
        Assert.Equal(4, volume.Length);                                  // last and largest, median and worst
        Assert.All(volume, s => Assert.Equal(["persistence", "climatology"], s.Baselines));
        Assert.Equal(6, shortfalls.Count);
    }

    [Fact]
    public void Shortfalls_VolumeExactOnBothSides_NotFlaggedButALargerErrorIs()
    {
        // Both keep volume to float rounding (1e-7 against 1e-8 of the water): nothing to beat. A 1 % error on one event
        // against an exact baseline is a shortfall (worst event, and the median of two events, 0.5 %).
        var exact = Result(
            Row("model", FloodPredictorRole.Surrogate, S("a", 0.1, 0.9, 1e-7), S("b", 0.2, 0.8, -2e-6)),
            Row("coarse solver x2", FloodPredictorRole.Baseline, S("a", 0.3, 0.5, 1e-8), S("b", 0.4, 0.6, 1e-9)));
        Assert.Empty(BaselineComparison.Shortfalls(exact));
        var off = Result(
            Row("model", FloodPredictorRole.Surrogate, S("a", 0.1, 0.9, 0.01), S("b", 0.2, 0.8, -2e-6)),
            Row("coarse solver x2", FloodPredictorRole.Baseline, S("a", 0.3, 0.5, 1e-8), S("b", 0.4, 0.6, 1e-9)));
        var shortfalls = BaselineComparison.Shortfalls(off);
        Assert.Equal([("volume_error_last", "median"), ("volume_error_last", "worst"), ("volume_error_largest", "median"),
            ("volume_error_largest", "worst")], shortfalls.Select(s => (s.Column.Name, s.Statistic)));
        Assert.False(FloodScoreColumn.All[0].IsExact(0));                 // MAE has no exact band: 0 ties are ties
    }

    [Fact]
    public void Shortfalls_UndefinedScores_NaNSurrogateLosesNaNBaselineBeatsNothing()
    {
        var result = Result(
            Row("model", FloodPredictorRole.Surrogate, S("a", double.NaN, 0.9, 0.01)),
            Row("persistence", FloodPredictorRole.Baseline, S("a", 0.5, double.NaN, 0.5)));
        var shortfalls = BaselineComparison.Shortfalls(result);
        Assert.All(shortfalls, s => Assert.Equal("persistence", Assert.Single(s.Baselines)));
        Assert.Equal(["mae_m", "rmse_m", "wet_mae_m", "wet_rmse_m", "arrival_error_h", "flooded_in_one_only"],
            shortfalls.Where(s => s.Statistic == "median").Select(s => s.Column.Name));
    }

    [Fact]
    public void Statistic_Unknown_Throws() =>
        Assert.Throws<ArgumentException>(() => BaselineComparison.Statistic(Row("m", FloodPredictorRole.Surrogate, S("a", 1, 1)),
            FloodScoreColumn.All[0], "mean"));
}
