using HydroWorkshop.Torch;
using Xunit;
using static HydroWorkshop.Torch.torch;

namespace HydroWorkshop.Torch.Tests;

// Reading by index is covered by the PyTorch parity cases; these cover assignment.
public class IndexingTests
{
    [Fact]
    public void IndexSet_BooleanMask_WritesOnlyMaskedElements()
    {
        using var scope = NewDisposeScope();
        var discharge = tensor(new float[] { 1, float.NaN, 3, float.NaN });
        discharge[discharge.isnan()] = tensor(0f);
        Assert.Equal(new float[] { 1, 0, 3, 0 }, discharge.ToArray<float>());
    }

    [Fact]
    public void IndexSet_Slice_WritesIntoOriginal()
    {
        using var scope = NewDisposeScope();
        var x = zeros(3, 4);
        x[1.., 2] = ones(2);
        Assert.Equal(new float[] { 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1, 0 }, x.ToArray<float>());
    }

    [Fact]
    public void IndexSet_MaskOnLastDimension_AfterEllipsis()
    {
        using var scope = NewDisposeScope();
        var x = zeros(2, 3);
        x[TensorIndex.Ellipsis, tensor(new[] { true, false, true })] = full([2, 2], 5.0);
        Assert.Equal(new float[] { 5, 0, 5, 5, 0, 5 }, x.ToArray<float>());
    }

    [Fact]
    public void Index_TooManyIndices_Throws()
    {
        using var scope = NewDisposeScope();
        Assert.Throws<IndexOutOfRangeException>(() => zeros(2)[0, 0]);
    }
}
