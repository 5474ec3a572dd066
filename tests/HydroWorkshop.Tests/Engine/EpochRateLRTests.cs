using HydroWorkshop.Engine;
using HydroWorkshop.TestSupport;
using TorchSharp;
using TorchSharp.Modules;
using Xunit;
using static TorchSharp.torch;

namespace HydroWorkshop.Tests.Engine;

/// <summary>neuralhydrology's learning rate per epoch: the rule of tests/fixtures/make_optim_fixtures.py ("epochrate"),
/// the jump to an epoch that resuming uses, and the argument checks.</summary>
public sealed class EpochRateLRTests
{
    [Fact]
    public void Step_EveryEpoch_MatchesTheFixtureRates()
    {
        var expected = TorchFixtures.OptimCases["epochrate"];
        using var scope = NewDisposeScope();
        var a = new Parameter(zeros(2));
        var b = new Parameter(zeros(2));
        using var optimizer = optim.SGD([new SGD.ParamGroup([a], lr: 0.1), new SGD.ParamGroup([b], lr: 0.01)], learningRate: 0.1,
            momentum: 0.9);
        var schedule = new EpochRateLR(optimizer, new Dictionary<int, double> { [0] = 1e-3, [3] = 5e-4, [6] = 1e-4 });
        var epochs = (int)expected.Outputs[0].Shape[0];
        var rates = new List<double>();
        rates.AddRange(optimizer.ParamGroups.Select(g => g.LearningRate));
        for (var e = 1; e < epochs; e++)
        {
            optimizer.step();
            schedule.step();
            rates.AddRange(optimizer.ParamGroups.Select(g => g.LearningRate));
        }
        TensorAssert.Close(expected.Outputs[0], tensor(rates.ToArray(), [epochs, 2]), 1e-12, 0, "learning rates");
        Assert.Equal(rates.TakeLast(2), schedule.get_last_lr());
        Assert.Equal(epochs - 1, schedule.last_epoch);
    }

    [Fact]
    public void Step_BeforeFirstListedEpoch_KeepsTheGroupRate()
    {
        var p = new Parameter(zeros(1));
        using var optimizer = optim.SGD([p], learningRate: 0.1);
        var schedule = new EpochRateLR(optimizer, new Dictionary<int, double> { [5] = 1e-4 });
        var rates = new List<double> { optimizer.ParamGroups.First().LearningRate };
        for (var e = 0; e < 5; e++)
        {
            schedule.step();
            rates.Add(optimizer.ParamGroups.First().LearningRate);
        }
        // Epoch 5 (counted from 1, as neuralhydrology) starts after 4 steps.
        Assert.Equal([0.1, 0.1, 0.1, 0.1, 1e-4, 1e-4], rates);
    }

    [Fact]
    public void StepWithEpoch_FreshSchedule_TakesThatEpochsRateAsAResumedRunNeeds()
    {
        var p = new Parameter(zeros(1));
        using var optimizer = optim.Adam([p], lr: 0.1);
        var rates = new Dictionary<int, double> { [0] = 0.3, [4] = 0.2, [8] = 0.1 };
        var schedule = new EpochRateLR(optimizer, rates);
        schedule.step(6);
        Assert.Equal(6, schedule.last_epoch);
        Assert.Equal(0.2, optimizer.ParamGroups.First().LearningRate);
        schedule.step();
        Assert.Equal(0.1, optimizer.ParamGroups.First().LearningRate);
        Assert.Equal(rates, schedule.rates_by_epoch);
    }

    [Fact]
    public void Constructor_BadArguments_ThrowNamingTheProblem()
    {
        var p = new Parameter(zeros(1));
        using var optimizer = optim.SGD([p], learningRate: 0.1);
        Assert.Contains("epoch -1 is negative", Assert.Throws<ArgumentOutOfRangeException>(
            () => new EpochRateLR(optimizer, new Dictionary<int, double> { [-1] = 0.1 })).Message);
        Assert.Contains("the rate for epoch 2 is NaN", Assert.Throws<ArgumentOutOfRangeException>(
            () => new EpochRateLR(optimizer, new Dictionary<int, double> { [2] = double.NaN })).Message);
        Assert.Contains("at least one epoch", Assert.Throws<ArgumentException>(
            () => new EpochRateLR(optimizer, new Dictionary<int, double>())).Message);
    }
}
