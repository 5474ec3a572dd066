using HydroWorkshop.Torch;
using Xunit;

namespace HydroWorkshop.Torch.Tests;

/// <summary>Every operator family against PyTorch (tests/fixtures/torch/parity.json): values within 1e-5
/// relative, gradients within 1e-4 relative.</summary>
public class ParityTests
{
    private const double ValueRtol = 1e-5, ValueAtol = 1e-6;
    private const double GradRtol = 1e-4, GradAtol = 1e-5;

    public static TheoryData<string> CaseNames()
    {
        var data = new TheoryData<string>();
        foreach (var name in TorchFixtures.ParityCases.Keys.Order()) data.Add(name);
        return data;
    }

    [Fact]
    public void Cases_FixtureAndCSharp_CoverTheSameNames()
    {
        var fixture = TorchFixtures.ParityCases.Keys.ToHashSet();
        var csharp = ParityCases.All.Keys.ToHashSet();
        Assert.True(fixture.Count >= 100, $"only {fixture.Count} fixture cases");
        Assert.Empty(fixture.Except(csharp));
        Assert.Empty(csharp.Except(fixture));
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Operator_SameInputs_MatchesPyTorch(string name)
    {
        CheckCase(name, Device.Cpu, ValueRtol, ValueAtol, GradRtol, GradAtol);
    }

    /// <summary>Every case again with its inputs on the GPU. The tolerances are looser because CUDA's
    /// kernels sum in another order; a wrong kernel or a tensor left on the CPU
    /// still fails by orders of magnitude.</summary>
    [Fact]
    public void Operator_OnCuda_MatchesPyTorch()
    {
        CudaOnly.EveryCase("operator cases", TorchFixtures.ParityCases.Keys,
            name => CheckCase(name, Device.Cuda(0), CudaOnly.ValueRtol, CudaOnly.ValueAtol, CudaOnly.GradRtol, CudaOnly.GradAtol));
    }

    private static void CheckCase(string name, Device device, double valueRtol, double valueAtol, double gradRtol, double gradAtol)
    {
        var c = TorchFixtures.ParityCases[name];
        var baseline = Tensor.LiveCount;
        using (var scope = torch.NewDisposeScope())
        {
            var withGrad = c.Grads is not null;
            var inputs = c.Inputs.Select(i => i.ToTensor(withGrad && i.ScalarType.IsFloatingPoint(), device)).ToArray();
            var outputs = ParityCases.All[name](inputs);
            Assert.Equal(c.Outputs.Length, outputs.Length);
            for (var k = 0; k < outputs.Length; k++)
                TensorAssert.Close(c.Outputs[k], outputs[k], valueRtol, valueAtol, $"{name} output {k}");

            if (withGrad)
            {
                Tensor? loss = null;
                for (var k = 0; k < outputs.Length; k++)
                {
                    if (c.Weights![k] is not { } weight) continue;
                    var term = (outputs[k] * weight.ToTensor(false, outputs[k].device)).sum();
                    loss = loss is null ? term : loss + term;
                }
                loss!.backward();
                for (var k = 0; k < inputs.Length; k++)
                {
                    var expected = c.Grads![k];
                    var actual = inputs[k].grad;
                    if (expected is null)
                    {
                        Assert.True(actual is null, $"{name}: input {k} has a gradient, PyTorch has none");
                        continue;
                    }
                    Assert.True(actual is not null, $"{name}: input {k} has no gradient");
                    TensorAssert.Close(expected, actual!, gradRtol, gradAtol, $"{name} grad of input {k}");
                }
            }
        }
        Assert.Equal(baseline, Tensor.LiveCount);
    }
}
