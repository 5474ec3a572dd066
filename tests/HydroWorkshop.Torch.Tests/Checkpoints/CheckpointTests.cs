using HydroWorkshop.Torch.Checkpoints;
using HydroWorkshop.Torch.Optimizers.Schedules;
using HydroWorkshop.Torch.Tests.Optimizers;
using Xunit;

namespace HydroWorkshop.Torch.Tests.Checkpoints;

/// <summary>Training checkpoints: resume through a file reproduces an uninterrupted run bit-exactly, and
/// a checkpoint that does not fit the model is refused with every differing key named.</summary>
public sealed class CheckpointTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("hw-checkpoint-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Theory]
    [MemberData(nameof(OptimizerStateTests.Kinds), MemberType = typeof(OptimizerStateTests))]
    public void SaveLoad_ResumeHalfway_ReproducesUninterruptedRunBitExactly(string kind)
    {
        const int steps = 12;
        float[][] uninterrupted;
        using (var model = new TinyRegression(5))
        using (var optimizer = OptimizerStateTests.Make(kind, model.Parameters.Values))
        {
            var schedule = new WarmupCosineLR(optimizer, warmup_epochs: 3, total_epochs: steps);
            for (var s = 0; s < steps; s++)
            {
                model.TrainStep(optimizer);
                schedule.step();
            }
            uninterrupted = model.Snapshot();
        }

        var path = Path.Combine(folder, $"{kind}.safetensors");
        using (var model = new TinyRegression(5))
        using (var optimizer = OptimizerStateTests.Make(kind, model.Parameters.Values))
        {
            var schedule = new WarmupCosineLR(optimizer, warmup_epochs: 3, total_epochs: steps);
            for (var s = 0; s < steps / 2; s++)
            {
                model.TrainStep(optimizer);
                schedule.step();
            }
            Checkpoint.Save(path, model.Parameters, optimizer, schedule, new Dictionary<string, string> { ["epoch"] = "6" });
        }

        // Fresh objects with other initial values: everything must come from the file.
        using (var model = new TinyRegression(6))
        using (var optimizer = OptimizerStateTests.Make(kind, model.Parameters.Values))
        {
            var schedule = new WarmupCosineLR(optimizer, warmup_epochs: 3, total_epochs: steps);
            var (report, metadata) = Checkpoint.Load(path, model.Parameters, optimizer, schedule);
            Assert.True(report.IsExact);
            Assert.Equal("6", metadata["epoch"]);
            Assert.Equal(steps / 2, schedule.last_epoch);
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
    public void Load_ReduceLROnPlateauState_RestoresBestAndCounters()
    {
        var path = Path.Combine(folder, "plateau.safetensors");
        using var model = new TinyRegression(1);
        using var optimizer = torch.optim.SGD(model.Parameters.Values, lr: 0.1);
        var plateau = new ReduceLROnPlateau(optimizer, patience: 0, cooldown: 2);
        plateau.step(1.0);
        plateau.step(2.0);
        Checkpoint.Save(path, model.Parameters, optimizer, plateau);
        using var other = torch.optim.SGD(model.Parameters.Values, lr: 0.1);
        var restored = new ReduceLROnPlateau(other, patience: 0, cooldown: 2);
        Checkpoint.Load(path, model.Parameters, other, restored);
        Assert.Equal((1.0, 2, 0, 2), (restored.best, restored.last_epoch, restored.num_bad_epochs, restored.cooldown_counter));
        Assert.Equal(0.01, other.param_groups[0].lr, 15);
    }

    [Fact]
    public void Load_MissingUnexpectedAndMisshapenKeys_NamesEveryOneAndChangesNothing()
    {
        using var scope = torch.NewDisposeScope();
        var path = Path.Combine(folder, "model.safetensors");
        torch.save(new Dictionary<string, Tensor>
        {
            ["encoder.weight"] = torch.ones([4, 3]),
            ["encoder.bias"] = torch.ones([4]),
            ["head.weight"] = torch.ones([1, 4]),
            ["old_head.weight"] = torch.ones([1, 4]),
        }, path);
        var model = new Dictionary<string, Tensor>
        {
            ["encoder.weight"] = torch.zeros([4, 5]),
            ["encoder.bias"] = torch.zeros([4]),
            ["head.weight"] = torch.zeros([1, 4]),
            ["head.bias"] = torch.zeros([1]),
        };
        var error = Assert.Throws<StateDictMismatchException>(() => Checkpoint.LoadInto(path, model));
        Assert.Contains(path, error.Message);
        Assert.Contains("missing key(s) (1): head.bias", error.Message);
        Assert.Contains("unexpected key(s) (1): old_head.weight", error.Message);
        Assert.Contains("encoder.weight: checkpoint [4, 3], model [4, 5]", error.Message);
        Assert.Equal(0.0, model["encoder.bias"].sum().item<double>());

        // Not strict: missing and unexpected keys are reported, but a wrong shape is still an error.
        Assert.Throws<StateDictMismatchException>(() => Checkpoint.LoadInto(path, model, strict: false));
        model["encoder.weight"] = torch.zeros([4, 3]);
        var report = Checkpoint.LoadInto(path, model, strict: false);
        Assert.Equal(["head.bias"], report.missing_keys);
        Assert.Equal(["old_head.weight"], report.unexpected_keys);
        Assert.Equal(12.0, model["encoder.weight"].sum().item<double>());
    }

    [Fact]
    public void Save_ModelDictionary_IsReadableAsPlainSafetensorsWithPrefixes()
    {
        var path = Path.Combine(folder, "train.safetensors");
        using var model = new TinyRegression(1);
        using var optimizer = torch.optim.Adam(model.Parameters.Values);
        model.TrainStep(optimizer);
        Checkpoint.Save(path, model.Parameters, optimizer);
        using var scope = torch.NewDisposeScope();
        var tensors = torch.load(path, out var metadata);
        Assert.Contains("model.hidden.weight", tensors.Keys);
        Assert.Contains("optimizer.state.0.exp_avg", tensors.Keys);
        Assert.Contains("hydroworkshop.optimizer", metadata.Keys);
        Assert.Contains("reserved", Assert.Throws<ArgumentException>(
            () => Checkpoint.Save(path, model.Parameters, metadata: new Dictionary<string, string> { ["hydroworkshop.x"] = "" })).Message);
    }
}
