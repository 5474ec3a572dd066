using HydroWorkshop.Models.Gridded;
using HydroWorkshop.TestSupport;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace HydroWorkshop.Models.Tests.Gridded;

public sealed class GaugeMasksTests
{
    [Fact]
    public void BandWeights_SummedOverBands_AreTheBasinWeights()
    {
        var masks = TinyGauges.Masks();
        using var bands = masks.BandWeights(bands: 3, stepsPerBand: 2);                   // [2, 3, 6, 6]
        using var basin = masks.Weights();
        Assert.Equal([2L, 3, TinyGauges.Size, TinyGauges.Size], bands.shape);
        Assert.True(allclose(bands.sum(1), basin, atol: 1e-7));
    }

    [Fact]
    public void BandWeights_CellsByFlowDistance_FallInTheirBand()
    {
        var masks = TinyGauges.Masks();
        using var bands = masks.BandWeights(bands: 3, stepsPerBand: 2);
        // Left basin: the outlet corner (5, 0) is 0 steps away → band 0; (4, 1) 2 steps → band 1; (0, 2) 7 steps → the last band.
        Assert.True(bands[0, 0, 5, 0].item<float>() > 0);
        Assert.True(bands[0, 1, 4, 1].item<float>() > 0);
        Assert.True(bands[0, 2, 0, 2].item<float>() > 0);
        Assert.Equal(0f, bands[0, 0, 0, 2].item<float>());
        Assert.Equal(0f, bands[0, .., 0, 4].sum().item<float>());                      // a right-basin cell is in no left band
    }

    [Fact]
    public void BandWeights_NoFlowDistances_SaysWhereToGetThem()
    {
        var masks = new GaugeMasks(["a"], [Enumerable.Repeat(1f, 4).ToArray()], 2, 2);
        Assert.Contains("no flow distances", Assert.Throws<InvalidOperationException>(() => masks.BandWeights(2, 1)).Message);
        Assert.True(masks.Select("a").Count == 1);
    }
}
