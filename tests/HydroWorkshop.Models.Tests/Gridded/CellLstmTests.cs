using HydroWorkshop.Models.Gridded;
using Xunit;
using static TorchSharp.torch;

namespace HydroWorkshop.Models.Tests.Gridded;

public sealed class CellLstmTests
{
    [Fact]
    public void Forward_NeighbourChanges_CellUnchanged()
    {
        manual_seed(5);
        using var model = new CellLstm(2, hiddenSize: 4);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var x = randn([2, 5, 2, 3, 4]);
        var y = model.forward(x);
        Assert.Equal([2L, 5, 12], y.shape);
        var changed = x.clone();
        changed[1, 0, .., 1, 2] += 5f;                                  // cell (1, 2) = index 6 of sample 1
        var z = model.forward(changed);
        var diff = (z - y).abs()[1].amax(0);                            // [cells]
        Assert.True(diff[6].item<float>() > 1e-4);
        Assert.Equal(0f, diff.index_select(0, tensor(new long[] { 0, 1, 2, 3, 4, 5, 7, 8, 9, 10, 11 })).max().item<float>());
    }
}
