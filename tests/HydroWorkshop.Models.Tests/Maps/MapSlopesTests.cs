using HydroWorkshop.Models.Maps;
using Xunit;
using static TorchSharp.torch;

namespace HydroWorkshop.Models.Tests.Maps;

public sealed class MapSlopesTests
{
    [Fact]
    public void Central_LinearRamp_OnePerCellInsideHalfAtTheEdges()
    {
        // z = 2 x + 3 y (per cell): central differences give exactly 2 and 3 inside; the replicated edge halves them.
        using var scope = NewDisposeScope();
        var x = arange(6).to(ScalarType.Float32);
        var ramp = (2 * x.unsqueeze(0) + 3 * x.unsqueeze(1)).reshape(1, 1, 6, 6);
        var (slopeX, slopeY) = MapSlopes.Central(ramp);
        Assert.Equal(2f, slopeX[0, 0, 2, 1..5].min().item<float>());
        Assert.Equal(2f, slopeX[0, 0, 2, 1..5].max().item<float>());
        Assert.Equal(3f, slopeY[0, 0, 1..5, 3].min().item<float>());
        Assert.Equal(1f, slopeX[0, 0, 3, 0].item<float>());
        Assert.Equal(1.5f, slopeY[0, 0, 5, 3].item<float>());
    }
}
