using HydroWorkshop.Data.Synthetic;
using Xunit;

namespace HydroWorkshop.Data.Tests;

public class SeededRandomTests
{
    [Fact]
    public void Gamma_ShapeBelowOne_HasItsMeanAndVariance()
    {
        var random = new SeededRandom(11);
        var samples = Enumerable.Range(0, 200_000).Select(_ => random.Gamma(0.75, 4)).ToArray();
        var mean = samples.Average();
        Assert.Equal(3.0, mean, 1);                                                            // k theta
        Assert.Equal(12.0, samples.Sum(v => (v - mean) * (v - mean)) / samples.Length, 0);   // k theta^2
    }

    [Fact]
    public void For_SameSeedAndStream_SameNumbersOtherStreamDiffers()
    {
        var a = SeededRandom.For(42, 3);
        var b = SeededRandom.For(42, 3);
        var c = SeededRandom.For(42, 4);
        var first = Enumerable.Range(0, 5).Select(_ => a.NextUInt64()).ToArray();
        Assert.Equal(first, Enumerable.Range(0, 5).Select(_ => b.NextUInt64()));
        Assert.NotEqual(first, Enumerable.Range(0, 5).Select(_ => c.NextUInt64()));
        var normal = new SeededRandom(1);
        var values = Enumerable.Range(0, 100_000).Select(_ => normal.Normal(2, 3)).ToArray();
        Assert.Equal(2.0, values.Average(), 1);
    }
}
