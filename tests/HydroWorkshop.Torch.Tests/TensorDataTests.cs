using HydroWorkshop.Torch;
using Xunit;
using static HydroWorkshop.Torch.torch;

namespace HydroWorkshop.Torch.Tests;

public class TensorDataTests
{
    [Fact]
    public void TensorFromArray_WithShape_RoundTrips()
    {
        using var scope = NewDisposeScope();
        var values = new float[] { 1, 2, 3, 4, 5, 6 };
        var t = tensor(values, [2, 3]);
        Assert.Equal(new long[] { 2, 3 }, t.shape);
        Assert.Equal(ScalarType.Float32, t.dtype);
        Assert.Equal(values, t.ToArray<float>());
    }

    [Fact]
    public void FromArray_TwoDimensionalDouble_KeepsShapeAndOrder()
    {
        using var scope = NewDisposeScope();
        var t = from_array(new double[,] { { 1, 2, 3 }, { 4, 5, 6 } });
        Assert.Equal(new long[] { 2, 3 }, t.shape);
        Assert.Equal(ScalarType.Float64, t.dtype);
        Assert.Equal(6.0, t[1, 2].item<double>());
    }

    [Fact]
    public void Data_ContiguousCpu_WritesThroughWithoutCopy()
    {
        using var scope = NewDisposeScope();
        var t = zeros(4);
        t.data<float>()[2] = 7;
        Assert.Equal(7f, t.sum().item<float>());
    }

    [Fact]
    public void ToArray_NonContiguousView_IsRowMajor()
    {
        using var scope = NewDisposeScope();
        var t = arange(6).reshape(2, 3).t();      // [3, 2] view with swapped strides
        Assert.False(t.is_contiguous());
        Assert.Equal(new long[] { 0, 3, 1, 4, 2, 5 }, t.ToArray<long>());
    }

    [Fact]
    public void Item_ConvertsToRequestedType()
    {
        using var scope = NewDisposeScope();
        Assert.Equal(2.5, tensor(2.5f).item<double>());
        Assert.Equal(3L, tensor(3.0).item<long>());
        Assert.Throws<InvalidOperationException>(() => ones(2).item<float>());
    }

    [Fact]
    public void ToString_SmallTensor_ShowsShapeDtypeDeviceAndValues()
    {
        using var scope = NewDisposeScope();
        var text = tensor(new float[] { 1.5f, -2f, float.NaN, 4f }, [2, 2]).ToString();
        Assert.StartsWith("[2, 2] float32 cpu", text);
        Assert.Contains("[[1.5000, -2.0000],", text);
        Assert.Contains("nan", text);
    }

    [Fact]
    public void ToString_LargeTensor_Summarises()
    {
        using var scope = NewDisposeScope();
        var text = arange(5000).ToString();
        Assert.Contains("...", text);
        Assert.Contains("4999", text);
        Assert.True(text.Length < 200, text);
    }

    [Fact]
    public void CopyFrom_Span_OverwritesValues()
    {
        using var scope = NewDisposeScope();
        var t = zeros(2, 2);
        t.CopyFrom<float>([1, 2, 3, 4]);
        Assert.Equal(10f, t.sum().item<float>());
    }
}
