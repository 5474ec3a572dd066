using HydroWorkshop.Models;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace HydroWorkshop.Tests.Models;

public class TransformerRegressorTests
{
    [Theory]
    [InlineData(SequencePooling.Last, false, false)]
    [InlineData(SequencePooling.Mean, true, false)]
    [InlineData(SequencePooling.Attention, false, true)]
    public void Forward_EachVariant_OnePredictionPerSample(SequencePooling pooling, bool learned, bool concatenate)
    {
        using var model = new TransformerRegressor(5, 2, maxLength: 50, dModel: 16, heads: 2, layers: 1, feedForward: 32,
            learnedPositions: learned, concatenatePositions: concatenate, pooling: pooling);
        using var scope = NewDisposeScope();
        var y = model.forward(randn(3, 40, 5), randn(3, 2));
        Assert.Equal(new long[] { 3, 1, 1 }, y.shape);
        y.sum().backward();
        Assert.All(model.parameters(), p => Assert.NotNull(p.grad));
        if (pooling == SequencePooling.Attention) Assert.Equal(120, model.LastPoolingWeights!.Length);
    }

    [Fact]
    public void Sinusoid_Values_FollowTheFormula()
    {
        using var table = TransformerRegressor.Sinusoid(10, 8);
        var values = table.data<float>().ToArray();
        Assert.Equal(0f, values[0]);                                              // sin(0)
        Assert.Equal(1f, values[1]);                                              // cos(0)
        Assert.Equal((float)Math.Sin(3), values[3 * 8 + 0], 6);                   // t = 3, k = 0
        Assert.Equal((float)Math.Cos(3 / Math.Pow(10000, 2.0 / 8)), values[3 * 8 + 3], 6);
    }

    [Fact]
    public void Forward_LongerThanMaxLength_SaysSo()
    {
        using var model = new TransformerRegressor(5, 0, maxLength: 10, dModel: 8, heads: 2, layers: 1, feedForward: 16);
        using var scope = NewDisposeScope();
        var e = Assert.Throws<ArgumentException>(() => model.forward(randn(1, 11, 5)));
        Assert.Contains("11 steps exceeds max_length 10", e.Message);
    }

    [Fact]
    public void GaussianHead_Variance_AlwaysPositive()
    {
        using var head = new GaussianHead(8, targets: 2);
        using var scope = NewDisposeScope();
        var (mean, variance) = head.forward(randn(100, 8) * 50.0);
        Assert.Equal(new long[] { 100, 2 }, mean.shape);
        Assert.True(variance.min().item<float>() > 0);
    }

    [Fact]
    public void ForwardDistribution_GaussianHead_MeanIsForwardAndVarianceIsPositive()
    {
        using var model = new TransformerRegressor(5, 2, maxLength: 16, dModel: 16, heads: 2, layers: 1, feedForward: 32, dropout: 0, targets: 1, gaussian: true);
        using var scope = NewDisposeScope();
        var (dynamic, statics) = (randn(3, 16, 5), randn(3, 2));
        var (mean, variance) = model.forward_distribution(dynamic, statics);
        Assert.Equal(new long[] { 3, 1, 1 }, variance.shape);
        Assert.True(variance.min().item<float>() > 0);
        Assert.True(mean.allclose(model.forward(dynamic, statics), rtol: 0, atol: 0));
    }
}
