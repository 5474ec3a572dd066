using HydroWorkshop.FloodData;
using HydroWorkshop.Models.Maps;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace HydroWorkshop.Models.Tests.Maps;

public sealed class CoarseRefinerTests
{
    // 16 x 16 cells; statics: bed, obstacle, breach; forcings: elapsed, inflow; one extra map: the coarse depth.
    private static readonly MapInputs Inputs = new(3, 2, 1, 16, 16);

    /// <summary>Scales: depth 3 m, bed N(0, 1), elapsed 1, inflow 50 m3/s, coarse depth 2 m.</summary>
    private static readonly MapScales Scales = new(3.0, 0.0, 1.0, [1.0, 50.0], [2.0], [1.0]);

    /// <summary>A small refiner; with <paramref name="trainedHead"/> its head gets random weights, as training gives it
    /// (a new refiner's head is zero: it returns the coarse run, and no input but the coarse frame t would matter).</summary>
    private static CoarseRefiner Small(long seed, bool trainedHead = true)
    {
        manual_seed(seed);
        var model = new CoarseRefiner(Inputs, width: 4, reachCells: 2);
        model.UseScales(Scales);
        if (trainedHead)
            using (NewDisposeScope())
            using (no_grad())
                foreach (var (_, p) in model.named_parameters().Where(p => p.name.StartsWith("head.", StringComparison.Ordinal)))
                    p.add_(randn_like(p) * 0.3);
        return model;
    }

    /// <summary>A coarse flood that grows from the top-left corner: frame t is wet (0.5 m, scaled by 2) in rows and
    /// columns below 2 + 2t; a solid block at rows 8-9, columns 8-9 (dry); a random bed. The observed depth is random
    /// (a model that read it would change when it does).</summary>
    private static MapBatch CoarseBatch(int frames)
    {
        var coarse = zeros([1, frames, 1, 16, 16]);
        for (var t = 0; t < frames; t++) coarse[0, t, 0, ..(2 + 2 * t), ..(2 + 2 * t)] = tensor(0.25f);
        var statics = zeros(1, 3, 16, 16);
        statics[0, 0] = randn(16, 16);
        statics[0, 2, 0, 0] = tensor(1f);
        var open = ones(1, 1, 16, 16);
        open[.., .., 8..10, 8..10] = tensor(0f);
        statics[0, 1, 8..10, 8..10] = tensor(1f);
        coarse[.., .., .., 8..10, 8..10] = tensor(0f);
        return new MapBatch(rand(1, frames, 16, 16), statics, zeros(1, frames, 2), coarse, open);
    }

    [Fact]
    public void UseScales_CoarseAndDepthScales_FactorBetweenThemKeptInTheCheckpoint()
    {
        manual_seed(1);
        using var model = new CoarseRefiner(Inputs, width: 4);
        Assert.Equal(0.0, model.CoarseToDepthFactor);
        model.UseScales(Scales);
        Assert.Equal(2.0 / 3.0, model.CoarseToDepthFactor, 5);
        Assert.Contains("coarseToDepth", model.state_dict().Keys);
        Assert.Contains("coarseGate", model.state_dict().Keys);          // an older refiner's checkpoint lacks it
    }

    [Fact]
    public void Rollout_RandomHead_EachFrameHoldsTheCoarseVolume()
    {
        using var model = Small(seed: 2);
        model.eval();
        using var scope = NewDisposeScope();
        using var batch = CoarseBatch(frames: 6);
        var predicted = model.Rollout(batch, warmupFrames: 1).Depth;                            // [1, 5, 16, 16], scaled depth
        Assert.Equal([1L, 5, 16, 16], predicted.shape);
        for (var t = 1; t < 6; t++)
        {
            var coarseMetres = batch.Extra![0, t, 0].sum().item<float>() * 2.0;                  // m summed over cells
            Assert.Equal(1.0, predicted[0, t - 1].sum().item<float>() * 3.0 / coarseMetres, 4);
        }
    }

    [Fact]
    public void Rollout_NewModel_ReturnsTheCoarseRun()
    {
        using var model = Small(seed: 10, trainedHead: false);
        model.eval();
        using var scope = NewDisposeScope();
        using var batch = CoarseBatch(frames: 5);
        var (predicted, logit) = model.Rollout(batch, warmupFrames: 1);                         // [1, 4, 16, 16], scaled depth
        var coarse = batch.Extra!.select(2, 0).narrow(1, 1, 4) * (2.0 / 3.0) * batch.Open;       // coarse m / 3 m
        Assert.True(predicted.allclose(coarse, rtol: 1e-5, atol: 1e-7));
        // Its wet/dry logit is the coarse frame's wet map: +3 wet, -3 dry.
        var expected = (batch.Extra!.select(2, 0).narrow(1, 1, 4) > 0).to(ScalarType.Float32) * 6 - 3;
        Assert.True(logit.allclose(expected, rtol: 0, atol: 1e-6));
    }

    [Theory]
    // The head's bias adds to the +3 the coarse wet cells start with.
    [InlineData(-33.0)]     // gate 1e-13: the network deletes all water, the frame is the coarse map itself
    [InlineData(-7.0)]      // gate 0.018: scaled up 4x it holds 7 % of the water, the coarse map's share adds the rest
    public void Rollout_GateNearlyClosed_VolumeRestoredFromTheCoarseFrame(double gateBias)
    {
        using var model = Small(seed: 8);
        using (no_grad())
        {
            var head = model.named_parameters().Where(p => p.name.StartsWith("head.", StringComparison.Ordinal)).ToArray();
            foreach (var (_, p) in head) p.zero_();
            head.Single(p => p.name == "head.bias").parameter[1] = tensor((float)gateBias);
        }
        model.eval();
        using var scope = NewDisposeScope();
        using var batch = CoarseBatch(frames: 4);
        var predicted = model.Rollout(batch, warmupFrames: 1).Depth;                            // [1, 3, 16, 16]
        var coarse = batch.Extra!.select(2, 0).narrow(1, 1, 3) * (2.0 / 3.0) * batch.Open;       // scaled depth
        for (var t = 0; t < 3; t++)
            Assert.Equal(1.0, predicted[0, t].sum().item<float>() / coarse[0, t].sum().item<float>(), 4);
        // With no change from the head the network's part has the coarse map's shape too: either way, the coarse map.
        Assert.True(predicted.allclose(coarse, rtol: 1e-4, atol: 1e-6));
    }

