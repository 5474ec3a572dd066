using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace HydroWorkshop.FloodData.Tests;

public sealed class MapBatchTests
{
    [Fact]
    public void MirroredRows_EveryMapRowsReversed_ForcingKept()
    {
        using var scope = NewDisposeScope();
        using var batch = new MapBatch(arange(2 * 3 * 4 * 5).reshape(2, 3, 4, 5).to(ScalarType.Float32),
            arange(2 * 2 * 4 * 5).reshape(2, 2, 4, 5).to(ScalarType.Float32),
            rand(2, 3, 1), rand([2, 3, 1, 4, 5]), rand(2, 1, 4, 5));
        using var mirrored = batch.MirroredRows();
        for (var y = 0; y < 4; y++)
        {
            Assert.Equal(batch.Depth[1, 2, 3 - y].data<float>().ToArray(), mirrored.Depth[1, 2, y].data<float>().ToArray());
            Assert.Equal(batch.Statics[0, 1, 3 - y].data<float>().ToArray(), mirrored.Statics[0, 1, y].data<float>().ToArray());
            Assert.Equal(batch.Extra![1, 0, 0, 3 - y].data<float>().ToArray(), mirrored.Extra![1, 0, 0, y].data<float>().ToArray());
            Assert.Equal(batch.Open[0, 0, 3 - y].data<float>().ToArray(), mirrored.Open[0, 0, y].data<float>().ToArray());
        }
        Assert.Equal(batch.Forcing.flatten().data<float>().ToArray(), mirrored.Forcing.flatten().data<float>().ToArray());
    }
}
