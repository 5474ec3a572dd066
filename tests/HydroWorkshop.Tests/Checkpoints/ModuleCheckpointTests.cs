using HydroWorkshop.Checkpoints;
using HydroWorkshop.Models;
using HydroWorkshop.TestSupport;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace HydroWorkshop.Tests.Checkpoints;

/// <summary>Checkpoints with TorchSharp modules: a module tree's state_dict round-trips bit-exactly, and loading a
/// checkpoint into <c>model.state_dict()</c> changes the model's own parameters and resumes its optimizer.</summary>
public sealed class ModuleCheckpointTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void SaveLoad_LstmRegressorStateDict_RoundTripsBitExactly()
    {
        using var scope = NewDisposeScope();
        manual_seed(1);
        using var model = new LstmRegressor(3, 2, hiddenSize: 8, numLayers: 2);
        var path = Path.Combine(folder.Path, "model.safetensors");
        SafeTensors.Save(model.state_dict(), path);

        manual_seed(2);
        using var other = new LstmRegressor(3, 2, hiddenSize: 8, numLayers: 2);
        var (loaded, _) = SafeTensors.Load(path);
        var (missing, unexpected) = other.load_state_dict(loaded);
        Assert.Empty(missing);
        Assert.Empty(unexpected);
        var before = model.named_parameters().ToList();
        var after = other.named_parameters().ToList();
        Assert.Equal(before.Select(p => p.name), after.Select(p => p.name));
        for (var k = 0; k < before.Count; k++)
            Assert.Equal(SafeTensorsTests.Bytes(before[k].parameter), SafeTensorsTests.Bytes(after[k].parameter));
    }

    [Fact]
    public void Load_IntoModuleStateDict_ChangesTheModuleAndResumesTheOptimizer()
    {
        using var scope = NewDisposeScope();
        var x = randn(6, 4);
        void Step(nn.Module<Tensor, Tensor> m, optim.Optimizer o)
        {
            o.zero_grad();
            m.forward(x).square().sum().backward();
            o.step();
        }
        manual_seed(3);
        using var model = nn.Linear(4, 2);
        using var optimizer = optim.Adam(model.parameters(), lr: 0.01);
        Step(model, optimizer);
        var path = Path.Combine(folder.Path, "train.safetensors");
        Checkpoint.Save(path, model.state_dict(), optimizer);

        manual_seed(4);
        using var fresh = nn.Linear(4, 2);
        using var freshOptimizer = optim.Adam(fresh.parameters(), lr: 0.01);
        Checkpoint.Load(path, fresh.state_dict(), freshOptimizer);
        Assert.Equal(model.weight!.data<float>().ToArray(), fresh.weight!.data<float>().ToArray());

        // Adam's second step depends on its moments and step count: equal only if both came back.
        Step(model, optimizer);
        Step(fresh, freshOptimizer);
        var expected = model.parameters().ToArray();
        var actual = fresh.parameters().ToArray();
        for (var k = 0; k < expected.Length; k++) Assert.Equal(SafeTensorsTests.Bytes(expected[k]), SafeTensorsTests.Bytes(actual[k]));
    }
}
