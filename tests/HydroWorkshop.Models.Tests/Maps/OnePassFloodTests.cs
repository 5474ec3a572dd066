using HydroWorkshop.FloodData;
using HydroWorkshop.Models.Maps;
using HydroWorkshop.Physics;
using Xunit;
using static TorchSharp.torch;

namespace HydroWorkshop.Models.Tests.Maps;

public sealed class OnePassFloodTests
{
    // 32 x 32 cells; statics: bed, obstacle, breach; forcings: elapsed, inflow.
    private static readonly MapInputs Inputs = new(3, 2, 0, 32, 32);

    /// <summary>Scales: depth 2 m, bed N(0, 1) m, elapsed 1, inflow 100 m3/s.</summary>
    private static readonly MapScales Scales = new(2.0, 0.0, 1.0, [1.0, 100.0], []);

    private const double FrameSeconds = 1800, CellArea = 10_000;

    /// <param name="coarse">With a coarse run: one extra map, the coarse depth in units of 3 m.</param>
    private static OnePassFlood Small(long seed, int frames, bool trainedHead = true, bool coarse = false)
    {
        manual_seed(seed);
        var model = new OnePassFlood(coarse ? Inputs with { Extra = 1 } : Inputs, breachStatic: 2, inflowForcing: 1, FrameSeconds,
            CellArea, frames, width: 4, keyframeEvery: 2);
        model.UseScales(coarse ? Scales with { Extra = [3.0] } : Scales);
        if (trainedHead)
            using (NewDisposeScope())
            using (no_grad())
                foreach (var (_, p) in model.named_parameters().Where(p => p.name.StartsWith("head.", StringComparison.Ordinal)))
                    p.add_(randn_like(p) * 0.3);
        return model;
    }

    /// <summary>A tilted bed (rising with the column) with a solid block at rows 10-11, columns 10-11; the breach at row 5,
    /// column 0, wet (1 cm) at t = 0; a constant inflow of 20 m3/s (0.2 scaled).</summary>
    private static MapBatch Breach(int frames)
    {
        // Its temporaries are freed here: left to the finalizer they would change the live-tensor count of a later
        // memory test while it measures.
        using var scope = NewDisposeScope();
        var statics = zeros(3, 32, 32);
        statics[0] = arange(32, dtype: ScalarType.Float32).expand(32, 32) * 0.1f;
        statics[1, 10..12, 10..12] = tensor(1f);
        statics[2, 5, 0] = tensor(1f);
        var open = ones(1, 1, 32, 32);
        open[.., .., 10..12, 10..12] = tensor(0f);
        var depth = zeros(1, frames, 32, 32);
        depth[0, 0, 5, 0] = tensor(0.005f);
        var forcing = zeros(1, frames, 2);
        forcing[.., .., 1] = tensor(0.2f);
        return new MapBatch(depth.MoveToOuterDisposeScope(), statics.unsqueeze(0).MoveToOuterDisposeScope(),
            forcing.MoveToOuterDisposeScope(), null, open.MoveToOuterDisposeScope());
    }

    /// <summary>Volume (scaled depth summed over cells) at frame t of <see cref="Breach"/>: the initial 0.005 plus 20 m3/s
    /// for t frames of 1800 s over cells of 1 ha, in depth units of 2 m: 1.8 per frame.</summary>
    private static double VolumeAt(int t) => 0.005 + 1.8 * t;

    [Fact]
    public void KeyframesOf_FramesAndSpacing_FirstEveryKthAndLast()
    {
        Assert.Equal([0, 4, 8, 12, 16, 20, 24, 28, 32, 36, 40, 44, 48, 52, 56, 60, 64, 68, 72, 76, 80, 84, 88, 92, 96],
            OnePassFlood.KeyframesOf(97, 4));
        Assert.Equal([0, 4, 5], OnePassFlood.KeyframesOf(6, 4));
        Assert.Equal([0, 1], OnePassFlood.KeyframesOf(2, 4));
    }

