using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace HydroWorkshop.Models.Tests;

public class EaLstmTests
{
    /// <summary>Against the same model in PyTorch 1.13 (tests/fixtures/make_model_fixtures.py; the input gate from the
    /// statics alone, Kratzert et al. 2019), plain and with a Gaussian head. See <see cref="ModelParity"/>.</summary>
    [Theory]
    [InlineData("ealstm")]
    [InlineData("ealstm_gaussian")]
    public void Forward_PyTorchWeights_MatchesPyTorchWithGradients(string name)
    {
        using var model = name == "ealstm" ? new EaLstm(4, 3, hiddenSize: 5, targets: 2) : new EaLstm(4, 3, hiddenSize: 5, gaussian: true);
        ModelParity.Check(name, model, (dynamic, statics) =>
            model.IsGaussian ? ModelParity.Pair(model.forward_distribution(dynamic, statics)) : [model.forward(dynamic, statics!)]);
    }

    [Fact]
    public void Forward_OneStep_MatchesTheEquations()
    {
        manual_seed(3);
        using var model = new EaLstm(2, 3, hiddenSize: 4);
        using var scope = NewDisposeScope();
        var dynamic = randn(5, 1, 2);
        var statics = randn(5, 3);
        var state = model.state_dict();
        // From zero state: c = i ⊙ tanh(g), h = σ(o) ⊙ tanh(c), y = head(h).
        var i = (statics.matmul(state["input_gate.weight"].t()) + state["input_gate.bias"]).sigmoid();
        var gates = (dynamic[.., 0].matmul(state["dynamic_gates.weight"].t()) + state["dynamic_gates.bias"]).chunk(3, 1);
        var c = i * gates[1].tanh();
        var h = gates[2].sigmoid() * c.tanh();
        var expected = h.matmul(state["head.weight"].t()) + state["head.bias"];
        Assert.True(model.forward(dynamic, statics)[.., 0].allclose(expected, atol: 1e-6));
    }

    [Fact]
    public void Forward_Sequence_ShapeAndGradientsToStaticGate()
    {
        using var model = new EaLstm(4, 6, hiddenSize: 8, targets: 2);
        using var scope = NewDisposeScope();
        var y = model.forward(randn(3, 12, 4), randn(3, 6));
        Assert.Equal(new long[] { 3, 12, 2 }, y.shape);
        y.sum().backward();
        Assert.True(model.named_parameters().First(p => p.name == "input_gate.weight").parameter.grad!.abs().sum().item<float>() > 0);
    }

    [Fact]
    public void Constructor_NoStatics_Throws()
    {
        Assert.Throws<ArgumentException>(() => new EaLstm(4, 0));
    }

    [Fact]
    public void ForwardDistribution_GaussianHead_MeanIsForwardAndVarianceIsPositive()
    {
        using var model = new EaLstm(5, 3, hiddenSize: 8, gaussian: true);
        using var scope = NewDisposeScope();
        var (dynamic, statics) = (randn(2, 12, 5), randn(2, 3));
        var (mean, variance) = model.forward_distribution(dynamic, statics);
        Assert.Equal(new long[] { 2, 12, 1 }, variance.shape);
        Assert.True(variance.min().item<float>() > 0);
        Assert.True(mean.allclose(model.forward(dynamic, statics), rtol: 0, atol: 0));
    }
}
