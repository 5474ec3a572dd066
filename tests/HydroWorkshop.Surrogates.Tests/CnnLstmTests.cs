using HydroWorkshop.Torch;
using Xunit;
using static HydroWorkshop.Torch.torch;

namespace HydroWorkshop.Surrogates.Tests;

public sealed class CnnLstmTests
{
    [Fact]
    public void Rollout_RandomWeights_ShapeNonNegativeAndDryInSolidCells()
    {
        manual_seed(3);
        using var model = new CnnLstm(new MapInputs(2, 1, 0, 16, 24), warmupFrames: 3, features: 4, latent: 8, hiddenSize: 8);
        using var scope = NewDisposeScope();
        using var batch = ConvLstmForecasterTests.RandomBatch(2, 9);
        using (no_grad()) foreach (var p in model.parameters()) p.mul_(5.0);
        model.eval();                                                    // training leaks below zero (DepthOutput)
        var predicted = model.Rollout(batch, 3).Depth;
        Assert.Equal([2L, 6, 16, 24], predicted.shape);
        Assert.True(predicted.min().item<float>() >= 0);
        Assert.Equal(0f, predicted[.., .., 4..8, 8..12].abs().max().item<float>());
    }

    [Fact]
    public void Rollout_DeadBottleneck_FramesStillChangeWithTheLstm()
    {
        // A trained model once zeroed its bottleneck path (all ReLUs off) and predicted one map for a whole event;
        // the direct step path must keep every frame tied to the LSTM's output.
        manual_seed(5);
        using var model = new CnnLstm(new MapInputs(2, 1, 0, 16, 24), warmupFrames: 3, features: 4, latent: 8, hiddenSize: 8);
        using var scope = NewDisposeScope();
        using var batch = ConvLstmForecasterTests.RandomBatch(1, 9);
        using (no_grad())
            foreach (var (name, parameter) in model.named_parameters())
                if (name.StartsWith("decoder", StringComparison.Ordinal)) parameter.zero_();
        var depth = model.Rollout(batch, 3).Depth;                                  // [1, 6, y, x]
        var largestChange = (depth[.., 1..] - depth[.., ..^1]).abs().max().item<float>();
        Assert.True(largestChange > 1e-4f, $"consecutive frames differ by at most {largestChange} m");
    }

    [Fact]
    public void Rollout_OtherWarmup_Throws()
    {
        using var model = new CnnLstm(new MapInputs(2, 1, 0, 16, 24), warmupFrames: 3, features: 4);
        using var batch = ConvLstmForecasterTests.RandomBatch(1, 9);
        Assert.Throws<ArgumentException>(() => model.Rollout(batch, 2));
    }

    [Fact]
    public void Rollout_Backward_LiveTensorCountReturnsToBaseline()
    {
        using var model = new CnnLstm(new MapInputs(2, 1, 1, 16, 24), warmupFrames: 2, features: 4, latent: 8, hiddenSize: 8);
        using var batch = ConvLstmForecasterTests.RandomBatch(2, 6, extra: 1);
        void Step()
        {
            using var scope = NewDisposeScope();
            model.Rollout(batch, 2).Depth.sum().backward();
            model.zero_grad();
        }
        Step();
        var baseline = Tensor.LiveCount;
        for (var i = 0; i < 5; i++) Step();
        Assert.Equal(baseline, Tensor.LiveCount);
    }
}
