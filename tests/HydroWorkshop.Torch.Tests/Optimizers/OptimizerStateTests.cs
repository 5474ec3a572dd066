using HydroWorkshop.Torch.Optimizers;
using HydroWorkshop.Torch.Optimizers.Schedules;
using Xunit;

namespace HydroWorkshop.Torch.Tests.Optimizers;

/// <summary>Optimizer state dicts, parameter groups, zero_grad, argument checks and tensor lifetimes.</summary>
public class OptimizerStateTests
{
    public static readonly TheoryData<string> Kinds = new() { "sgd_nesterov", "adam_amsgrad", "adamw", "rmsprop_centered_momentum" };

    internal static Optimizer Make(string kind, IEnumerable<Tensor> parameters) => kind switch
    {
        "sgd_nesterov" => torch.optim.SGD(parameters, lr: 0.05, momentum: 0.9, nesterov: true, weight_decay: 1e-3),
        "adam_amsgrad" => torch.optim.Adam(parameters, lr: 1e-2, amsgrad: true),
        "adamw" => torch.optim.AdamW(parameters, lr: 1e-2),
        "rmsprop_centered_momentum" => torch.optim.RMSprop(parameters, lr: 1e-3, momentum: 0.5, centered: true),
        _ => throw new ArgumentException(kind),
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void LoadStateDict_AfterHalfTheSteps_ContinuesBitExactly(string kind)
    {
        const int steps = 10;
        float[][] uninterrupted;
        using (var model = new TinyRegression(1))
        using (var optimizer = Make(kind, model.Parameters.Values))
        {
            var schedule = new StepLR(optimizer, step_size: 3, gamma: 0.5);
            for (var s = 0; s < steps; s++)
            {
                model.TrainStep(optimizer);
                schedule.step();
            }
            uninterrupted = model.Snapshot();
        }

        OptimizerState saved;
        Dictionary<string, double> savedSchedule;
        float[][] half;
        using (var model = new TinyRegression(1))
        using (var optimizer = Make(kind, model.Parameters.Values))
        {
            var schedule = new StepLR(optimizer, step_size: 3, gamma: 0.5);
            for (var s = 0; s < steps / 2; s++)
            {
                model.TrainStep(optimizer);
                schedule.step();
            }
            saved = optimizer.state_dict();
            savedSchedule = schedule.state_dict();
            half = model.Snapshot();
        }

        using (saved)
        using (var model = new TinyRegression(2))
        using (var optimizer = Make(kind, model.Parameters.Values))
        {
            var schedule = new StepLR(optimizer, step_size: 3, gamma: 0.5);
            using (torch.no_grad())
            {
                var k = 0;
                foreach (var p in model.Parameters.Values) p.CopyFrom<float>(half[k++]);
            }
            optimizer.load_state_dict(saved);
            schedule.load_state_dict(savedSchedule);
            for (var s = steps / 2; s < steps; s++)
            {
                model.TrainStep(optimizer);
                schedule.step();
            }
            var resumed = model.Snapshot();
            for (var k = 0; k < resumed.Length; k++) Assert.Equal(uninterrupted[k], resumed[k]);
        }
    }

    [Fact]
    public void Step_ThousandSteps_LeavesNoTensorBehind()
    {
        using var model = new TinyRegression(3);
        var optimizer = torch.optim.Adam(model.Parameters.Values, lr: 1e-3, amsgrad: true);
        var schedule = torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr: 1e-2, total_steps: 1001);
        model.TrainStep(optimizer);
        schedule.step();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var afterFirst = Tensor.LiveCount;
        var first = double.NaN;
        var last = double.NaN;
        for (var s = 0; s < 1000; s++)
        {
            last = model.TrainStep(optimizer);
            if (s == 0) first = last;
            schedule.step();
        }
        Assert.Equal(afterFirst, Tensor.LiveCount);
        Assert.True(last < first, $"loss did not fall: {first} -> {last}");
        optimizer.Dispose();
        Assert.Equal(afterFirst - 3 * model.Parameters.Count, Tensor.LiveCount);
    }

    [Fact]
    public void ZeroGrad_SetToNoneOrZeros_ClearsEveryGradient()
    {
        using var scope = torch.NewDisposeScope();
        var p = torch.ones([3], requires_grad: true);
        using var optimizer = torch.optim.SGD([p], lr: 0.1);
        p.sum().backward();
        optimizer.zero_grad(set_to_none: false);
        Assert.Equal(new float[3], p.grad!.ToArray<float>());
        optimizer.zero_grad();
        Assert.Null(p.grad);
    }

