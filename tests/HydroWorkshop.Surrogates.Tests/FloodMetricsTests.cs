using Xunit;

namespace HydroWorkshop.Surrogates.Tests;

/// <summary>
/// Flood metrics on a front moving one cell per frame along a 1 x 5 strip, 4 frames 0.5 h apart, depth 1 m where wet:
/// <code>
///   reference  frame t: cells 0..t wet      → arrival 0 1 2 3 never
///   predicted  frame t: cells 0..t−1 wet    → arrival 1 2 3 never never   (one frame late)
/// </code>
/// Flooded in both: cells 0, 1, 2, each one frame (0.5 h) late → arrival error 0.5 h; cell 3 floods in the reference
/// only → one-only 1/4. Each frame one cell is wrong by 1 m: MAE 4/20 = 0.2 m, RMSE √0.2; wet cell-times (the union)
/// 1 + 2 + 3 + 4 = 10 → wet MAE 0.4 m, wet RMSE √0.4; H = 0 + 1 + 2 + 3 = 6, M = 4, F = 0 → CSI 0.6 at both thresholds.
/// Volumes (cells x 1 m) reference 1 2 3 4, predicted 0 1 2 3 → relative errors −1, −1/2, −1/3, −1/4.
/// </summary>
public sealed class FloodMetricsTests
{
    private static readonly int[] Shape = [4, 1, 5];
    private const double FrameHours = 0.5;

    private static float[] Front(int lag)
    {
        var depth = new float[20];
        for (var t = 0; t < 4; t++)
            for (var x = 0; x <= t - lag; x++) depth[t * 5 + x] = 1f;
        return depth;
    }

    private static readonly float[] Reference = Front(0);
    private static readonly float[] Late = Front(1);

    [Fact]
    public void ArrivalFrames_Front_FirstWetFrameOrMinusOne()
    {
        Assert.Equal([0, 1, 2, 3, -1], FloodMetrics.ArrivalFrames(Reference, Shape));
        Assert.Equal([1, 2, 3, -1, -1], FloodMetrics.ArrivalFrames(Late, Shape));
    }

    [Fact]
    public void ArrivalTimeError_FrontOneFrameLate_IsOneFrameInHours()
    {
        Assert.Equal(0.5, FloodMetrics.ArrivalTimeError(Late, Reference, Shape, FrameHours), 12);
        Assert.Equal(0.5, FloodMetrics.ArrivalTimeError(Reference, Late, Shape, FrameHours), 12);      // symmetric
        Assert.Equal(0.0, FloodMetrics.ArrivalTimeError(Reference, Reference, Shape, FrameHours));
    }

    [Fact]
    public void FloodedInOneOnly_FrontOneFrameLate_OneOfFourFloodedCells()
    {
        Assert.Equal(0.25, FloodMetrics.FloodedInOneOnly(Late, Reference, Shape), 12);
        Assert.Equal(0.0, FloodMetrics.FloodedInOneOnly(Reference, Reference, Shape));
    }

    [Fact]
    public void ArrivalTimeError_DisjointFloods_NaNAndAllFloodedInOneOnly()
    {
        var left = new float[20];
        var right = new float[20];
        left[0] = 1f;                                                  // cell 0 at frame 0
        right[19] = 1f;                                                // cell 4 at frame 3
        Assert.True(double.IsNaN(FloodMetrics.ArrivalTimeError(left, right, Shape, FrameHours)));
        Assert.Equal(1.0, FloodMetrics.FloodedInOneOnly(left, right, Shape));
    }

    [Fact]
    public void ArrivalFrames_DepthAtThreshold_IsNotArrival()
    {
        float[] depth = [0.05f, 0.3f, 0.05f, 0.31f];                   // [2, 1, 2]
        Assert.Equal([-1, 0], FloodMetrics.ArrivalFrames(depth, [2, 1, 2]));
        Assert.Equal([-1, 1], FloodMetrics.ArrivalFrames(depth, [2, 1, 2], FloodMetrics.DeepThreshold));
    }

    [Fact]
    public void RelativeVolumeError_Front_PerFrameLastAndLargest()
    {
        var errors = FloodMetrics.RelativeVolumeError(Late, Reference, Shape);
        Assert.Equal([-1, -0.5, -1.0 / 3, -0.25], errors, (a, b) => Math.Abs(a - b) < 1e-12);
        Assert.Equal(-0.25, FloodMetrics.VolumeErrorLast(Late, Reference, Shape), 12);
        Assert.Equal(1.0, FloodMetrics.VolumeErrorLargest(Late, Reference, Shape), 12);
        Assert.Equal(1.0 / 3, FloodMetrics.VolumeErrorLast(Reference, Late, Shape), 12);    // 4 vs 3: too much water, > 0
    }

