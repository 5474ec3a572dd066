using HydroWorkshop.TestSupport;
using HydroWorkshop.Training;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace HydroWorkshop.Tests.Training;

/// <summary>The moving average of the weights: the ramped recursion, swapping in and out, and its memory.</summary>
public sealed class WeightAverageTests
{
    private static nn.Module<Tensor, Tensor> Model()
    {
        manual_seed(5);
        return nn.Linear(2, 1);
    }

    [Fact]
    public void Update_ParametersOneToFive_GivesTheRampedExponentialAverage()
    {
        using var model = Model();
        ModuleWeights.Fill(model, 0f);
        using var average = new WeightAverage(model, decay: 0.5);
        // Steps n = 0..4 see the parameters p = n + 1. The ramp d = (1 + n) / (10 + n) is 0.1, 0.18, 0.25, 0.31, 0.36, below
        // 0.5 each time, and from a = 0 it gives a = 0.9·(n + 1) after every step: (1 + n)·0.9n + 9·(n + 1) = 0.9(n + 1)(10 + n).
        for (var n = 0; n < 5; n++)
        {
            ModuleWeights.Fill(model, n + 1);
            average.Update();
            using (average.Swap()) Assert.All(ModuleWeights.All(model), w => Assert.Equal(0.9 * (n + 1), w, 5));
        }
    }

    [Fact]
    public void Update_AfterTheRamp_UsesTheDecay()
    {
        using var model = Model();
        ModuleWeights.Fill(model, 0f);
        using var average = new WeightAverage(model, decay: 0.1);
        average.Update();                   // ramp 0.1 = decay: a = 0.9·p = 0.9 · 0
        ModuleWeights.Fill(model, 10f);
        average.Update();                   // ramp 0.18 > 0.1: a = 0.1·0 + 0.9·10 = 9
        average.CopyInto();
        Assert.All(ModuleWeights.All(model), w => Assert.Equal(9f, w, 5));
        Assert.Equal(2, average.Steps);
    }

    [Fact]
    public void Swap_Disposed_PutsTheTrainingWeightsBack()
    {
        using var model = Model();
        ModuleWeights.Fill(model, 2f);
        using var average = new WeightAverage(model, decay: 0.9);
        ModuleWeights.Fill(model, 7f);
        using (average.Swap())
        {
            Assert.All(ModuleWeights.All(model), w => Assert.Equal(2f, w));     // no update yet: the average is the start
        }
        Assert.All(ModuleWeights.All(model), w => Assert.Equal(7f, w));
    }

    [Fact]
    public void Swap_ManyTimes_MemoryReturnsToBaseline()
    {
        using var model = Model();
        using var average = new WeightAverage(model, decay: 0.9);
        var baseline = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        for (var i = 0; i < 20; i++)
        {
            average.Update();
            using (average.Swap()) { }
        }
        Assert.Equal(baseline, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    public void Constructor_DecayOutsideZeroToOne_Throws(double decay)
    {
        using var model = Model();
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new WeightAverage(model, decay));
        Assert.Equal("decay", error.ParamName);
    }
}