    [Fact]
    public void InterpolationWeights_SixFrames_LinearBetweenKeyframes()
    {
        var weights = OnePassFlood.InterpolationWeights(6, [0, 4, 5]);
        Assert.Equal(1f, weights[0, 0]);
        Assert.Equal(0.75f, weights[1, 0]);
        Assert.Equal(0.25f, weights[1, 1]);
        Assert.Equal(1f, weights[4, 1]);
        Assert.Equal(1f, weights[5, 2]);
        for (var t = 0; t < 6; t++) Assert.Equal(1f, weights[t, 0] + weights[t, 1] + weights[t, 2], 6);
    }

    [Fact]
    public void Rollout_NewModel_KeyframesAreTheFillAndSpillMaps()
    {
        using var model = Small(seed: 2, frames: 7, trainedHead: false);
        model.eval();
        using var scope = NewDisposeScope();
        using var batch = Breach(frames: 7);
        var predicted = model.Rollout(batch, warmupFrames: 1).Depth;                            // [1, 6, 32, 32], scaled
        Assert.Equal([1L, 6, 32, 32], predicted.shape);
        var bed = batch.Statics[0, 0].data<float>().ToArray();
        var open = batch.Open.flatten().data<float>().ToArray().Select(v => v > 0).ToArray();
        var fill = new FillAndSpill(bed, open, 32, 32, source: 5 * 32);
        foreach (var t in new[] { 2, 4, 6 })
        {
            // Bed in m (scale 1), depth scale 2 m: the volume in m summed over cells is twice the scaled one.
            var metres = new float[32 * 32];
            fill.Depth(VolumeAt(t) * 2, metres);
            var expected = tensor(metres, [32, 32]) / 2;
            Assert.True(predicted[0, t - 1].allclose(expected, rtol: 1e-4, atol: 1e-6), $"frame {t}");
        }
    }

    [Fact]
    public void Rollout_RandomHead_EachFrameHoldsTheInitialVolumePlusTheInflow()
    {
        using var model = Small(seed: 3, frames: 9);
        model.eval();
        using var scope = NewDisposeScope();
        using var batch = Breach(frames: 9);
        var predicted = model.Rollout(batch, warmupFrames: 1).Depth;
        for (var t = 1; t < 9; t++)
            Assert.True(Math.Abs(predicted[0, t - 1].sum().item<float>() / VolumeAt(t) - 1) < 1e-4,
                $"frame {t}: {predicted[0, t - 1].sum().item<float>()} against {VolumeAt(t)}");
    }

    [Fact]
    public void Rollout_WarmupThree_FramesHoldTheWaterOfFrameTwoPlusTheInflowSince()
    {
        using var model = Small(seed: 9, frames: 9);
        model.eval();
        using var scope = NewDisposeScope();
        using var batch = Breach(frames: 9);
        batch.Depth[0, 2, 5, 0] = tensor(0.5f);                                  // frame 2 holds 0.5, not the 0.005 of frame 0
        var predicted = model.Rollout(batch, warmupFrames: 3).Depth;            // frames 3-8
        Assert.Equal([1L, 6, 32, 32], predicted.shape);
        for (var t = 3; t < 9; t++)
            Assert.Equal(1.0, predicted[0, t - 3].sum().item<float>() / (0.5 + 1.8 * (t - 2)), 4);
    }

    [Fact]
    public void Rollout_TwoEventsInOneBatch_EachAsAlone()
    {
        // The fill-and-spill maps are made per event on the CPU: the second event's breach, terrain and volume are its own.
        using var model = Small(seed: 10, frames: 5);
        model.eval();
        using var scope = NewDisposeScope();
        using var first = Breach(frames: 5);
        using var mirrored = new MapBatch(first.Depth.flip(-1), first.Statics.flip(-1), first.Forcing * 1.5, null, first.Open.flip(-1));
        using var both = new MapBatch(cat([first.Depth, mirrored.Depth]), cat([first.Statics, mirrored.Statics]),
            cat([first.Forcing, mirrored.Forcing]), null, cat([first.Open, mirrored.Open]));
        var together = model.Rollout(both, warmupFrames: 1).Depth;
        Assert.True(together[0].allclose(model.Rollout(first, warmupFrames: 1).Depth[0], rtol: 1e-4, atol: 1e-6));
        Assert.True(together[1].allclose(model.Rollout(mirrored, warmupFrames: 1).Depth[0], rtol: 1e-4, atol: 1e-6));
    }