    [Fact]
    public void ErrorsAndCsi_Front_HandValues()
    {
        Assert.Equal(0.2, FloodMetrics.Mae(Late, Reference, Shape), 12);
        Assert.Equal(Math.Sqrt(0.2), FloodMetrics.Rmse(Late, Reference, Shape), 12);
        Assert.Equal(0.4, FloodMetrics.WetMae(Late, Reference, Shape), 12);
        Assert.Equal(Math.Sqrt(0.4), FloodMetrics.WetRmse(Late, Reference, Shape), 12);
        Assert.Equal(0.6, FloodMetrics.Csi(Late, Reference, Shape, FloodMetrics.WetThreshold), 12);
        Assert.Equal(0.6, FloodMetrics.Csi(Late, Reference, Shape, FloodMetrics.DeepThreshold), 12);
        Assert.Equal([0.2, 0.2, 0.2, 0.2], FloodMetrics.MaeOverTime(Late, Reference, Shape), (a, b) => Math.Abs(a - b) < 1e-12);
    }

    [Fact]
    public void Csi_ShallowWater_CountsAtTheLowThresholdOnly()
    {
        // 0.2 m everywhere in both: wet at 5 cm (CSI 1), nothing deeper than 30 cm (CSI undefined).
        var shallow = Enumerable.Repeat(0.2f, 20).ToArray();
        var s = FloodMetrics.Score("shallow", shallow, shallow, Shape, FrameHours);
        Assert.Equal(1.0, s.Csi);
        Assert.True(double.IsNaN(s.DeepCsi));
    }

    [Fact]
    public void Score_Front_EqualsTheSingleFunctions()
    {
        var s = FloodMetrics.Score("front", Late, Reference, Shape, FrameHours);
        Assert.Equal("front", s.Event);
        Assert.Equal(0.2, s.Mae, 12);
        Assert.Equal(Math.Sqrt(0.2), s.Rmse, 12);
        Assert.Equal(0.4, s.WetMae, 12);
        Assert.Equal(Math.Sqrt(0.4), s.WetRmse, 12);
        Assert.Equal(0.6, s.Csi, 12);
        Assert.Equal(0.6, s.DeepCsi, 12);
        Assert.Equal(0.5, s.ArrivalTimeError, 12);
        Assert.Equal(0.25, s.FloodedInOneOnly, 12);
        Assert.Equal(-0.25, s.VolumeErrorLast, 12);
        Assert.Equal(1.0, s.VolumeErrorLargest, 12);
        Assert.Equal(4, s.MaeOverTime.Count);
        // The same tallies as MapMetrics at 5 cm.
        var map = MapMetrics.Score(Late, Reference, Shape, FloodMetrics.WetThreshold);
        Assert.Equal((map.Mae, map.Rmse, map.WetMae, map.WetRmse, map.Csi), (s.Mae, s.Rmse, s.WetMae, s.WetRmse, s.Csi));
    }

    [Fact]
    public void Score_AllDry_ErrorsZeroOtherScoresNaN()
    {
        var dry = new float[20];
        var s = FloodMetrics.Score("dry", dry, dry, Shape, FrameHours);
        Assert.Equal((0.0, 0.0), (s.Mae, s.Rmse));
        Assert.All(new[] { s.WetMae, s.WetRmse, s.Csi, s.DeepCsi, s.ArrivalTimeError, s.FloodedInOneOnly, s.VolumeErrorLast,
            s.VolumeErrorLargest },
            v => Assert.True(double.IsNaN(v)));
    }

    [Fact]
    public void Score_NaNPrediction_EveryScoreNaN()
    {
        var bad = (float[])Late.Clone();
        bad[7] = float.NaN;
        var s = FloodMetrics.Score("bad", bad, Reference, Shape, FrameHours);
        Assert.All(new[] { s.Mae, s.Rmse, s.WetMae, s.WetRmse, s.Csi, s.DeepCsi, s.ArrivalTimeError, s.FloodedInOneOnly, s.VolumeErrorLast,
            s.VolumeErrorLargest },
            v => Assert.True(double.IsNaN(v)));
    }

    [Fact]
    public void ArrivalAndVolume_NaNReference_CellTimeLeftOut()
    {
        // Reference no-data at cell 3, frame 3 (its only wet frame): the late prediction is dry there anyway, so cell 3
        // floods in neither map now; the volume at frame 3 is summed over cells 0..2 and 4: 3 against 3.
        var reference = (float[])Reference.Clone();
        reference[18] = float.NaN;
        Assert.Equal(0.0, FloodMetrics.FloodedInOneOnly(Late, reference, Shape));
        Assert.Equal(0.0, FloodMetrics.VolumeErrorLast(Late, reference, Shape), 12);
        // A prediction wet only where the reference has no data marks no arrival.
        var predicted = (float[])reference.Clone();
        predicted[18] = 5f;
        Assert.Equal(0.0, FloodMetrics.FloodedInOneOnly(predicted, reference, Shape));
    }

    [Fact]
    public void ArrivalTimeError_BadFrameHours_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => FloodMetrics.ArrivalTimeError(Late, Reference, Shape, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => FloodMetrics.ArrivalTimeError(Late, Reference, Shape, double.NaN));
    }

    [Fact]
    public void Score_ShapeMismatch_Throws() =>
        Assert.Throws<ArgumentException>(() => FloodMetrics.Score("x", Late, Reference, [4, 1, 4], FrameHours));
}
