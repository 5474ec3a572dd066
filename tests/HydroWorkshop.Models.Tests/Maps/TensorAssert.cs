using Xunit;
using static TorchSharp.torch;

namespace HydroWorkshop.Models.Tests.Maps;

internal static class TensorAssert
{
    /// <summary>Same shape, and every value within <paramref name="tolerance"/> x max(1, |expected|).</summary>
    public static void Close(FixtureArray expected, Tensor actual, double tolerance, string what)
    {
        Assert.Equal(expected.Shape, actual.shape);
        var values = actual.detach().contiguous().data<float>().ToArray();
        for (var i = 0; i < values.Length; i++)
        {
            var bound = tolerance * Math.Max(1, Math.Abs(expected.Data[i]));
            if (!(Math.Abs(values[i] - expected.Data[i]) <= bound))
                Assert.Fail($"{what}: element {i} is {values[i]}, PyTorch gives {expected.Data[i]} (tolerance {bound:G3})");
        }
    }
}
