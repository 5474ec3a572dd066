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
    public void Constructor_NoChannels_Refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new SmallUNet(channels: 0, width: 4));
}
