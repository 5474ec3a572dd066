using HydroWorkshop.Surrogates;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace HydroWorkshop.Surrogates.Tests;

/// <summary>
/// Map metrics against a 2×3×3 map computed by hand (depths in m, multiples of 1/8 so every error is exact
/// in binary), wet threshold h = 0.125 m (a depth equal to h is dry):
/// <code>
///            observed t0       observed t1       predicted t0       predicted t1
///   y0   0    .25   .5      0    .5   1.0      0    .375  .5      0    .5   .75
///   y1   0    0     .375    0    .25  .75      .25  0     .125    0    0    .75
///   y2   0    0     0       0    0    .125     0    0     0       0    0    .5
/// </code>
/// t0: hits (0,1) (0,2), miss (1,2) (predicted .125 is not &gt; h), false alarm (1,0): H=2 M=1 F=1, errors
///     +.125, +.25, −.25 → Σe² = .140625, Σ|e| = .625.
/// t1: hits (0,1) (0,2) (1,2), miss (1,1), false alarm (2,2) (observed .125 is dry): H=3 M=1 F=1, errors
///     −.25 (0,2), −.25 (1,1), +.375 (2,2) → Σe² = .265625, Σ|e| = .875.
/// All: H=5 M=2 F=2 (9 wet cell-times, 18 in all), Σe² = .40625, Σ|e| = 1.5; every nonzero error lies in a
/// wet cell-time. Maximum-depth maps: observed (0,1) .5, (0,2) 1, (1,1) .25, (1,2) .75, (2,2) .125;
/// predicted (0,1) .5, (0,2) .75, (1,0) .25, (1,2) .75, (2,2) .5 → worst |difference| .375 at (2,2).
/// </summary>
public sealed class MapMetricsTests
{
    private const double Threshold = 0.125;
    private static readonly int[] Shape = [2, 3, 3];

    internal static readonly float[] Observed =
    [
        0, 0.25f, 0.5f, 0, 0, 0.375f, 0, 0, 0,
        0, 0.5f, 1.0f, 0, 0.25f, 0.75f, 0, 0, 0.125f,
    ];

    internal static readonly float[] Predicted =
    [
        0, 0.375f, 0.5f, 0.25f, 0, 0.125f, 0, 0, 0,
        0, 0.5f, 0.75f, 0, 0, 0.75f, 0, 0, 0.5f,
    ];

    private static Tensor Maps(float[] values, int[]? shape = null) =>
        tensor(values, (shape ?? Shape).Select(s => (long)s).ToArray());

    [Fact]
    public void Score_HandComputedMap_MatchesHandValues()
    {
        using var predicted = Maps(Predicted);
        using var observed = Maps(Observed);
        var s = MapMetrics.Score(predicted, observed, Threshold);

        Assert.Equal(Math.Sqrt(0.40625 / 18), s.Rmse, 12);
        Assert.Equal(1.5 / 18, s.Mae, 12);
        Assert.Equal(Math.Sqrt(0.40625 / 9), s.WetRmse, 12);
        Assert.Equal(1.5 / 9, s.WetMae, 12);
        Assert.Equal(0.375, s.MaxDepthError, 12);
        Assert.Equal(5.0 / 9, s.Csi, 12);
        Assert.Equal(5.0 / 7, s.Pod, 12);
        Assert.Equal(2.0 / 7, s.Far, 12);
        Assert.Equal(10.0 / 14, s.F1, 12);
        Assert.Equal(9, s.WetCells);
        Assert.Equal(new WetDryContingency(5, 2, 2, 9), MapMetrics.Contingency(predicted, observed, Threshold));
    }

    [Fact]
    public void ScoreByLeadTime_HandComputedMap_OneScorePerStep()
    {
        using var predicted = Maps(Predicted);
        using var observed = Maps(Observed);
        var steps = MapMetrics.ScoreByLeadTime(predicted, observed, Threshold);

        Assert.Equal(2, steps.Count);
        var (t0, t1) = (steps[0], steps[1]);
        Assert.Equal(0.125, t0.Rmse, 12);                               // √(.140625 / 9)
        Assert.Equal(0.625 / 9, t0.Mae, 12);
        Assert.Equal(0.1875, t0.WetRmse, 12);                           // √(.140625 / 4)
        Assert.Equal(0.25, t0.MaxDepthError, 12);                       // one step: the largest |error|
        Assert.Equal((0.5, 2.0 / 3, 1.0 / 3, 2.0 / 3, 4), (t0.Csi, t0.Pod, t0.Far, t0.F1, t0.WetCells));
        Assert.Equal(Math.Sqrt(0.265625 / 9), t1.Rmse, 12);
        Assert.Equal(Math.Sqrt(0.265625 / 5), t1.WetRmse, 12);
        Assert.Equal(0.875 / 5, t1.WetMae, 12);
        Assert.Equal(0.375, t1.MaxDepthError, 12);
        Assert.Equal((0.6, 0.75, 0.25, 0.75, 5), (t1.Csi, t1.Pod, t1.Far, t1.F1, t1.WetCells));
    }

