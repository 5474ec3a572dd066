using HydroWorkshop.TestSupport;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace HydroWorkshop.Models.Tests;

/// <summary>The kit's encoder layer against PyTorch 1.13's <c>nn.TransformerEncoderLayer(8, 2, dim_feedforward=16,
/// dropout=0, batch_first=True)</c> (tests/fixtures/torch/nn.json): PyTorch's weights load by name, outputs agree within
/// 1e-5 relative, input and parameter gradients within 1e-4.</summary>
public sealed class EncoderLayerTests
{
    public static TheoryData<string> Cases => new() { "transformer_layer_post_norm", "transformer_layer_norm_first_gelu" };

    private static EncoderLayer Make(string name) => name switch
    {
        "transformer_layer_post_norm" => new EncoderLayer(8, 2, feedForward: 16, dropout: 0.0),
        "transformer_layer_norm_first_gelu" => new EncoderLayer(8, 2, feedForward: 16, dropout: 0.0, gelu: true, normFirst: true),
        _ => throw new ArgumentException(name),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Forward_PyTorchWeights_MatchesPyTorchWithGradients(string name)
    {
        var fixture = TorchFixtures.NnCases[name];
        var baseline = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        using (var scope = NewDisposeScope())
        {
            using var layer = Make(name);
            var (missing, unexpected) = layer.load_state_dict(fixture.State.ToDictionary(p => p.Key, p => p.Value.ToTensor()));
            Assert.Empty(missing);
            Assert.Empty(unexpected);
            layer.eval();
            var input = fixture.Inputs[0].ToTensor(requiresGrad: true);
            var output = layer.forward(input);
            TensorAssert.Close(fixture.Outputs[0], output, 1e-5, 1e-6, $"{name} output");

            (output * fixture.Weights![0]!.ToTensor()).sum().backward();
            TensorAssert.Close(fixture.Grads![0]!, input.grad!, 1e-4, 1e-5, $"{name} input gradient");
            var parameters = layer.named_parameters().ToDictionary(p => p.name, p => p.parameter);
            Assert.Equal(fixture.ParamGrads.Keys.Order(), parameters.Keys.Order());
            foreach (var (key, expected) in fixture.ParamGrads)
                TensorAssert.Close(expected, parameters[key].grad!, 1e-4, 1e-5, $"{name} gradient of {key}");
        }
        Assert.Equal(baseline, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
    }

    [Fact]
    public void StateDict_Keys_ArePyTorchs()
    {
        using var layer = new EncoderLayer(8, 2, feedForward: 16);
        Assert.Equal(TorchFixtures.NnCases["transformer_layer_post_norm"].State.Keys.Order(), layer.state_dict().Keys.Order());
    }

    [Fact]
    public void Forward_TrainingWithDropout_DiffersFromEval()
    {
        manual_seed(1);
        using var layer = new EncoderLayer(8, 2, feedForward: 16, dropout: 0.5, normFirst: true);
        using var scope = NewDisposeScope();
        var x = randn(2, 5, 8);
        layer.train();
        var trained = layer.forward(x);
        layer.eval();
        var first = layer.forward(x);
        Assert.True(first.allclose(layer.forward(x), rtol: 0, atol: 0));
        Assert.False(first.allclose(trained));
    }
}
