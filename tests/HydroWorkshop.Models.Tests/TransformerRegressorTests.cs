using HydroWorkshop.TestSupport;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace HydroWorkshop.Models.Tests;

public class TransformerRegressorTests
{
    public static TheoryData<string> ParityCases => new()
    {
        "transformer_default", "transformer_learned_concatenated_mean", "transformer_sinusoid_concatenated_attention_one_layer",
        "transformer_learned_added_gaussian",
    };

    private static TransformerRegressor MakeParityModel(string name) => name switch
    {
        "transformer_default" => new TransformerRegressor(4, 2, maxLength: 10, dModel: 8, heads: 2, feedForward: 12, dropout: 0),
        "transformer_learned_concatenated_mean" => new TransformerRegressor(4, 2, maxLength: 10, dModel: 8, heads: 2,
            feedForward: 12, dropout: 0,
            learnedPositions: true, concatenatePositions: true, pooling: SequencePooling.Mean),
        "transformer_sinusoid_concatenated_attention_one_layer" => new TransformerRegressor(4, 0, maxLength: 10, dModel: 8,
            heads: 2, layers: 1,
            feedForward: 12, dropout: 0, concatenatePositions: true, pooling: SequencePooling.Attention),
        "transformer_learned_added_gaussian" => new TransformerRegressor(4, 2, maxLength: 10, dModel: 8, heads: 2, layers: 1,
            feedForward: 12,
            dropout: 0, targets: 2, learnedPositions: true, gaussian: true),
        _ => throw new ArgumentException(name),
    };

    /// <summary>Against the same model in PyTorch 1.13 (tests/fixtures/make_model_fixtures.py): the defaults (sinusoid added,
    /// last step, two pre-norm GELU layers and a final norm), learned positions concatenated with mean pooling, sinusoid
    /// concatenated with attention pooling, learned added with a Gaussian head. See <see cref="ModelParity"/>.</summary>
    [Theory]
    [MemberData(nameof(ParityCases))]
    public void Forward_PyTorchWeights_MatchesPyTorchWithGradients(string name)
    {
        using var model = MakeParityModel(name);
        ModelParity.Check(name, model, (dynamic, statics) =>
            model.IsGaussian ? ModelParity.Pair(model.forward_distribution(dynamic, statics)) : [model.forward(dynamic, statics)]);
    }

    [Theory]
    [InlineData("transformer_default")]
    [InlineData("transformer_sinusoid_concatenated_attention_one_layer")]
    public void Constructor_SinusoidPositions_EqualPyTorchsTable(string name)
    {
        using var model = MakeParityModel(name);
        TensorAssert.Close(TorchFixtures.ModelCases[name].State["positions"], model.state_dict()["positions"], 1e-6, 1e-6,
            $"{name} positions");
    }

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
    public void ForwardDistribution_GaussianHead_MeanIsForwardAndVarianceIsPositive()
    {
        using var model = new TransformerRegressor(5, 2, maxLength: 16, dModel: 16, heads: 2, layers: 1, feedForward: 32, dropout: 0,
            targets: 1, gaussian: true);
        using var scope = NewDisposeScope();
        var (dynamic, statics) = (randn(3, 16, 5), randn(3, 2));
        var (mean, variance) = model.forward_distribution(dynamic, statics);
        Assert.Equal(new long[] { 3, 1, 1 }, variance.shape);
        Assert.True(variance.min().item<float>() > 0);
        Assert.True(mean.allclose(model.forward(dynamic, statics), rtol: 0, atol: 0));
    }
}