    [Fact]
    public void Score_FloatArraysAndFloat64Tensors_SameAsFloat32Tensors()
    {
        using var predicted = Maps(Predicted);
        using var observed = Maps(Observed);
        using var predicted64 = predicted.to(ScalarType.Float64);
        using var observed64 = observed.to(ScalarType.Float64);
        var expected = MapMetrics.Score(predicted, observed, Threshold);

        Assert.Equal(expected, MapMetrics.Score(Predicted, Observed, Shape, Threshold));
        Assert.Equal(expected, MapMetrics.Score(predicted64, observed64, Threshold));
        Assert.Equal(expected.Rmse, MapMetrics.Rmse(predicted, observed));
        Assert.Equal(expected.Mae, MapMetrics.Mae(predicted, observed));
        Assert.Equal(expected.WetRmse, MapMetrics.WetRmse(predicted, observed, Threshold));
        Assert.Equal(expected.WetMae, MapMetrics.WetMae(predicted, observed, Threshold));
        Assert.Equal(expected.MaxDepthError, MapMetrics.MaxDepthError(predicted, observed));
    }

    [Theory]
    [InlineData(5, 2, 2)]
    [InlineData(1, 0, 3)]
    [InlineData(0, 4, 0)]
    public void F1_AnyTable_IsTwoCsiOverOnePlusCsi(long hits, long misses, long falseAlarms)
    {
        var csi = MapMetrics.Csi(hits, misses, falseAlarms);
        Assert.Equal(2 * csi / (1 + csi), MapMetrics.F1(hits, misses, falseAlarms), 12);
    }

    [Fact]
    public void ContingencyScores_EmptyDenominators_AreNaN()
    {
        Assert.True(double.IsNaN(MapMetrics.Csi(0, 0, 0)));
        Assert.True(double.IsNaN(MapMetrics.F1(0, 0, 0)));
        Assert.True(double.IsNaN(MapMetrics.Pod(0, 0)));                // nothing observed wet
        Assert.True(double.IsNaN(MapMetrics.Far(0, 0)));                // nothing predicted wet
        Assert.Equal(0.0, MapMetrics.Pod(0, 3));
        Assert.Equal(1.0, MapMetrics.Far(0, 3));
    }

    [Fact]
    public void Score_AllDry_ErrorsZeroAndSkillScoresNaN()
    {
        using var predicted = zeros(2, 3, 3);
        using var observed = zeros(2, 3, 3);
        var s = MapMetrics.Score(predicted, observed, Threshold);

        Assert.Equal((0.0, 0.0, 0.0, 0), (s.Rmse, s.Mae, s.MaxDepthError, s.WetCells));
        Assert.All(new[] { s.WetRmse, s.WetMae, s.Csi, s.Pod, s.Far, s.F1 }, v => Assert.True(double.IsNaN(v)));
    }

    [Fact]
    public void Score_DepthEqualToThresholdInFloat32_IsDry()
    {
        // 0.001f is 0.0010000000475 > 0.001 in double; numpy and PyTorch compare in float32, where it is equal.
        using var observed = full([1, 1, 2], 0.001f);
        using var predicted = full([1, 1, 2], 0.001f);
        Assert.Equal(0, MapMetrics.Score(predicted, observed, 0.001).WetCells);
        Assert.Equal(2, MapMetrics.Score(predicted, observed, 0.0009).WetCells);
    }

    [Fact]
    public void Score_ShapeMismatch_ThrowsNamingBothShapes()
    {
        using var predicted = zeros(2, 3, 3);
        using var observed = zeros(2, 3, 4);
        var error = Assert.Throws<ArgumentException>(() => MapMetrics.Score(predicted, observed, Threshold));
        Assert.Contains("[2, 3, 3]", error.Message);
        Assert.Contains("[2, 3, 4]", error.Message);

        using var flat = zeros(3, 3);
        Assert.Contains("[3, 3]", Assert.Throws<ArgumentException>(() => MapMetrics.CellNse(flat, flat)).Message);
        Assert.Throws<ArgumentException>(() => MapMetrics.Score(Predicted, Observed, [2, 3, 4], Threshold));
    }

