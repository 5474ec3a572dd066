using HydroWorkshop.FloodData;
using HydroWorkshop.Models.Maps;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace HydroWorkshop.Models.Tests.Maps;

public sealed class ConvLstmForecasterTests
{
    /// <summary>A batch on a 16 x 24 grid with a solid block at rows 4-7, columns 8-11, and random (even negative) depths.</summary>
    /// <summary>A small forecaster on a 16 x 24 grid (2 statics, 1 forcing), its weights seeded.</summary>
    private static ConvLstmForecaster Small(long seed)
    {
        manual_seed(seed);
        return new ConvLstmForecaster(new MapInputs(2, 1, 0, 16, 24), features: 4, hiddenChannels: 6);
    }

    internal static MapBatch RandomBatch(int batch, int frames, int extra = 0)
    {
        var open = ones(batch, 1, 16, 24);
        open[.., .., 4..8, 8..12] = tensor(0f);
        return new MapBatch(randn(batch, frames, 16, 24), randn(batch, 2, 16, 24), rand(batch, frames, 1),
            extra > 0 ? randn([batch, frames, extra, 16, 24]) : null, open);
    }

    [Fact]
    public void Rollout_PartlyObservedBatch_PredictsButRefusesTeacherForcing()
    {
        using var model = Small(seed: 2);
        using var scope = NewDisposeScope();
        using var full = RandomBatch(1, 8);
        var partial = full with { Depth = full.Depth.narrow(1, 0, 2) };          // shares the other tensors; the scope frees its depth
        model.eval();
        Assert.Equal(0f, (model.Rollout(full, 2).Depth - model.Rollout(partial, 2).Depth).abs().max().item<float>());
        var e = Assert.Throws<ArgumentException>(() => model.Rollout(partial, 2, teacherForcing: 0.5));
        Assert.Contains("teacher forcing", e.Message);
        Assert.Throws<ArgumentException>(() => model.Rollout(partial, 3));
    }

    [Fact]
    public void Rollout_RandomWeights_NonNegativeAndDryInSolidCells()
    {
        using var model = Small(seed: 1);
        using var scope = NewDisposeScope();
        using var batch = RandomBatch(2, 10);
        // Large head weights so that the predicted changes are large and negative somewhere.
        using (no_grad()) foreach (var p in model.parameters()) p.mul_(5.0);
        model.eval();                                                    // training leaks below zero (DepthOutput)
        var predicted = model.Rollout(batch, warmupFrames: 3).Depth;
        Assert.Equal([2L, 7, 16, 24], predicted.shape);
        Assert.True(predicted.min().item<float>() >= 0);
        Assert.Equal(0f, predicted[.., .., 4..8, 8..12].abs().max().item<float>());
        Assert.True(predicted.max().item<float>() > 0);
    }

    [Fact]
    public void Rollout_FullTeacherForcing_DependsOnObservedFrames()
    {
        using var model = Small(seed: 2);
        using var scope = NewDisposeScope();
        using var batch = RandomBatch(1, 8);
        var free = model.Rollout(batch, 2, teacherForcing: 0).Depth;
        var forced = model.Rollout(batch, 2, teacherForcing: 1).Depth;
        // Step 1 of the roll-out reads the observed frame 2 only when forced.
        Assert.Equal(0f, (free.select(1, 0) - forced.select(1, 0)).abs().max().item<float>());
        Assert.True((free.select(1, 1) - forced.select(1, 1)).abs().max().item<float>() > 0);
    }

    [Fact]
    public void Rollout_ExtraChannel_IsAccepted()
    {
        using var model = new ConvLstmForecaster(new MapInputs(2, 1, 1, 16, 24), features: 4, hiddenChannels: 4);
        using var scope = NewDisposeScope();
        using var batch = RandomBatch(1, 5, extra: 1);
        Assert.Equal([1L, 3, 16, 24], model.Rollout(batch, 2).Depth.shape);
    }

    [Fact]
    public void Constructor_GridNotMultipleOfFour_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => new ConvLstmForecaster(new MapInputs(2, 1, 0, 18, 24)));
        Assert.Contains("18 x 24", error.Message);
    }

    [Fact]
    public void Rollout_TrainingSteps_LiveTensorCountReturnsToBaseline()
    {
        using var model = new ConvLstmForecaster(new MapInputs(2, 1, 0, 16, 24), features: 4, hiddenChannels: 4, peephole: true);
        using var batch = RandomBatch(1, 6);
        void Step()
        {
            using var scope = NewDisposeScope();
            model.Rollout(batch, 2, teacherForcing: 0.5, new Random(1)).Depth.sum().backward();
            model.zero_grad();
        }
        Step();
        var baseline = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        for (var i = 0; i < 5; i++) Step();
        Assert.Equal(baseline, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
    }
}
