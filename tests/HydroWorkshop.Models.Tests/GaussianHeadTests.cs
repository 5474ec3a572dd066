using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace HydroWorkshop.Models.Tests;

public class GaussianHeadTests
{
    /// <summary>Against PyTorch 1.13 (tests/fixtures/make_model_fixtures.py): mean and softplus(raw) + 1e-3 on inputs large
    /// enough that softplus runs from its floor to its linear part. See <see cref="ModelParity"/>.</summary>
    [Fact]
    public void Forward_PyTorchWeights_MatchesPyTorchWithGradients()
    {
        using var head = new GaussianHead(4, targets: 2, minimumVariance: 1e-3);
        ModelParity.Check("gaussian_head", head, (input, _) => ModelParity.Pair(head.forward(input)));
    }

    [Fact]
    public void Forward_LargeInputs_VarianceAlwaysPositive()
    {
        using var head = new GaussianHead(8, targets: 2);
        using var scope = NewDisposeScope();
        var (mean, variance) = head.forward(randn(100, 8) * 50.0);
        Assert.Equal(new long[] { 100, 2 }, mean.shape);
        Assert.True(variance.min().item<float>() > 0);
    }

    [Fact]
    public void Forward_VeryNegativeRaw_VarianceIsTheMinimum()
    {
        using var head = new GaussianHead(3, targets: 1, minimumVariance: 0.01);
        using var scope = NewDisposeScope();
        var state = head.state_dict();
        using (no_grad())
        {
            state["linear.weight"].zero_();
            state["linear.bias"].copy_(tensor(new[] { 2.5f, -200f }));   // mean 2.5, softplus(-200) = 0 in float32
        }
        var (mean, variance) = head.forward(randn(4, 3));
        Assert.All(mean.data<float>().ToArray(), m => Assert.Equal(2.5f, m));
        Assert.All(variance.data<float>().ToArray(), v => Assert.Equal(0.01f, v));
    }
}