    [Fact]
    public void Score_NegativeOrNaNThreshold_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => MapMetrics.Score(Predicted, Observed, Shape, -0.01));
        Assert.Throws<ArgumentOutOfRangeException>(() => MapMetrics.Score(Predicted, Observed, Shape, double.NaN));
    }

    [Fact]
    public void Score_NaNObserved_CellTimeExcluded()
    {
        // Removing the false alarm at t1 (2,2) (error +.375) leaves 17 cell-times, H=5 M=2 F=1, Σe² = .265625,
        // Σ|e| = 1.125, and cell (2,2) compared at t0 only (0 vs 0), so the worst max-depth error is .25.
        var observed = (float[])Observed.Clone();
        observed[17] = float.NaN;
        var s = MapMetrics.Score(Predicted, observed, Shape, Threshold);

        Assert.Equal(Math.Sqrt(0.265625 / 17), s.Rmse, 12);
        Assert.Equal(1.125 / 17, s.Mae, 12);
        Assert.Equal(Math.Sqrt(0.265625 / 8), s.WetRmse, 12);
        Assert.Equal(0.25, s.MaxDepthError, 12);
        Assert.Equal((5.0 / 8, 5.0 / 7, 1.0 / 6, 8), (s.Csi, s.Pod, s.Far, s.WetCells));
    }

    [Fact]
    public void Score_NaNPredicted_EveryScoreNaN()
    {
        var predicted = (float[])Predicted.Clone();
        predicted[4] = float.NaN;                                       // a correct negative before
        var s = MapMetrics.Score(predicted, Observed, Shape, Threshold);
        Assert.All(new[] { s.Rmse, s.Mae, s.WetRmse, s.WetMae, s.MaxDepthError, s.Csi, s.Pod, s.Far, s.F1 },
            v => Assert.True(double.IsNaN(v)));
    }

    [Fact]
    public void CellNse_HandComputedMap_PerCellNse()
    {
        // (0,1): obs .25 .5 (mean .375, Σ(o−ō)² = .03125), errors +.125 0 → 1 − .015625/.03125 = .5
        // (0,2): obs .5 1 (Σ = .125), errors 0 −.25 → .5;  (1,1): obs 0 .25, errors 0 −.25 → 1 − .0625/.03125 = −1
        // (1,2): obs .375 .75 (Σ = .0703125), errors −.25 0 → 1/9;  (2,2): obs 0 .125 (Σ = .0078125), errors 0 .375 → −17
        // (0,0) (1,0) (2,0) (2,1): observed constant (always dry) → NaN.
        using var predicted = Maps(Predicted);
        using var observed = Maps(Observed);
        using var nse = MapMetrics.CellNse(predicted, observed);

        Assert.Equal([3L, 3L], nse.shape);
        Assert.Equal(ScalarType.Float32, nse.dtype);
        var v = nse.data<float>().ToArray();
        Assert.Equal(0.5, v[1], 6);
        Assert.Equal(0.5, v[2], 6);
        Assert.Equal(-1.0, v[4], 6);
        Assert.Equal(1.0 / 9, v[5], 6);
        Assert.Equal(-17.0, v[8], 5);
        Assert.All(new[] { v[0], v[3], v[6], v[7] }, x => Assert.True(float.IsNaN(x)));
    }

    [Fact]
    public void CellNse_ConstantWetObserved_NaNNotMinusInfinity()
    {
        // A cell that stays at 0.1 m while the prediction errs: Σ(o − ō)² = 0 and Σ(p − o)² > 0, so the bare
        // formula gives 1 − x/0 = −∞; the observed series carries no variance to explain, so NSE is undefined.
        float[] observed = [0.1f, 0.3f, 0.1f, 0.2f, 0.1f, 0.25f];     // [3, 1, 2]: cell 0 constant, cell 1 not
        float[] predicted = [0.1f, 0.3f, 0.2f, 0.2f, 0.1f, 0.25f];
        var nse = MapMetrics.CellNse(predicted, observed, [3, 1, 2]);
        Assert.True(double.IsNaN(nse[0]));
        Assert.Equal(1.0, nse[1], 12);
    }

    [Fact]
    public void CellNse_NaNObserved_StepExcludedFromThatCell()
    {
        // Cell 0: obs 1, NaN, 3 → steps 0 and 2: mean 2, Σ(o−ō)² = 2, errors +1, (skipped), 0 → 1 − 1/2 = .5.
        float[] observed = [1, float.NaN, 3];
        float[] predicted = [2, 100, 3];
        Assert.Equal(0.5, MapMetrics.CellNse(predicted, observed, [3, 1, 1])[0], 12);
    }

    /// <summary>
    /// Parity with numpy on a [6, 8, 10] map with no-data cells; the reference numbers come from
    /// /usr/bin/python3 (numpy), building the same maps in float32:
    /// <code>
    /// t, y, x = np.meshgrid(np.arange(6), np.arange(8), np.arange(10), indexing="ij")
    /// o = np.maximum(((t*7 + y*3 + x*5) % 11).astype(np.float32) / np.float32(20) - np.float32(0.1), np.float32(0))
    /// p = np.maximum(((t*5 + y*2 + x*7) % 13).astype(np.float32) / np.float32(25) - np.float32(0.1), np.float32(0))
    /// o[(t + y + x) % 17 == 0] = np.nan;  valid = np.isfinite(o);  e = p.astype(np.float64) - o
    /// ow, pw = (o > 0.05) &amp; valid, (p > 0.05) &amp; valid;  wet = ow | pw
    /// rmse = np.sqrt(np.mean(e[valid]**2));  wrmse = np.sqrt(np.mean(e[wet]**2))   # mae, wmae alike
    /// mde = np.nanmax(np.abs(np.where(valid, p, -np.inf).max(0) - np.nanmax(o, 0)))
    /// o64 = o.astype(np.float64);  nse = 1 - np.nansum(e**2 * valid, 0) / np.nansum((o64 - np.nanmean(o64, 0))**2, 0)
    /// </code>
    /// </summary>
    [Fact]
    public void Score_ModularMapWithNoData_MatchesNumpy()
    {
        int[] shape = [6, 8, 10];
        var observed = new float[480];
        var predicted = new float[480];
        for (var t = 0; t < 6; t++)
        for (var y = 0; y < 8; y++)
        for (var x = 0; x < 10; x++)
        {
            var k = (t * 8 + y) * 10 + x;
            observed[k] = (t + y + x) % 17 == 0 ? float.NaN : Math.Max((float)((t * 7 + y * 3 + x * 5) % 11) / 20f - 0.1f, 0f);
            predicted[k] = Math.Max((float)((t * 5 + y * 2 + x * 7) % 13) / 25f - 0.1f, 0f);
        }
        var s = MapMetrics.Score(predicted, observed, shape, 0.05);

        Assert.Equal(0.20044401447304144, s.Rmse, 10);
        Assert.Equal(0.16148707177489996, s.Mae, 10);
        Assert.Equal(0.20942105385814647, s.WetRmse, 10);
        Assert.Equal(0.17592941491042866, s.WetMae, 10);
        Assert.Equal(0.13999998569488525, s.MaxDepthError, 10);
        Assert.Equal((237 + 103 + 85, 237.0 / 425, 237.0 / 340, 85.0 / 322), (s.WetCells, s.Csi, s.Pod, s.Far));
        Assert.Equal(0.716012084592145, s.F1, 12);
        var nse = MapMetrics.CellNse(predicted, observed, shape);
        Assert.Equal(-2.7844659865868797, nse[0], 10);
        Assert.Equal(-1.3981538579746076, nse[3], 10);
        Assert.Equal(-2.9635592731181992, nse[79], 10);
    }

    [Fact]
    public void AllFunctions_TensorInputs_LiveCountBackToBaseline()
    {
        using var predicted = Maps(Predicted);
        using var observed = Maps(Observed);
        using var predicted64 = predicted.to(ScalarType.Float64);
        using var firstStep = predicted[0];
        var baseline = DisposeScopeManager.Statistics.ThreadTotalLiveCount;

        MapMetrics.Score(predicted64, observed, Threshold);
        MapMetrics.ScoreByLeadTime(predicted, observed, Threshold);
        MapMetrics.Contingency(predicted, observed, Threshold);
        MapMetrics.CellNse(predicted, observed).Dispose();
        Assert.Throws<ArgumentException>(() => MapMetrics.Score(predicted, firstStep, Threshold));

        Assert.Equal(baseline, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
    }
}
