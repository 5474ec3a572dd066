using HydroWorkshop.FloodData;
using HydroWorkshop.Models.Maps;
using TorchSharp;
using F = TorchSharp.torch.nn.functional;
using Xunit;
using static TorchSharp.torch;

namespace HydroWorkshop.Models.Tests.Maps;

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
    public void Rollout_SharedContextAndSkip_SameAsConcatenatingThemToEveryFrame()
    {
        // Rollout adds the context's and the skip features' shares of the decoder's first layer and of the head once
        // per event; the reference below is the plain form, which copies both into every frame's channels.
        manual_seed(9);
        const int warmup = 3, f = 4, hidden = 8;
        using var model = new CnnLstm(new MapInputs(2, 1, 0, 16, 24), warmup, features: f, latent: 8, hiddenSize: hidden);
        using var scope = NewDisposeScope();
        using var batch = ConvLstmForecasterTests.RandomBatch(2, 9);
        using (no_grad()) foreach (var p in model.parameters()) p.mul_(3.0);     // away from the initial near-persistence
        model.eval();
        var expected = ConcatenatedRollout(model, batch, warmup, f, hidden);
        var actual = model.Rollout(batch, warmup).Depth;
        Assert.True(expected.gt(0).sum().item<long>() > 100, "the reference predicts almost no water: nothing is compared");
        Assert.True((actual - expected).abs().max().item<float>() < 1e-5f);
    }

    /// <summary>CnnLstm's forward pass written out from its parameters with the context map and skip features
    /// concatenated to every predicted frame: [b, n, y, x].</summary>
    private static Tensor ConcatenatedRollout(CnnLstm model, MapBatch batch, int warmup, int f, int hidden)
    {
        var p = model.named_parameters().ToDictionary(x => x.name, x => (Tensor)x.parameter);
        var (b, frames, rows, columns) = (batch.Size, (int)batch.Frames, batch.Rows, batch.Columns);
        var n = frames - warmup;
        var x = cat([batch.Statics, batch.Depth.narrow(1, 0, warmup)], 1);
        for (var layer = 0; layer < 6; layer += 2)
            x = F.conv2d(x, p[$"context_encoder.{layer}.weight"], p[$"context_encoder.{layer}.bias"], [2, 2], [1, 1]).relu();
        var contextMap = x;                                                                        // [b, 2f, y/8, x/8]
        var context = F.linear(contextMap.flatten(1), p["context_projection.weight"], p["context_projection.bias"]).tanh();
        using var lstm = nn.LSTM(1, hidden, batchFirst: true);
        lstm.load_state_dict(p.Where(e => e.Key.StartsWith("lstm.", StringComparison.Ordinal)).ToDictionary(e => e.Key["lstm.".Length..],
            e => e.Value));
        lstm.eval();
        var (output, _, _) = lstm.forward(batch.Forcing,
            (context.narrow(1, 0, hidden).unsqueeze(0).contiguous(), context.narrow(1, hidden, hidden).unsqueeze(0).contiguous()));
        var steps = output.narrow(1, warmup, n).reshape(b * n, hidden);
        var decoded = F.linear(steps, p["decoder_projection.weight"], p["decoder_projection.bias"])
            .reshape(b, n, 2 * f, rows / 8, columns / 8);
        var bottleneck = cat([decoded, contextMap.unsqueeze(1).expand(b, n, 2 * f, rows / 8, columns / 8)], 2)
            .reshape(b * n, 4 * f, rows / 8, columns / 8);
        var quarter = F.conv_transpose2d(bottleneck, p["decoder.0.weight"], p["decoder.0.bias"], [2, 2]).relu();
        var half = F.conv_transpose2d(quarter, p["decoder.2.weight"], p["decoder.2.bias"], [2, 2]).relu()
            + F.linear(steps, p["step_projection.weight"], p["step_projection.bias"])[.., .., TensorIndex.None, TensorIndex.None];
        var last = batch.Depth.select(1, warmup - 1).unsqueeze(1);
        var skip = F.conv2d(cat([batch.Statics, last, (last > 0.0).to(ScalarType.Float32)], 1), p["skip_encoder.0.weight"],
            p["skip_encoder.0.bias"], [1, 1], [1, 1]).relu();
        skip = F.conv2d(skip, p["skip_encoder.2.weight"], p["skip_encoder.2.bias"], [2, 2], [1, 1]).relu();
        var headInput = cat([half, skip.unsqueeze(1).expand(b, n, f, rows / 2, columns / 2).reshape(b * n, f, rows / 2, columns / 2)], 1);
        var headOutput = F.interpolate(F.conv2d(headInput, p["head.weight"], p["head.bias"], [1, 1], [1, 1]), scale_factor: [2.0, 2.0],
            mode: InterpolationMode.Bilinear, align_corners: false);
        var baseDepth = last.unsqueeze(1).expand(b, n, 1, rows, columns).reshape(b * n, 1, rows, columns);
        var open = batch.Open.unsqueeze(1).expand(b, n, 1, rows, columns).reshape(b * n, 1, rows, columns);
        return DepthOutput.Apply(headOutput, baseDepth, open, training: false).Depth.reshape(b, n, rows, columns);
    }

    [Fact]
    public void Rollout_OtherWarmup_Throws()
    {
        using var model = new CnnLstm(new MapInputs(2, 1, 0, 16, 24), warmupFrames: 3, features: 4);
        using var batch = ConvLstmForecasterTests.RandomBatch(1, 9);
        Assert.Throws<ArgumentException>(() => model.Rollout(batch, 2));
    }

    [Fact]
    public void Rollout_DepthFromExtraMapNoCorrection_PredictsTheGuess()
    {
        // With the head's change zeroed and its gate wide open, each predicted frame is that frame's extra map (the
        // coarse simulation), clipped at 0 and dry in solid cells, rather than the last observed frame.
        manual_seed(7);
        using var model = new CnnLstm(new MapInputs(2, 1, 1, 16, 24), warmupFrames: 2, features: 4, latent: 8, hiddenSize: 8,
            depthFromExtraMap: true);
        using var scope = NewDisposeScope();
        using var batch = ConvLstmForecasterTests.RandomBatch(1, 6, extra: 1);
        using (no_grad())
            foreach (var (name, parameter) in model.named_parameters())
                if (name.StartsWith("head", StringComparison.Ordinal)) parameter.zero_();
        using (no_grad()) model.named_parameters().Single(p => p.name == "head.bias").parameter[1] = tensor(50f);
        model.eval();

        var depth = model.Rollout(batch, 2).Depth;                                      // [1, 4, y, x]

        var expected = batch.Extra!.narrow(1, 2, 4).select(2, 0).clamp(0.0, DepthOutput.MaxScaledDepth) * batch.Open;
        Assert.Equal(0f, (depth - expected).abs().max().item<float>(), 1e-6f);
        Assert.Single(model.named_parameters(), p => p.name == "depth_guess_scale");
        Assert.DoesNotContain(model.named_parameters(), p => p.name.StartsWith("frame_projection", StringComparison.Ordinal));
    }

    [Fact]
    public void Constructor_DepthFromExtraMapWithoutOneExtraMap_Throws() =>
        Assert.Contains("exactly one extra map", Assert.Throws<ArgumentException>(() =>
            new CnnLstm(new MapInputs(2, 1, 0, 16, 24), warmupFrames: 2, depthFromExtraMap: true)).Message);

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
        var baseline = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        for (var i = 0; i < 5; i++) Step();
        Assert.Equal(baseline, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
    }
}
