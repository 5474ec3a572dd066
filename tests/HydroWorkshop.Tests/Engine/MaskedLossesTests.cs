using HydroWorkshop.Engine;
using HydroWorkshop.TestSupport;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace HydroWorkshop.Tests.Engine;

/// <summary>Losses over the non-NaN targets: PyTorch's formula on the valid elements (tests/fixtures/torch/nn.json,
/// <c>((a - b)[~b.isnan()] ** 2).mean()</c>), no gradient through gaps, and 0 for a batch without any valid target.</summary>
public sealed class MaskedLossesTests
{
    public static TheoryData<string> FixtureCases => new() { "masked_mse_loss", "masked_l1_loss" };

    [Theory]
    [MemberData(nameof(FixtureCases))]
    public void Loss_NaNTargets_MatchesPyTorchOnTheValidElementsWithGradient(string name)
    {
        var fixture = TorchFixtures.NnCases[name];
        var baseline = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        using (var scope = NewDisposeScope())
        {
            var input = fixture.Inputs[0].ToTensor(requiresGrad: true);
            var target = fixture.Inputs[1].ToTensor();
            var loss = name == "masked_mse_loss" ? MaskedLosses.masked_mse_loss(input, target) : MaskedLosses.masked_l1_loss(input, target);
            TensorAssert.Close(fixture.Outputs[0], loss, 1e-6, 1e-7, $"{name} value");
            (loss * fixture.Weights![0]!.ToTensor()).sum().backward();
            TensorAssert.Close(fixture.Grads![0]!, input.grad!, 1e-5, 1e-6, $"{name} gradient");
        }
        Assert.Equal(baseline, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
    }

    [Fact]
    public void Huber_SmallAndLargeErrors_QuadraticWithinDeltaLinearBeyond()
    {
        using var scope = NewDisposeScope();
        var input = tensor(new[] { 0.5, 3.0, -2.0, 7.0 });
        var target = tensor(new[] { 0.0, 0.0, 0.0, double.NaN });
        // δ = 1: ½·0.5² = 0.125; 1·(3 − ½) = 2.5; 1·(2 − ½) = 1.5; mean over three = 4.125 / 3.
        Assert.Equal(4.125 / 3, MaskedLosses.masked_huber_loss(input, target).ToDouble(), 12);
        // δ = 2: ½·0.25 = 0.125; 2·(3 − 1) = 4; ½·4 = 2 (|d| = δ is quadratic).
        Assert.Equal(6.125 / 3, MaskedLosses.masked_huber_loss(input, target, delta: 2.0).ToDouble(), 12);
    }

    [Fact]
    public void GaussianNll_NaNTarget_EqualsTorchGaussianNllLossOnTheValidElements()
    {
        // /usr/bin/python3, torch 1.13: F.gaussian_nll_loss(mu, y, var) over elements 0, 1, 2, 4 (full=False, eps=1e-6)
        // = 1.044606602430007; over all five (var 1e-8 clamped to eps) = 8999.454134226147.
        using var scope = NewDisposeScope();
        var mean = tensor(new[] { 0.5, -1.0, 2.0, 0.0, 1.5 });
        var variance = tensor(new[] { 0.25, 1.0, 4.0, 1e-8, 0.5 });
        var target = tensor(new[] { 0.7, -0.2, 1.0, double.NaN, -0.5 });
        Assert.Equal(1.044606602430007, MaskedLosses.masked_gaussian_nll_loss(mean, target, variance).ToDouble(), 12);
        var full = tensor(new[] { 0.7, -0.2, 1.0, 0.3, -0.5 });
        Assert.Equal(8999.454134226147, MaskedLosses.masked_gaussian_nll_loss(mean, full, variance).ToDouble(), 6);
    }

    public static TheoryData<string> Kinds => new() { "mse", "l1", "huber", "gaussian_nll" };

    private static Tensor Loss(string kind, Tensor input, Tensor target, Tensor variance) => kind switch
    {
        "mse" => MaskedLosses.masked_mse_loss(input, target),
        "l1" => MaskedLosses.masked_l1_loss(input, target),
        "huber" => MaskedLosses.masked_huber_loss(input, target),
        "gaussian_nll" => MaskedLosses.masked_gaussian_nll_loss(input, target, variance),
        _ => throw new ArgumentException(kind),
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Backward_Gaps_GetZeroGradientAndValidElementsDoNot(string kind)
    {
        using var scope = NewDisposeScope();
        var input = tensor(new[] { 0.5f, 1e6f, -1f, 2f }, requires_grad: true);
        var variance = tensor(new[] { 0.5f, 0.5f, 2f, 1f }, requires_grad: true);
        var target = tensor(new[] { 0f, float.NaN, 1f, float.NaN });
        var loss = Loss(kind, input, target, variance);
        Assert.True(float.IsFinite(loss.item<float>()));
        loss.backward();
        var inputGrad = input.grad!.data<float>().ToArray();
        Assert.Equal(0f, inputGrad[1]);
        Assert.Equal(0f, inputGrad[3]);
        Assert.All(new[] { inputGrad[0], inputGrad[2] }, g => Assert.NotEqual(0f, g));
        if (kind == "gaussian_nll")
        {
            var varianceGrad = variance.grad!.data<float>().ToArray();
            Assert.Equal((0f, 0f), (varianceGrad[1], varianceGrad[3]));
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Loss_AllTargetsNaN_IsZeroWithZeroGradient(string kind)
    {
        using var scope = NewDisposeScope();
        var input = randn(3, 5, 1).requires_grad_();
        var target = full(3, 5, 1, float.NaN);
        var loss = Loss(kind, input, target, ones(3, 5, 1));
        Assert.Equal(0f, loss.item<float>());
        loss.backward();
        Assert.Equal(0f, input.grad!.abs().sum().item<float>());
    }
}
