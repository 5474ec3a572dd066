using Xunit;

namespace HydroWorkshop.Torch.Tests.Optimizers;

/// <summary>torch.nn.utils.clip_grad_norm_ against PyTorch 1.13, and its edge cases.</summary>
public class ClipGradNormTests
{
    [Theory]
    [InlineData("clip_l2", 1.0, 2.0)]
    [InlineData("clip_l2_no_change", 100.0, 2.0)]
    [InlineData("clip_inf", 0.5, double.PositiveInfinity)]
    [InlineData("clip_l1", 2.0, 1.0)]
    public void ClipGradNorm_FixtureGradients_MatchesPyTorch(string name, double maxNorm, double normType)
    {
        var c = OptimFixtures.Cases[name];
        using var scope = torch.NewDisposeScope();
        var parameters = c.Inputs.Select(g => torch.zeros(g.Shape, requires_grad: true)).ToArray();
        for (var k = 0; k < parameters.Length; k++) parameters[k].grad = c.Inputs[k].ToTensor();
        var total = torch.nn.utils.clip_grad_norm_(parameters, maxNorm, normType);
        TensorAssert.Close(c.Outputs[0], total, OptimFixtures.Rtol, 1e-7, $"{name} total norm");
        for (var k = 0; k < parameters.Length; k++)
            TensorAssert.Close(c.Outputs[1 + k], parameters[k].grad!, OptimFixtures.Rtol, 1e-7, $"{name} gradient {k}");
    }

    [Fact]
    public void ClipGradNorm_NoGradients_ReturnsZeroAndLeavesNoTensor()
    {
        var p = torch.zeros([3], requires_grad: true);
        var baseline = Tensor.LiveCount;
        using (var total = torch.nn.utils.clip_grad_norm_([p], 1.0)) Assert.Equal(0.0, total.item<double>());
        Assert.Equal(baseline, Tensor.LiveCount);
        p.Dispose();
    }

    [Fact]
    public void ClipGradNorm_NaNGradientWithErrorIfNonfinite_ThrowsNamingTheNorm()
    {
        using var p = torch.zeros([2], requires_grad: true);
        using (var g = torch.tensor(new[] { float.NaN, 1f })) p.grad = g;
        var error = Assert.Throws<InvalidOperationException>(() => torch.nn.utils.clip_grad_norm_([p], 1.0, error_if_nonfinite: true));
        Assert.Contains("NaN", error.Message);
    }
}
