using HydroWorkshop.Torch.Modules;
using Xunit;

namespace HydroWorkshop.Torch.Tests.Modules;

/// <summary>Every layer and loss against PyTorch 1.13 (tests/fixtures/torch/nn.json): outputs within 1e-5
/// relative, input and parameter gradients within 1e-4, with PyTorch's own weights loaded by name.</summary>
public class NnParityTests
{
    private static readonly Lazy<Dictionary<string, NnFixture>> Fixtures = new(() => NnFixture.Load("nn.json"));

    public static TheoryData<string> CaseNames()
    {
        var data = new TheoryData<string>();
        foreach (var name in Fixtures.Value.Keys.Order()) data.Add(name);
        return data;
    }

    [Fact]
    public void Cases_FixtureAndCSharp_CoverTheSameNames()
    {
        Assert.Empty(Fixtures.Value.Keys.Except(NnCases.All.Keys));
        Assert.Empty(NnCases.All.Keys.Except(Fixtures.Value.Keys));
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Layer_PyTorchWeights_MatchesPyTorch(string name)
    {
        CheckCase(name, Device.Cpu, 1e-5, 1e-6, 1e-4, 1e-5);
    }

    /// <summary>Every layer and loss moved to the GPU with <c>module.to(cuda)</c>, its inputs there too.</summary>
    [Fact]
    public void Layer_OnCuda_MatchesPyTorch()
    {
        CudaOnly.EveryCase("layers", Fixtures.Value.Keys,
            name => CheckCase(name, Device.Cuda(0), CudaOnly.ValueRtol, CudaOnly.ValueAtol, CudaOnly.GradRtol, CudaOnly.GradAtol));
    }

    private static void CheckCase(string name, Device device, double valueRtol, double valueAtol, double gradRtol, double gradAtol)
    {
        var fixture = Fixtures.Value[name];
        var c = NnCases.All[name];
        var baseline = Tensor.LiveCount;
        using (var scope = torch.NewDisposeScope())
        {
            using var module = c.Make();
            if (module is not null)
            {
                var state = fixture.State.ToDictionary(p => p.Key, p => p.Value.ToTensor());
                module.load_state_dict(state);
                module.train(c.Train);
                if (device != Device.Cpu) module.to(device);
            }
            var withGrad = fixture.Case.Grads is not null;
            var inputs = fixture.Case.Inputs.Select(i => i.ToTensor(withGrad && i.ScalarType.IsFloatingPoint(), device)).ToArray();
            var outputs = c.Run(module, inputs);
            if (c.Extra is not null) outputs = [.. outputs, .. c.Extra(module!)];
            Assert.Equal(fixture.Case.Outputs.Length, outputs.Length);
            for (var k = 0; k < outputs.Length; k++)
                TensorAssert.Close(fixture.Case.Outputs[k], outputs[k], valueRtol, valueAtol, $"{name} output {k}");
            if (!withGrad) return;

            Tensor? loss = null;
            for (var k = 0; k < outputs.Length; k++)
            {
                if (fixture.Case.Weights![k] is not { } weight) continue;
                var term = (outputs[k] * weight.ToTensor(false, outputs[k].device)).sum();
                loss = loss is null ? term : loss + term;
            }
            loss!.backward();
            for (var k = 0; k < inputs.Length; k++)
            {
                if (fixture.Case.Grads![k] is not { } expected) continue;
                TensorAssert.Close(expected, inputs[k].grad!, gradRtol, gradAtol, $"{name} grad of input {k}");
            }
            if (module is null) return;
            var parameters = module.named_parameters().ToDictionary(p => p.Key, p => p.Value);
            Assert.Equal(fixture.ParamGrads.Keys.Order(), parameters.Where(p => p.Value.grad is not null).Select(p => p.Key).Order());
            foreach (var (key, expected) in fixture.ParamGrads)
                TensorAssert.Close(expected, parameters[key].grad!, gradRtol, gradAtol, $"{name} grad of {key}");
        }
        Assert.Equal(baseline, Tensor.LiveCount);
    }
}

/// <summary>A case of nn.json: the generic case plus the module's state and parameter gradients.</summary>
public sealed record NnFixture(FixtureCase Case, Dictionary<string, FixtureTensor> State, Dictionary<string, FixtureTensor> ParamGrads)
{
    public static Dictionary<string, NnFixture> Load(string file)
    {
        var (_, cases) = TorchFixtures.Load(file);
        using var document = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "fixtures", file)));
        var result = new Dictionary<string, NnFixture>();
        foreach (var property in document.RootElement.GetProperty("cases").EnumerateObject())
        {
            Dictionary<string, FixtureTensor> Map(string name) => property.Value.TryGetProperty(name, out var map)
                ? map.EnumerateObject().ToDictionary(p => p.Name, p => FixtureTensor.Parse(p.Value)!)
                : [];
            result[property.Name] = new NnFixture(cases[property.Name], Map("state"), Map("param_grads"));
        }
        return result;
    }
}
