using HydroWorkshop.Models.Gridded;
using Xunit;
using static TorchSharp.torch;

namespace HydroWorkshop.Models.Tests.Gridded;

public sealed class MapToMapRegressorTests
{
    [Fact]
    public void Forward_Maps_ValuePerCellRowMajor()
    {
        manual_seed(6);
        using var model = new MapToMapRegressor(3, hiddenChannels: 4);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var x = randn([2, 4, 3, 5, 7]);
        var y = model.forward(x);
        Assert.Equal([2L, 4, 35], y.shape);
        // Cell (r, c) is column r * 7 + c: a change on the last day at (4, 6) shows only within one cell of it.
        var changed = x.clone();
        changed[0, 3, 0, 4, 6] += 5f;
        var diff = (model.forward(changed) - y)[0, 3].abs();
        Assert.True(diff[4 * 7 + 6].item<float>() > 1e-5);
        Assert.Equal(0f, diff[0].item<float>());
        Assert.Equal(0f, diff[2 * 7 + 4].item<float>());
    }
}
