using HydroWorkshop.Models.Maps;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace HydroWorkshop.Models.Tests.Maps;

public sealed class DeepUNetTests
{
    [Fact]
    public void Forward_MapsAndGlobals_FeaturesOfWidthOnTheSameGrid()
    {
        manual_seed(1);
        using var unet = new DeepUNet(5, 3, 8);
        using var scope = NewDisposeScope();
        var features = unet.forward(randn(2, 5, 32, 48), rand(2, 3));
        Assert.Equal([2L, 8, 32, 48], features.shape);
    }

    [Fact]
    public void Forward_CornerChanged_OppositeCornerChangesWhereSmallUNetsDoesNot()
    {
        // The bottom sees the whole 64 x 64 map: a change in one corner block reaches the opposite corner, 48 cells
        // away; SmallUNet's 30 cells do not. A new network passes it on weakly (1e-7 of the change there), so the test
        // runs in double precision, where rounding is far smaller.
        manual_seed(2);
        using var unet = new DeepUNet(2, 0, 8);
        using var small = new SmallUNet(2, 8);
        unet.to(ScalarType.Float64);
        small.to(ScalarType.Float64);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var x = randn(1, 2, 64, 64, dtype: ScalarType.Float64);
        var changed = x.clone();
        changed[0, 0, ..16, ..16] += 5.0;
        var none = zeros(1, 0, dtype: ScalarType.Float64);
        var deep = (unet.forward(changed, none) - unet.forward(x, none)).abs()[0, .., 63, 63].max().item<double>();
        var shallow = (small.forward(changed) - small.forward(x)).abs()[0, .., 63, 63].max().item<double>();
        Assert.True(deep > 1e-12, $"DeepUNet: {deep}");
        Assert.Equal(0.0, shallow);
    }

    [Fact]
    public void Forward_GlobalsChanged_EveryCellCanChange()
    {
        manual_seed(3);
        using var unet = new DeepUNet(2, 1, 8);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var x = randn(1, 2, 32, 32);
        var difference = (unet.forward(x, ones(1, 1)) - unet.forward(x, zeros(1, 1))).abs().amax([1]);   // [1, 32, 32]
        Assert.True(difference.min().item<float>() > 0);
    }

    [Fact]
    public void Forward_GridNotDivisibleBy16_ThrowsNamingIt()
    {
        using var unet = new DeepUNet(1, 0, 4);
        var error = Assert.Throws<ArgumentException>(() => unet.forward(zeros(1, 1, 24, 32), zeros(1, 0)));
        Assert.Contains("24 x 32", error.Message);
    }
}
