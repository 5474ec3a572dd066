using HydroWorkshop.Models.Maps;
using Xunit;
using static TorchSharp.torch;

namespace HydroWorkshop.Models.Tests.Maps;

public sealed class SmallUNetTests
{
    [Fact]
    public void Forward_Grid16_FeaturesOnTheSameGrid()
    {
        manual_seed(1);
        using var unet = new SmallUNet(channels: 5, width: 4);
        using var scope = NewDisposeScope();
        var features = unet.forward(randn(3, 5, 16, 16));
        Assert.Equal([3L, SmallUNet.OutputChannels, 16, 16], features.shape);
    }

    [Fact]
    public void Forward_OneCellChanged_OnlyCellsWithinReachChange()
    {
        // Local by construction: no global bottleneck ties the output to a place. A change at one cell reaches about 30
        // cells through the 3 x 3 layers at full, half and quarter resolution, never 40 cells away.
        manual_seed(2);
        using var unet = new SmallUNet(channels: 2, width: 4);
        using var scope = NewDisposeScope();
        var input = randn(1, 2, 64, 64);
        var changed = input.clone();
        changed[0, 0, 8, 8] = tensor(5f);
        var difference = (unet.forward(changed) - unet.forward(input)).abs().sum(1).squeeze(0);   // [64, 64]
        Assert.True(difference[8, 8].item<float>() > 0);
        Assert.Equal(0f, difference[48.., ..].max().item<float>());
        Assert.Equal(0f, difference[.., 48..].max().item<float>());
    }

    [Fact]
    public void Slopes_LinearRamp_OnePerCellInsideHalfAtTheEdges()
    {
        // z = 2 x + 3 y (per cell): central differences give exactly 2 and 3 inside; the replicated edge halves them.
        using var scope = NewDisposeScope();
        var x = arange(6).to(ScalarType.Float32);
        var ramp = (2 * x.unsqueeze(0) + 3 * x.unsqueeze(1)).reshape(1, 1, 6, 6);
        var (slopeX, slopeY) = SmallUNet.Slopes(ramp);
        Assert.Equal(2f, slopeX[0, 0, 2, 1..5].min().item<float>());
        Assert.Equal(2f, slopeX[0, 0, 2, 1..5].max().item<float>());
        Assert.Equal(3f, slopeY[0, 0, 1..5, 3].min().item<float>());
        Assert.Equal(1f, slopeX[0, 0, 3, 0].item<float>());
        Assert.Equal(1.5f, slopeY[0, 0, 5, 3].item<float>());
    }

    [Fact]
    public void Constructor_NoChannels_Refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new SmallUNet(channels: 0, width: 4));
}
