using HydroWorkshop.Torch.Checkpoints;
using Xunit;

namespace HydroWorkshop.Torch.Tests.Checkpoints;

/// <summary>Checkpoints with the library's modules: a module tree's state_dict round-trips bit-exactly,
/// and loading a checkpoint into <c>model.state_dict()</c> changes the model's own parameters.</summary>
public sealed class ModuleCheckpointTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("hw-module-checkpoint-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void SaveLoad_LstmAndLinearStateDict_RoundTripsBitExactly()
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(1);
        using var lstm = torch.nn.LSTM(3, 8, numLayers: 2);
        using var head = torch.nn.Linear(8, 1);
        var state = lstm.state_dict().Select(e => ("lstm." + e.Key, e.Value)).Concat(head.state_dict().Select(e => ("head." + e.Key, e.Value)))
            .ToDictionary(e => e.Item1, e => e.Item2);
        var path = Path.Combine(folder, "model.safetensors");
        torch.save(state, path);

        torch.manual_seed(2);
        using var lstm2 = torch.nn.LSTM(3, 8, numLayers: 2);
        using var head2 = torch.nn.Linear(8, 1);
        var loaded = torch.load(path);
        lstm2.load_state_dict(loaded.Where(e => e.Key.StartsWith("lstm.", StringComparison.Ordinal)).ToDictionary(e => e.Key[5..], e => e.Value));
        head2.load_state_dict(loaded.Where(e => e.Key.StartsWith("head.", StringComparison.Ordinal)).ToDictionary(e => e.Key[5..], e => e.Value));
        var before = lstm.parameters().Concat(head.parameters()).ToArray();
        var after = lstm2.parameters().Concat(head2.parameters()).ToArray();
        Assert.Equal(before.Length, after.Length);
        for (var k = 0; k < before.Length; k++) Assert.Equal(SafeTensorsTests.Bytes(before[k].detach()), SafeTensorsTests.Bytes(after[k].detach()));
    }

    [Fact]
    public void Load_IntoModuleStateDict_ChangesTheModuleAndResumesTheOptimizer()
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(3);
        using var model = torch.nn.Linear(4, 2);
        using var optimizer = torch.optim.Adam(model.parameters(), lr: 0.01);
        foreach (var p in model.parameters()) p.grad = torch.ones_like(p);
        optimizer.step();
        var path = Path.Combine(folder, "train.safetensors");
        Checkpoint.Save(path, model.state_dict(), optimizer);

        torch.manual_seed(4);
        using var fresh = torch.nn.Linear(4, 2);
        using var freshOptimizer = torch.optim.Adam(fresh.parameters(), lr: 0.01);
        Checkpoint.Load(path, fresh.state_dict(), freshOptimizer);
        var expected = model.parameters().ToArray();
        var actual = fresh.parameters().ToArray();
        for (var k = 0; k < expected.Length; k++)
        {
            Assert.Equal(SafeTensorsTests.Bytes(expected[k].detach()), SafeTensorsTests.Bytes(actual[k].detach()));
            Assert.Equal(1, freshOptimizer.StateOf(actual[k])!.step);
        }
    }
}
