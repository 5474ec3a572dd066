using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace HydroWorkshop.Models.Tests;

public class LstmRegressorTests
{
    public static TheoryData<string> ParityCases =>
        new() { "lstm_regressor_statics", "lstm_regressor_attention", "lstm_regressor_two_layers", "lstm_regressor_gaussian_attention" };

    /// <summary>Against the same model in PyTorch 1.13 (tests/fixtures/make_model_fixtures.py): statics at every step,
    /// temporal attention, two stacked layers, a Gaussian head. See <see cref="ModelParity"/>.</summary>
    [Theory]
    [MemberData(nameof(ParityCases))]
    public void Forward_PyTorchWeights_MatchesPyTorchWithGradients(string name)
    {
        using var model = name switch
        {
            "lstm_regressor_statics" => new LstmRegressor(5, 3, hiddenSize: 5, targets: 2),
            "lstm_regressor_attention" => new LstmRegressor(5, 3, hiddenSize: 5, attention: true),
            "lstm_regressor_two_layers" => new LstmRegressor(4, 0, hiddenSize: 5, numLayers: 2, dropout: 0.3),
            "lstm_regressor_gaussian_attention" => new LstmRegressor(5, 3, hiddenSize: 5, targets: 2, attention: true, gaussian: true),
            _ => throw new ArgumentException(name),
        };
        ModelParity.Check(name, model, (dynamic, statics) =>
            model.IsGaussian ? ModelParity.Pair(model.forward_distribution(dynamic, statics)) : [model.forward(dynamic, statics)]);
    }

    [Fact]
    public void Forward_DynamicAndStatic_PredictsEveryStepForEveryTarget()
    {
        using var model = new LstmRegressor(5, 3, hiddenSize: 16, numLayers: 2, dropout: 0.2, targets: 2);
        using var scope = NewDisposeScope();
        Assert.Equal(new long[] { 4, 30, 2 }, model.forward(randn(4, 30, 5), randn(4, 3)).shape);
    }

    [Fact]
    public void Constructor_ForgetBias_SetOnEveryLayer()
    {
        using var model = new LstmRegressor(2, 0, hiddenSize: 4, numLayers: 2, initialForgetBias: 3.0);
        using var scope = NewDisposeScope();
        foreach (var layer in new[] { 0, 1 })
        {
            var bias = model.state_dict()[$"lstm.bias_hh_l{layer}"].data<float>().ToArray();
            Assert.All(bias[4..8], b => Assert.Equal(3f, b));          // forget gate: second quarter
            Assert.DoesNotContain(3f, bias[..4]);
        }
    }

    [Fact]
    public void Forward_Attention_PoolsToOneStepWithWeightsSummingToOne()
    {
        using var model = new LstmRegressor(5, 0, hiddenSize: 8, attention: true);
        using var scope = NewDisposeScope();
        Assert.Equal(new long[] { 3, 1, 1 }, model.forward(randn(3, 20, 5)).shape);
        var weights = model.LastAttentionWeights!;
        Assert.Equal(60, weights.Length);
        for (var b = 0; b < 3; b++) Assert.Equal(1.0, weights[(b * 20)..((b + 1) * 20)].Sum(), 5);
    }

    [Fact]
    public void Forward_WrongStaticWidth_NamesShapes()
    {
        using var model = new LstmRegressor(5, 3);
        using var scope = NewDisposeScope();
        var e = Assert.Throws<ArgumentException>(() => model.forward(randn(4, 30, 5), randn(4, 2)));
        Assert.Contains("[4, 2]", e.Message);
        Assert.Contains("[4, 3]", e.Message);
    }

    [Fact]
    public void Training_LinearReservoir_LossFallsWellBelowVariance()
    {
        // Discharge of a linear reservoir is a fixed filter of precipitation: an LSTM learns it in a few steps.
        manual_seed(0);
        using var model = new LstmRegressor(1, 0, hiddenSize: 16);
        using var scope = NewDisposeScope();
        var rain = rand(32, 60, 1).pow(4.0) * 10.0;                           // [batch, time, 1] spiky rain
        var discharge = zeros(32, 60, 1);
        for (var t = 1; t < 60; t++) discharge[.., t] = discharge[.., t - 1] * 0.8 + rain[.., t] * 0.2;
        double first = 0, last = 0;
        for (var step = 0; step < 150; step++)
        {
            using var stepScope = NewDisposeScope();
            var loss = nn.functional.mse_loss(model.forward(rain)[.., 10..], discharge[.., 10..]);
            if (step == 0) first = loss.item<float>();
            last = loss.item<float>();
            model.zero_grad();
            loss.backward();
            using (no_grad())
                foreach (var p in model.parameters()) p.sub_(p.grad! * 0.05);
        }
        Assert.True(last < 0.2 * first, $"loss {first:F3} -> {last:F3}");
    }

    [Fact]
    public void StateDict_PlainOrGaussianHead_KeepsHeadWeightNameForOldCheckpoints()
    {
        using var plain = new LstmRegressor(2, 0, hiddenSize: 4);
        using var gaussian = new LstmRegressor(2, 0, hiddenSize: 4, gaussian: true);
        using var scope = NewDisposeScope();
        Assert.Contains("head.weight", plain.state_dict().Keys);
        Assert.Contains("head.linear.weight", gaussian.state_dict().Keys);
        Assert.False(plain.IsGaussian);
        Assert.Throws<InvalidOperationException>(() => plain.forward_distribution(randn(1, 3, 2)));
    }

    [Fact]
    public void ForwardDistribution_GaussianHead_MeanIsForwardAndVarianceIsPositive()
    {
        using var model = new LstmRegressor(5, 3, hiddenSize: 8, targets: 2, attention: true, gaussian: true);
        using var scope = NewDisposeScope();
        var (dynamic, statics) = (randn(4, 30, 5), randn(4, 3));
        var (mean, variance) = model.forward_distribution(dynamic, statics);
        Assert.Equal(new long[] { 4, 1, 2 }, mean.shape);
        Assert.Equal(new long[] { 4, 1, 2 }, variance.shape);
        Assert.True(variance.min().item<float>() > 0);
        Assert.True(mean.allclose(model.forward(dynamic, statics), rtol: 0, atol: 0));
    }
}
