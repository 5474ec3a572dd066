using HydroWorkshop.Torch.Optimizers;
using HydroWorkshop.Torch.Optimizers.Schedules;
using Xunit;

namespace HydroWorkshop.Torch.Tests.Optimizers;

/// <summary>Schedule state dicts, argument checks and the edges of each rule.</summary>
public class ScheduleStateTests
{
    public static readonly TheoryData<string> Kinds = new() { "step", "onecycle", "warmup_cosine", "epochrate", "exponential" };

    private static LRScheduler Make(string kind, Optimizer optimizer) => kind switch
    {
        "step" => new StepLR(optimizer, step_size: 2, gamma: 0.5),
        "onecycle" => new OneCycleLR(optimizer, max_lr: 0.5, total_steps: 12),
        "warmup_cosine" => new WarmupCosineLR(optimizer, warmup_epochs: 2, total_epochs: 10),
        "epochrate" => new EpochRateLR(optimizer, new Dictionary<int, double> { [0] = 0.3, [4] = 0.2, [8] = 0.1 }),
        "exponential" => new ExponentialLR(optimizer, gamma: 0.8),
        _ => throw new ArgumentException(kind),
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void LoadStateDict_MidRun_ContinuesWithTheSameRates(string kind)
    {
        using var scope = torch.NewDisposeScope();
        var p = torch.zeros([1], requires_grad: true);
        using var first = new SGD([new ParamGroup([p])], lr: 0.1, momentum: 0.9);
        var schedule = Make(kind, first);
        for (var e = 0; e < 5; e++) schedule.step();
        using var optimizerState = first.state_dict();
        var scheduleState = schedule.state_dict();
        var expected = new List<(double, double)>();
        for (var e = 0; e < 5; e++)
        {
            schedule.step();
            expected.Add((first.param_groups[0].lr, first.param_groups[0]["momentum"]));
        }

        using var second = new SGD([new ParamGroup([p])], lr: 0.7, momentum: 0.1);
        var resumed = Make(kind, second);
        second.load_state_dict(optimizerState);
        resumed.load_state_dict(scheduleState);
        Assert.Equal(5, resumed.last_epoch);
        var actual = new List<(double, double)>();
        for (var e = 0; e < 5; e++)
        {
            resumed.step();
            actual.Add((second.param_groups[0].lr, second.param_groups[0]["momentum"]));
        }
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void LoadStateDict_OptimizerLoadedBeforeScheduleBuilt_RestoresTheRate()
    {
        using var p = torch.zeros([1], requires_grad: true);
        using var first = torch.optim.SGD([p], lr: 0.1);
        var schedule = new WarmupCosineLR(first, warmup_epochs: 2, total_epochs: 10);
        for (var e = 0; e < 4; e++) schedule.step();
        var rate = first.param_groups[0].lr;
        using var state = first.state_dict();
        var scheduleState = schedule.state_dict();

        using var second = torch.optim.SGD([p], lr: 0.1);
        second.load_state_dict(state);
        var resumed = new WarmupCosineLR(second, warmup_epochs: 2, total_epochs: 10);
        Assert.NotEqual(rate, second.param_groups[0].lr);
        resumed.load_state_dict(scheduleState);
        Assert.Equal(rate, second.param_groups[0].lr);
    }

    [Fact]
    public void Step_OneCyclePastTotalSteps_ThrowsNamingTotalSteps()
    {
        using var p = torch.zeros([1], requires_grad: true);
        using var optimizer = torch.optim.Adam([p]);
        var schedule = new OneCycleLR(optimizer, max_lr: 0.1, total_steps: 3);
        schedule.step();
        schedule.step();
        schedule.step();
        Assert.Contains("total_steps = 3", Assert.Throws<InvalidOperationException>(schedule.step).Message);
    }

    [Fact]
    public void EpochRateLR_BeforeFirstListedEpoch_KeepsTheGroupRate()
    {
        using var p = torch.zeros([1], requires_grad: true);
        using var optimizer = torch.optim.SGD([p], lr: 0.1);
        var schedule = new EpochRateLR(optimizer, new Dictionary<int, double> { [5] = 1e-4 });
        var rates = new List<double> { optimizer.param_groups[0].lr };
        for (var e = 0; e < 5; e++)
        {
            schedule.step();
            rates.Add(optimizer.param_groups[0].lr);
        }
        // Epoch 5 (counted from 1, as neuralhydrology) starts after 4 steps.
        Assert.Equal([0.1, 0.1, 0.1, 0.1, 1e-4, 1e-4], rates);
    }

    [Fact]
    public void Constructors_BadArguments_ThrowNamingTheProblem()
    {
        using var p = torch.zeros([1], requires_grad: true);
        using var optimizer = torch.optim.SGD([p], lr: 0.1);
        Assert.Contains("epoch -1 is negative", Assert.Throws<ArgumentOutOfRangeException>(
            () => new EpochRateLR(optimizer, new Dictionary<int, double> { [-1] = 0.1 })).Message);
        Assert.Contains("must exceed warmup_epochs (5)", Assert.Throws<ArgumentOutOfRangeException>(
            () => new WarmupCosineLR(optimizer, warmup_epochs: 5, total_epochs: 5)).Message);
        Assert.Contains("\"mean\"", Assert.Throws<ArgumentException>(() => new ReduceLROnPlateau(optimizer, mode: "mean")).Message);
        Assert.Contains("2 max_lr values for 1 parameter groups", Assert.Throws<ArgumentException>(
            () => new OneCycleLR(optimizer, [0.1, 0.2], total_steps: 10)).Message);
        Assert.Contains("\"cosine\"", Assert.Throws<ArgumentException>(
            () => new OneCycleLR(optimizer, 0.1, total_steps: 10, anneal_strategy: "cosine")).Message);
    }

    [Fact]
    public void LoadStateDict_MissingKey_NamesItAndTheKeysPresent()
    {
        using var p = torch.zeros([1], requires_grad: true);
        using var optimizer = torch.optim.SGD([p], lr: 0.1);
        var schedule = new StepLR(optimizer, step_size: 2);
        var error = Assert.Throws<KeyNotFoundException>(() => schedule.load_state_dict(new Dictionary<string, double> { ["last_epoch"] = 3 }));
        Assert.Contains("StepLR state lacks 'last_lr.0'", error.Message);
    }
}