    [Fact]
    public void Step_ParameterWithoutGradient_IsLeftAlone()
    {
        using var scope = torch.NewDisposeScope();
        var used = torch.ones([2], requires_grad: true);
        var unused = torch.ones([2], requires_grad: true);
        using var optimizer = torch.optim.Adam([used, unused], lr: 0.1);
        used.sum().backward();
        optimizer.step();
        Assert.Equal(new[] { 1f, 1f }, unused.ToArray<float>());
        Assert.Null(optimizer.StateOf(unused));
        Assert.Equal(1, optimizer.StateOf(used)!.step);
    }

    [Fact]
    public void Constructor_ParameterInTwoGroups_ThrowsNamingTheGroups()
    {
        using var p = torch.ones([2], requires_grad: true);
        var error = Assert.Throws<ArgumentException>(() => new Adam([new ParamGroup([p]), new ParamGroup([p], lr: 0.1)]));
        Assert.Contains("parameter 0 of group 1 already belongs to group 0", error.Message);
    }

    [Fact]
    public void Constructor_NonLeafOrIntegerOrUnknownOption_ThrowsWithReason()
    {
        using var scope = torch.NewDisposeScope();
        var leaf = torch.ones([2], requires_grad: true);
        Assert.Contains("not a leaf", Assert.Throws<ArgumentException>(() => torch.optim.SGD([leaf.mul(2.0)])).Message);
        Assert.Contains("int64", Assert.Throws<ArgumentException>(() => torch.optim.SGD([torch.tensor(new long[] { 1 })])).Message);
        Assert.Contains("no option 'betas'", Assert.Throws<ArgumentException>(
            () => new SGD([new ParamGroup([leaf], options: new Dictionary<string, double> { ["betas"] = 0.9 })])).Message);
        Assert.Contains("beta2", Assert.Throws<ArgumentOutOfRangeException>(() => torch.optim.Adam([leaf], betas: (0.9, 1.0))).Message);
        Assert.Contains("lr", Assert.Throws<ArgumentOutOfRangeException>(() => torch.optim.AdamW([leaf], lr: -1)).Message);
    }

    [Fact]
    public void LoadStateDict_OtherOptimizerOrLayout_ThrowsAndKeepsState()
    {
        using var scope = torch.NewDisposeScope();
        var a = torch.ones([2], requires_grad: true);
        var b = torch.ones([3], requires_grad: true);
        using var adam = torch.optim.Adam([a, b]);
        a.sum().backward();
        adam.step();
        using var state = adam.state_dict();
        using var sgd = torch.optim.SGD([a, b]);
        Assert.Contains("Adam's; it cannot be loaded into SGD", Assert.Throws<ArgumentException>(() => sgd.load_state_dict(state)).Message);
        using var fewer = torch.optim.Adam([a]);
        Assert.Contains("group 0 of the state has 2 parameter(s), this optimizer's 1", Assert.Throws<ArgumentException>(() => fewer.load_state_dict(state)).Message);
        using var swapped = torch.optim.Adam([b, a]);
        Assert.Contains("state.0.exp_avg has shape [2], parameter 0 has [3]", Assert.Throws<ArgumentException>(() => swapped.load_state_dict(state)).Message);
    }

    [Fact]
    public void StateDict_ToTensorsAndBack_KeepsStepsOptionsAndBuffers()
    {
        using var scope = torch.NewDisposeScope();
        var a = torch.ones([2], requires_grad: true);
        using var optimizer = torch.optim.SGD([new ParamGroup([a], lr: 0.25)], momentum: 0.9);
        _ = new MultiStepLR(optimizer, [5]);
        a.sum().backward();
        optimizer.step();
        using var state = optimizer.state_dict();
        var (tensors, json) = state.ToTensors();
        Assert.Equal(["state.0.momentum_buffer"], tensors.Keys);
        using var back = OptimizerState.FromTensors(tensors, json);
        Assert.Equal(1, back.state[0].Step);
        Assert.Equal(0.25, back.param_groups[0].Options["lr"]);
        Assert.Equal(0.25, back.param_groups[0].Options["initial_lr"]);
        Assert.Equal(0.9, back.param_groups[0].Options["momentum"]);
        Assert.True(back.state[0].Buffers["momentum_buffer"].equal(tensors["state.0.momentum_buffer"]));
    }
}
