using HydroWorkshop.FloodData;
using HydroWorkshop.Models.Maps;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace HydroWorkshop.Models.Tests.Maps;

public sealed class FloodStepperTests
{
    // 16 x 16 cells of 100 m, frames every 1800 s; statics: bed, obstacle, breach; forcings: elapsed, inflow.
    private const double FrameSeconds = 1800, CellArea = 1e4;
    private static readonly MapInputs Inputs = new(3, 2, 0, 16, 16);

    private static FloodStepper Small(long seed)
    {
        manual_seed(seed);
        return new FloodStepper(Inputs, breachStatic: 2, inflowForcing: 1, FrameSeconds, CellArea, width: 4);
    }

    /// <summary>Scales: depth 3 m, bed N(0, 1), elapsed 1, inflow 50 m3/s.</summary>
    private static readonly MapScales Scales = new(3.0, 0.0, 1.0, [1.0, 50.0], [], [1.0]);

    /// <summary>One wet cell (0.01 m) at the breach (row 0, column 5); inflow 50 m3/s rising to 80 (scaled by 50);
    /// a solid block at rows 8-9, columns 8-9; a random bed.</summary>
    private static MapBatch BreachBatch(int frames)
    {
        var depth = zeros(1, frames, 16, 16);
        depth[0, 0, 0, 5] = tensor(0.01f / 3f);
        var statics = zeros(1, 3, 16, 16);
        statics[0, 0] = randn(16, 16);
        statics[0, 2, 0, 5] = tensor(1f);
        var forcing = zeros(1, frames, 2);
        for (var t = 0; t < frames; t++)
        {
            forcing[0, t, 0] = tensor((float)t / (frames - 1));
            forcing[0, t, 1] = tensor((50f + 30f * t / (frames - 1)) / 50f);
        }
        var open = ones(1, 1, 16, 16);
        open[.., .., 8..10, 8..10] = tensor(0f);
        statics[0, 1, 8..10, 8..10] = tensor(1f);
        return new MapBatch(depth, statics, forcing, null, open);
    }

    [Fact]
    public void UseScales_DikeBreachUnits_InflowDepthFactorFromPhysics()
    {
        using var model = Small(seed: 1);
        Assert.Equal(0.0, model.InflowDepthFactor);
        model.UseScales(Scales);
        // 50 m3/s for 1800 s over 100 m x 100 m is 9 m of water: 3 scaled depth units.
        Assert.Equal(50.0 * 1800 / (1e4 * 3.0), model.InflowDepthFactor, 5);
        // Buffers, so a saved run conserves volume when loaded without its scales.
        Assert.Contains("inflowDepth", model.state_dict().Keys);
        Assert.Contains("depthToBed", model.state_dict().Keys);
    }

    [Fact]
    public void Rollout_UntrainedModel_VolumeGrowsByTheInflowEachStep()
    {
        using var model = Small(seed: 3);
        model.UseScales(Scales);
        model.eval();
        using var scope = NewDisposeScope();
        using var batch = BreachBatch(frames: 6);
        var predicted = model.Rollout(batch, warmupFrames: 1).Depth;                       // [1, 5, 16, 16], scaled
        Assert.Equal([1L, 5, 16, 16], predicted.shape);
        var volume = 0.01 * CellArea;                                                      // m3 at t = 0
        for (var t = 0; t < 5; t++)
        {
            // trapezoid of the inflow between frames t and t + 1 (m3/s) times the interval
            var q0 = 50.0 + 30.0 * t / 5;
            var q1 = 50.0 + 30.0 * (t + 1) / 5;
            volume += 0.5 * (q0 + q1) * FrameSeconds;
            var predictedVolume = predicted[0, t].sum().item<float>() * 3.0 * CellArea;
            Assert.Equal(1.0, predictedVolume / volume, 3);
        }
    }

    [Fact]
    public void Rollout_LargeRandomWeights_NonNegativeAndDryInSolidCells()
    {
        using var model = Small(seed: 4);
        model.UseScales(Scales);
        using (no_grad()) foreach (var p in model.parameters()) p.mul_(3.0);
        model.eval();
        using var scope = NewDisposeScope();
        using var batch = BreachBatch(frames: 5);
        var predicted = model.Rollout(batch, warmupFrames: 1).Depth;
        Assert.True(predicted.min().item<float>() >= 0);
        Assert.Equal(0f, predicted[.., .., 8..10, 8..10].abs().max().item<float>());
    }

    [Fact]
    public void Rollout_BreachElsewhere_WaterAppearsAtTheNewBreach()
    {
        // Nothing ties the flood to a place: the same model floods around whichever cell the breach map marks.
        using var model = Small(seed: 5);
        model.UseScales(Scales);
        model.eval();
        using var scope = NewDisposeScope();
        using var batch = BreachBatch(frames: 3);
        var moved = batch with { Statics = batch.Statics.clone(), Depth = batch.Depth.clone() };
        moved.Statics[0, 2] = zeros(16, 16);
        moved.Statics[0, 2, 15, 10] = tensor(1f);
        moved.Depth[0, 0] = zeros(16, 16);
        moved.Depth[0, 0, 15, 10] = tensor(0.01f / 3f);
        var here = model.Rollout(batch, 1).Depth[0, 1];
        var there = model.Rollout(moved, 1).Depth[0, 1];
        Assert.True(here[0..4, 2..9].sum().item<float>() > 0.9 * here.sum().item<float>());
        Assert.True(there[12..16, 7..14].sum().item<float>() > 0.9 * there.sum().item<float>());
    }

    [Fact]
    public void Rollout_InsideDisposeScope_LeavesNoTensors()
    {
        using var model = Small(seed: 6);
        model.UseScales(Scales);
        using var batch = BreachBatch(frames: 4);
        RolloutMemory.AssertNoTensorOutlivesRollout(model, batch, warmupFrames: 1);
    }

    [Fact]
    public void Constructor_GridNotDivisibleByFour_NamesTheGrid()
    {
        var error = Assert.Throws<ArgumentException>(() => new FloodStepper(new MapInputs(3, 2, 0, 18, 16), 2, 1, FrameSeconds, CellArea));
        Assert.Contains("18 x 16", error.Message);
    }
}
