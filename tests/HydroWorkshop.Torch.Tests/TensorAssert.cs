using HydroWorkshop.Torch;
using Xunit;

namespace HydroWorkshop.Torch.Tests;

public static class TensorAssert
{
    /// <summary>Same shape and dtype; values within rtol * |expected| + atol (NaN matches NaN; integers exact).</summary>
    public static void Close(FixtureTensor expected, Tensor actual, double rtol, double atol, string what)
    {
        Assert.True(expected.Shape.SequenceEqual(actual.shape),
            $"{what}: shape [{string.Join(", ", actual.shape)}], PyTorch [{string.Join(", ", expected.Shape)}]");
        Assert.True(expected.ScalarType == actual.dtype, $"{what}: dtype {actual.dtype.PyTorchName()}, PyTorch {expected.DType}");
        double[] values;
        using (var detached = actual.detach())
        using (var asDouble = detached.to(ScalarType.Float64)) values = asDouble.ToArray<double>();
        var exact = !expected.ScalarType.IsFloatingPoint();
        for (var k = 0; k < values.Length; k++)
        {
            var e = expected.Data[k];
            var a = values[k];
            if (double.IsNaN(e) && double.IsNaN(a)) continue;
            if (double.IsInfinity(e) && e == a) continue;
            var ok = exact ? e == a : Math.Abs(a - e) <= rtol * Math.Abs(e) + atol;
            Assert.True(ok, $"{what}[{k}]: {a:R}, PyTorch {e:R} (rtol {rtol}, atol {atol})");
        }
    }
}