    [Fact]
    public void Rollout_NoBreachCell_ThrowsNamingTheBreachMap()
    {
        using var model = Small(seed: 11, frames: 5);
        using var scope = NewDisposeScope();
        using var batch = Breach(frames: 5);
        batch.Statics[0, 2] = zeros(32, 32);
        var error = Assert.Throws<ArgumentException>(() => model.Rollout(batch, warmupFrames: 1));
        Assert.Contains("no breach cell", error.Message);
        Assert.Contains("static 2", error.Message);
    }

    [Fact]
    public void Rollout_LargeRandomWeights_NonNegativeAndDryInSolidCells()
    {
        using var model = Small(seed: 4, frames: 5);
        using (no_grad()) foreach (var p in model.parameters()) p.mul_(3.0);
        model.eval();
        using var scope = NewDisposeScope();
        using var batch = Breach(frames: 5);
        var predicted = model.Rollout(batch, warmupFrames: 1).Depth;
        Assert.True(predicted.min().item<float>() >= 0);
        Assert.Equal(0f, predicted[.., .., 10..12, 10..12].abs().max().item<float>());
    }

    [Fact]
    public void Rollout_BreachMoved_FloodMovesWithIt()
    {
        // Nothing ties the flood to a place: with the breach (and the terrain) on the other side, so is the water.
        using var model = Small(seed: 5, frames: 5);
        model.eval();
        using var scope = NewDisposeScope();
        using var left = Breach(frames: 5);
        // The same terrain and breach mirrored left to right: the breach at column 31, the bed falling towards it.
        using var right = new MapBatch(left.Depth.flip(-1), left.Statics.flip(-1), left.Forcing.clone(), null, left.Open.flip(-1));
        double CentreColumn(MapBatch batch)
        {
            var depth = model.Rollout(batch, warmupFrames: 1).Depth[0, -1];                    // [32, 32]
            var columns = arange(32, dtype: ScalarType.Float32);
            return (depth * columns).sum().item<float>() / depth.sum().item<float>();
        }
        Assert.True(CentreColumn(left) < 16);
        Assert.True(CentreColumn(right) > 16);
    }

    [Fact]
    public void Rollout_OtherFrameCount_ThrowsNamingBoth()
    {
        using var model = Small(seed: 6, frames: 9);
        using var batch = Breach(frames: 7);
        var error = Assert.Throws<ArgumentException>(() => model.Rollout(batch, warmupFrames: 1));
        Assert.Contains("9 frames", error.Message);
        Assert.Contains("has 7", error.Message);
    }