    [Fact]
    public void Rollout_LargeRandomWeights_NonNegativeDryInSolidCellsAndNearTheCoarseFlood()
    {
        using var model = Small(seed: 3);
        using (no_grad()) foreach (var p in model.parameters()) p.mul_(3.0);
        model.eval();
        using var scope = NewDisposeScope();
        using var batch = CoarseBatch(frames: 4);
        var predicted = model.Rollout(batch, warmupFrames: 1).Depth;
        Assert.True(predicted.min().item<float>() >= 0);
        Assert.Equal(0f, predicted[.., .., 8..10, 8..10].abs().max().item<float>());
        // Frame 1 (index 0): the coarse run is wet below 6 at frames 0-2, the reach is 2 cells: dry from 8 on.
        Assert.Equal(0f, predicted[0, 0, 8.., ..].abs().max().item<float>());
        Assert.Equal(0f, predicted[0, 0, .., 8..].abs().max().item<float>());
    }

    [Fact]
    public void Rollout_CoarseFrameChanged_OnlyItsNeighbouringFramesChange()
    {
        // Nothing is fed back: frame t reads coarse frames t - 1 to t + 1 only, and never the observed depth.
        using var model = Small(seed: 4);
        model.eval();
        using var scope = NewDisposeScope();
        using var batch = CoarseBatch(frames: 8);
        var changed = batch with { Extra = batch.Extra!.clone(), Depth = rand(1, 8, 16, 16) };
        changed.Extra![0, 4, 0, 0..3, 0..3] = tensor(0.9f);
        var before = model.Rollout(batch, 1).Depth;
        var after = model.Rollout(changed, 1).Depth;
        for (var t = 1; t < 8; t++)
        {
            var difference = (before[0, t - 1] - after[0, t - 1]).abs().max().item<float>();
            if (t is >= 3 and <= 5) Assert.True(difference > 0, $"frame {t} should see coarse frame 4");
            else Assert.Equal(0f, difference);
        }
    }

    [Fact]
    public void Rollout_LastCoarseFrameChangedWithWarmupTwo_OnlyTheLastTwoFramesChange()
    {
        // The last frame is its own successor; with 2 warm-up frames the first prediction is frame 2 (reading 1-3).
        using var model = Small(seed: 9);
        model.eval();
        using var scope = NewDisposeScope();
        using var batch = CoarseBatch(frames: 6);
        var changed = batch with { Extra = batch.Extra!.clone() };
        changed.Extra![0, 5, 0, 0..3, 0..3] = tensor(0.9f);
        var before = model.Rollout(batch, 2).Depth;                                             // frames 2-5
        var after = model.Rollout(changed, 2).Depth;
        Assert.Equal(4, before.size(1));
        for (var t = 2; t < 6; t++)
        {
            var difference = (before[0, t - 2] - after[0, t - 2]).abs().max().item<float>();
            if (t >= 4) Assert.True(difference > 0, $"frame {t} should see coarse frame 5");
            else Assert.Equal(0f, difference);
        }
    }

    [Fact]
    public void Rollout_Window_SameInnerFramesAsTheWholeEvent()
    {
        // Frames go through the network as one batch; a window of the event gives the same frames where it has both
        // neighbours: each frame depends on its own coarse neighbours only (whole-event training is still required, as the
        // last frame of a window would read itself).
        using var model = Small(seed: 5);
        model.eval();
        using var scope = NewDisposeScope();
        using var batch = CoarseBatch(frames: 8);
        var whole = model.Rollout(batch, 1).Depth;                                               // frames 1-7
        using var window = new MapBatch(batch.Depth.narrow(1, 2, 4), batch.Statics, batch.Forcing.narrow(1, 2, 4),
            batch.Extra!.narrow(1, 2, 4), batch.Open);
        var part = model.Rollout(window, 1).Depth;                                               // frames 3-5
        Assert.True(whole.narrow(1, 2, 2).allclose(part.narrow(1, 0, 2), rtol: 0, atol: 1e-6));
    }

    [Fact]
    public void Rollout_InsideDisposeScope_LeavesNoTensors()
    {
        using var model = Small(seed: 6);
        using var batch = CoarseBatch(frames: 4);
        RolloutMemory.AssertNoTensorOutlivesRollout(model, batch, warmupFrames: 1);
    }

    [Fact]
    public void Constructor_NoExtraMap_NamesTheCoarseSolverKey()
    {
        var error = Assert.Throws<ArgumentException>(() => new CoarseRefiner(new MapInputs(3, 2, 0, 16, 16)));
        Assert.Contains("coarse_solver", error.Message);
    }

    [Fact]
    public void Rollout_BatchWithoutTheCoarseMap_SaysWhatIsMissing()
    {
        using var model = Small(seed: 7);
        using var batch = CoarseBatch(frames: 3);
        var error = Assert.Throws<ArgumentException>(() => model.Rollout(batch with { Extra = null }, 1));
        Assert.Contains("the batch has 0", error.Message);
    }
}
