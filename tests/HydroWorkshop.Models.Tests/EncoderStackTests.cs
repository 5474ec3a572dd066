using HydroWorkshop.TestSupport;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace HydroWorkshop.Models.Tests;

/// <summary>Two pre-norm layers and a final norm against PyTorch 1.13's <c>nn.TransformerEncoder(layer, 2, norm=LayerNorm(8))</c>
/// (tests/fixtures/torch/nn.json, "transformer_encoder_two_layers"). The fixture masks the last two steps of sample 0
/// (src_key_padding_mask), which the kit's stack does not take, so sample 1, which has no padding, is compared: its
/// output and its input gradient do not depend on sample 0.</summary>
public sealed class EncoderStackTests
{
    private static FixtureTensor Sample(FixtureTensor batch, int index)
    {
        var size = batch.Data.Length / (int)batch.Shape[0];
        return new FixtureTensor(batch.Shape[1..], batch.DType, batch.Data[(index * size)..((index + 1) * size)]);
    }

    [Fact]
    public void Forward_PyTorchWeights_MatchesPyTorchOnTheUnpaddedSample()
    {
        var fixture = TorchFixtures.NnCases["transformer_encoder_two_layers"];
        var baseline = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        using (var scope = NewDisposeScope())
        {
            using var stack = new EncoderStack(() => new EncoderLayer(8, 2, feedForward: 16, dropout: 0.0, normFirst: true), 2,
                nn.LayerNorm(8));
            var (missing, unexpected) = stack.load_state_dict(fixture.State.ToDictionary(p => p.Key, p => p.Value.ToTensor()));
            Assert.Empty(missing);
            Assert.Empty(unexpected);
            stack.eval();
            var input = fixture.Inputs[0].ToTensor(requiresGrad: true);
            var output = stack.forward(input);
            Assert.Equal(new long[] { 2, 5, 8 }, output.shape);
            TensorAssert.Close(Sample(fixture.Outputs[0], 1), output[1], 1e-5, 1e-6, "sample 1 output");

            (output[1] * Sample(fixture.Weights![0]!, 1).ToTensor()).sum().backward();
            TensorAssert.Close(Sample(fixture.Grads![0]!, 1), input.grad![1], 1e-4, 1e-5, "sample 1 input gradient");
        }
        Assert.Equal(baseline, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
    }

    [Fact]
    public void Constructor_Layers_EachHasItsOwnWeights()
    {
        using var stack = new EncoderStack(() => new EncoderLayer(8, 2, feedForward: 16), 2);
        using var scope = NewDisposeScope();
        var state = stack.state_dict();
        Assert.DoesNotContain("norm.weight", state.Keys);
        Assert.False(state["layers.0.linear1.weight"].allclose(state["layers.1.linear1.weight"]));
    }
}
