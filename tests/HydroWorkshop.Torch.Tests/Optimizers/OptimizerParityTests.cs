using HydroWorkshop.Torch.Optimizers;
using Xunit;

namespace HydroWorkshop.Torch.Tests.Optimizers;

/// <summary>Three steps of every optimizer configuration against PyTorch 1.13 (same parameters, same
/// gradients given at each step): parameters within 1e-5 relative after each step.</summary>
public class OptimizerParityTests
{
    /// <summary>The C# twin of each optimizer case in make_optim_fixtures.py.</summary>
    private static readonly Dictionary<string, Func<IEnumerable<ParamGroup>, Optimizer>> Configurations = new()
    {
        ["sgd"] = p => new SGD(p, lr: 0.1),
        ["sgd_momentum_dampening_decay"] = p => new SGD(p, lr: 0.05, momentum: 0.9, dampening: 0.1, weight_decay: 0.01),
        ["sgd_nesterov"] = p => new SGD(p, lr: 0.05, momentum: 0.9, nesterov: true, weight_decay: 0.01),
        ["sgd_groups"] = p => torch.optim.SGD(p, lr: 0.1, momentum: 0.5),
        ["adam"] = p => torch.optim.Adam(p, lr: 1e-2),
        ["adam_float64"] = p => torch.optim.Adam(p, lr: 1e-2),
        ["adam_decay_amsgrad_betas"] = p => torch.optim.Adam(p, lr: 1e-2, betas: (0.8, 0.99), weight_decay: 0.1, amsgrad: true),
        ["adam_maximize"] = p => torch.optim.Adam(p, lr: 1e-2, maximize: true),
        ["adam_groups"] = p => torch.optim.Adam(p, lr: 1e-3),
        ["adamw"] = p => torch.optim.AdamW(p, lr: 1e-2, weight_decay: 0.1),
        ["adamw_amsgrad"] = p => torch.optim.AdamW(p, lr: 1e-2, amsgrad: true),
        ["rmsprop"] = p => torch.optim.RMSprop(p, lr: 1e-2),
        ["rmsprop_centered_momentum_decay"] = p => torch.optim.RMSprop(p, lr: 1e-2, alpha: 0.9, momentum: 0.9, centered: true, weight_decay: 0.01),
    };

    /// <summary>Per-group learning rates of the *_groups cases (one parameter per group).</summary>
    private static readonly Dictionary<string, double[]> GroupRates = new()
    {
        ["sgd_groups"] = [0.1, 0.01],
        ["adam_groups"] = [1e-2, 1e-3],
    };

    public static TheoryData<string> CaseNames()
    {
        var data = new TheoryData<string>();
        foreach (var name in Configurations.Keys.Order()) data.Add(name);
        return data;
    }

    [Fact]
    public void Fixture_OptimizerCases_AllHaveACSharpConfiguration()
    {
        var inFixture = OptimFixtures.Cases.Where(c => c.Value.Inputs.Length == 8).Select(c => c.Key).ToHashSet();
        Assert.True(inFixture.SetEquals(Configurations.Keys), $"fixture: {string.Join(", ", inFixture.Order())}");
        Assert.StartsWith("1.13", OptimFixtures.TorchVersion);
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Step_ThreeStepsWithGivenGradients_MatchesPyTorch(string name)
    {
        CheckCase(name, Device.Cpu, OptimFixtures.Rtol, OptimFixtures.Atol);
    }

    /// <summary>Every configuration with its parameters, gradients and hence its state on the GPU.</summary>
    [Fact]
    public void Step_OnCuda_MatchesPyTorch()
    {
        CudaOnly.EveryCase("optimizer cases", Configurations.Keys, name => CheckCase(name, Device.Cuda(0), CudaOnly.ValueRtol, CudaOnly.ValueAtol));
    }

    private static void CheckCase(string name, Device device, double rtol, double atol)
    {
        var c = OptimFixtures.Cases[name];
        using var scope = torch.NewDisposeScope();
        var parameters = new[] { c.Inputs[0].ToTensor(true, device), c.Inputs[1].ToTensor(true, device) };
        IEnumerable<ParamGroup> groups = GroupRates.TryGetValue(name, out var rates)
            ? [new ParamGroup([parameters[0]], lr: rates[0]), new ParamGroup([parameters[1]], lr: rates[1])]
            : [new ParamGroup(parameters)];
        using var optimizer = Configurations[name](groups);
        for (var step = 0; step < 3; step++)
        {
            for (var k = 0; k < 2; k++) parameters[k].grad = c.Inputs[2 + 2 * step + k].ToTensor(false, device);
            optimizer.step();
            for (var k = 0; k < 2; k++)
            {
                Assert.Equal(device, parameters[k].device);
                TensorAssert.Close(c.Outputs[2 * step + k], parameters[k], rtol, atol, $"{name} step {step + 1} parameter {k}");
            }
        }
    }
}
