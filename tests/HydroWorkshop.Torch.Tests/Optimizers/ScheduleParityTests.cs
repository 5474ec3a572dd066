using HydroWorkshop.Torch.Optimizers;
using HydroWorkshop.Torch.Optimizers.Schedules;
using Xunit;

namespace HydroWorkshop.Torch.Tests.Optimizers;

/// <summary>Every schedule against PyTorch 1.13 (or neuralhydrology's rule, for the epoch dictionary):
/// the learning rate of two parameter groups (0.1 and 0.01) at every epoch, and the momentum for one-cycle.</summary>
public class ScheduleParityTests
{
    private static readonly double[] PlateauLosses = [1.0, 0.9, 0.95, 0.92, 0.91, 0.89, 0.9, 0.9, 0.9, 0.5, 0.6, 0.7, 0.8];
    private static readonly double[] PlateauScores = [0.1, 0.2, 0.25, 0.26, 0.26, 0.3, 0.31, 0.31, 0.31, 0.31];

    /// <summary>Per case: the optimizer ("sgd" with momentum 0.9, or "adam"), the schedule, and how one epoch steps it.</summary>
    private static readonly Dictionary<string, (string Optimizer, Func<Optimizer, LearningRateSchedule> Make, Action<LearningRateSchedule, int>? Step)> Cases = new()
    {
        ["steplr"] = ("sgd", o => torch.optim.lr_scheduler.StepLR(o, step_size: 3, gamma: 0.5), null),
        ["multisteplr"] = ("sgd", o => torch.optim.lr_scheduler.MultiStepLR(o, [2, 5, 5], gamma: 0.1), null),
        ["exponentiallr"] = ("sgd", o => torch.optim.lr_scheduler.ExponentialLR(o, gamma: 0.9), null),
        ["warmup_cosine"] = ("sgd", o => torch.optim.lr_scheduler.WarmupCosineLR(o, warmup_epochs: 3, total_epochs: 10, warmup_start_factor: 0.1, eta_min: 1e-4), null),
        ["onecycle_sgd"] = ("sgd", o => new OneCycleLR(o, [0.1, 0.05], total_steps: 10), null),
        ["onecycle_adam_three_phase_linear"] = ("adam", o => torch.optim.lr_scheduler.OneCycleLR(o, max_lr: 0.01, total_steps: 12, pct_start: 0.25,
            anneal_strategy: "linear", three_phase: true, div_factor: 10, final_div_factor: 100), null),
        ["epochrate"] = ("sgd", o => torch.optim.lr_scheduler.EpochRateLR(o, new Dictionary<int, double> { [0] = 1e-3, [3] = 5e-4, [6] = 1e-4 }), null),
        ["plateau_min_rel"] = ("sgd", o => torch.optim.lr_scheduler.ReduceLROnPlateau(o, factor: 0.5, patience: 1, threshold: 0.05, cooldown: 1, min_lr: 0.004),
            (s, e) => ((ReduceLROnPlateau)s).step(PlateauLosses[e - 1])),
        ["plateau_max_abs"] = ("sgd", o => torch.optim.lr_scheduler.ReduceLROnPlateau(o, mode: "max", factor: 0.1, patience: 2, threshold: 0.02, threshold_mode: "abs"),
            (s, e) => ((ReduceLROnPlateau)s).step(PlateauScores[e - 1])),
    };

    public static TheoryData<string> CaseNames()
    {
        var data = new TheoryData<string>();
        foreach (var name in Cases.Keys.Order()) data.Add(name);
        return data;
    }

    [Fact]
    public void Fixture_ScheduleCases_AllHaveACSharpConfiguration()
    {
        var inFixture = OptimFixtures.Cases.Where(c => c.Value.Inputs.Length == 0).Select(c => c.Key).ToHashSet();
        Assert.True(inFixture.SetEquals(Cases.Keys), $"fixture: {string.Join(", ", inFixture.Order())}");
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Step_EveryEpoch_MatchesPyTorchRates(string name)
    {
        var expected = OptimFixtures.Cases[name];
        var (kind, make, step) = Cases[name];
        using var scope = torch.NewDisposeScope();
        var a = torch.zeros([2], requires_grad: true);
        var b = torch.zeros([2], requires_grad: true);
        ParamGroup[] groups = [new ParamGroup([a], lr: 0.1), new ParamGroup([b], lr: 0.01)];
        using Optimizer optimizer = kind == "sgd" ? new SGD(groups, lr: 0.1, momentum: 0.9) : new Adam(groups, lr: 0.1);
        var schedule = make(optimizer);
        var momentumKey = name.StartsWith("onecycle", StringComparison.Ordinal) ? (kind == "sgd" ? "momentum" : "beta1") : null;
        var epochs = (int)expected.Outputs[0].Shape[0];
        var rates = new List<double>();
        var momenta = new List<double>();
        void Record()
        {
            foreach (var g in optimizer.param_groups)
            {
                rates.Add(g.lr);
                if (momentumKey is not null) momenta.Add(g[momentumKey]);
            }
        }
        Record();
        for (var e = 1; e < epochs; e++)
        {
            optimizer.step();
            if (step is not null) step(schedule, e);
            else ((LRScheduler)schedule).step();
            Record();
        }
        using var actualRates = torch.tensor(rates.ToArray(), [epochs, 2]);
        TensorAssert.Close(expected.Outputs[0], actualRates, OptimFixtures.Rtol, 1e-12, $"{name} learning rates");
        Assert.Equal(rates.Skip(rates.Count - 2), schedule.get_last_lr());
        if (momentumKey is not null)
        {
            using var actualMomenta = torch.tensor(momenta.ToArray(), [epochs, 2]);
            TensorAssert.Close(expected.Outputs[1], actualMomenta, OptimFixtures.Rtol, 1e-12, $"{name} {momentumKey}");
        }
    }
}
