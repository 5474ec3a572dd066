using HydroWorkshop.Torch;
using Xunit;
using static HydroWorkshop.Torch.torch;

namespace HydroWorkshop.Surrogates.Tests;

public sealed class MapBatchTests
{
    [Fact]
    public void MirroredRows_EveryMapRowsReversed_ForcingKept()
    {
        using var scope = NewDisposeScope();
        using var batch = new MapBatch(arange(2 * 3 * 4 * 5).reshape(2, 3, 4, 5).to(ScalarType.Float32), arange(2 * 2 * 4 * 5).reshape(2, 2, 4, 5).to(ScalarType.Float32),
            rand(2, 3, 1), rand(2, 3, 1, 4, 5), rand(2, 1, 4, 5));
        using var mirrored = batch.MirroredRows();
        for (var y = 0; y < 4; y++)
        {
            Assert.Equal(batch.Depth[1, 2, 3 - y].ToArray<float>(), mirrored.Depth[1, 2, y].ToArray<float>());
            Assert.Equal(batch.Statics[0, 1, 3 - y].ToArray<float>(), mirrored.Statics[0, 1, y].ToArray<float>());
            Assert.Equal(batch.Extra![1, 0, 0, 3 - y].ToArray<float>(), mirrored.Extra![1, 0, 0, y].ToArray<float>());
            Assert.Equal(batch.Open[0, 0, 3 - y].ToArray<float>(), mirrored.Open[0, 0, y].ToArray<float>());
        }
        Assert.Equal(batch.Forcing.flatten().ToArray<float>(), mirrored.Forcing.flatten().ToArray<float>());
    }
}