    [Fact]
    public void Constructor_GridNotDivisibleBy16_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            new OnePassFlood(Inputs with { Rows = 24 }, 2, 1, FrameSeconds, CellArea, frames: 5));
        Assert.Contains("divisible by 16", error.Message);
    }

    [Fact]
    public void UseScales_DepthAndInflowScales_FactorKeptInTheCheckpoint()
    {
        using var model = Small(seed: 7, frames: 5);
        Assert.Equal(100.0 * 1800 / (10_000 * 2.0), model.InflowDepthFactor, 4);         // 9: 1.8 per frame at 0.2
        Assert.Contains("inflowDepth", model.state_dict().Keys);
        Assert.Contains("depthToBed", model.state_dict().Keys);
    }

    [Fact]
    public void Rollout_TrainingWithBackward_NoTensorOutlivesIt()
    {
        using var model = Small(seed: 8, frames: 5);
        model.train();
        using var batch = Breach(frames: 5);
        RolloutMemory.AssertNoTensorOutlivesRollout(model, batch, warmupFrames: 1);
    }

    /// <summary><see cref="Breach"/> with a coarse run as its extra map [1, time, 1, y, x]: at frame t the volume of
    /// <see cref="VolumeAt"/> spread evenly over rows 2-7 and columns 0 to 3 + 2t (a front moving every frame, not only
    /// at keyframes), in units of 3 m.</summary>
    private static MapBatch BreachWithCoarseRun(int frames)
    {
        var batch = Breach(frames);
        using var scope = NewDisposeScope();
        var coarse = zeros([1, frames, 1, 32, 32]);
        for (var t = 0; t < frames; t++)
        {
            var columns = Math.Min(32, 4 + 2 * t);
            coarse[0, t, 0, 2..8, ..columns] = tensor((float)(VolumeAt(t) / (6 * columns) * 2.0 / 3.0));
        }
        return batch with { Extra = coarse.MoveToOuterDisposeScope() };
    }

    [Fact]
    public void Rollout_NewCoarseModel_EveryFrameIsTheCoarseRun()
    {
        using var model = Small(seed: 12, frames: 7, trainedHead: false, coarse: true);
        model.eval();
        using var scope = NewDisposeScope();
        using var batch = BreachWithCoarseRun(frames: 7);
        var predicted = model.Rollout(batch, warmupFrames: 1).Depth;                            // [1, 6, 32, 32], scaled
        var coarse = batch.Extra!.select(2, 0) * 1.5;                                           // 3 m / 2 m: scaled depth
        for (var t = 1; t < 7; t++)
            Assert.True(predicted[0, t - 1].allclose(coarse[0, t], rtol: 1e-4, atol: 1e-6), $"frame {t}");
    }

    [Fact]
    public void Rollout_CoarseModelRandomHead_EachFrameHoldsTheInitialVolumePlusTheInflow()
    {
        using var model = Small(seed: 13, frames: 9, coarse: true);
        model.eval();
        using var scope = NewDisposeScope();
        using var batch = BreachWithCoarseRun(frames: 9);
        var predicted = model.Rollout(batch, warmupFrames: 1).Depth;
        Assert.True(predicted.min().item<float>() >= 0);
        for (var t = 1; t < 9; t++)
            Assert.True(Math.Abs(predicted[0, t - 1].sum().item<float>() / VolumeAt(t) - 1) < 1e-4,
                $"frame {t}: {predicted[0, t - 1].sum().item<float>()} against {VolumeAt(t)}");
    }

    [Fact]
    public void Rollout_CoarseModelWithoutExtraMap_ThrowsNamingTheCoarseDepth()
    {
        using var model = Small(seed: 14, frames: 5, coarse: true);
        using var batch = Breach(frames: 5);
        var error = Assert.Throws<ArgumentException>(() => model.Rollout(batch, warmupFrames: 1));
        Assert.Contains("coarse depth", error.Message);
        Assert.Contains("has 0", error.Message);
    }

    [Fact]
    public void UseScales_CoarseRun_FactorInItsCheckpointOnly()
    {
        using var coarse = Small(seed: 15, frames: 5, coarse: true);
        using var plain = Small(seed: 15, frames: 5);
        Assert.True(coarse.Coarse);
        Assert.False(plain.Coarse);
        Assert.Equal(1.5f, coarse.state_dict()["coarseToDepth"].item<float>(), 6);
        // The plain model's checkpoint keeps the entries it had before the coarse variant.
        Assert.DoesNotContain("coarseToDepth", plain.state_dict().Keys);
    }

    [Fact]
    public void Rollout_CoarseModelTrainingWithBackward_NoTensorOutlivesIt()
    {
        using var model = Small(seed: 16, frames: 5, coarse: true);
        model.train();
        using var batch = BreachWithCoarseRun(frames: 5);
        RolloutMemory.AssertNoTensorOutlivesRollout(model, batch, warmupFrames: 1);
    }
}
