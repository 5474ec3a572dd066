using HydroWorkshop.Checkpoints;
using HydroWorkshop.Engine;
using HydroWorkshop.TestSupport;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace HydroWorkshop.Tests.Checkpoints;

/// <summary>Training checkpoints: resume through a file reproduces an uninterrupted run bit-exactly, a checkpoint
/// that does not fit the model is refused with every differing key named, and a file of the earlier engine gives
/// its weights but refuses to resume.</summary>
public sealed class CheckpointTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    private static EpochRateLR Schedule(optim.Optimizer optimizer) =>
        new(optimizer, new Dictionary<int, double> { [0] = 2e-2, [4] = 1e-2, [8] = 5e-3 });

    [Theory]
    [MemberData(nameof(TinyRegression.OptimizerKinds), MemberType = typeof(TinyRegression))]
    public void SaveLoad_ResumeHalfway_ReproducesUninterruptedRunBitExactly(string kind)
    {
        const int steps = 12;
        float[][] uninterrupted;
        using (var model = new TinyRegression(5))
        using (var optimizer = model.Optimizer(kind))
        {
            var schedule = Schedule(optimizer);
            for (var s = 0; s < steps; s++)
            {
                model.TrainStep(optimizer);
                schedule.step();
            }
            uninterrupted = model.Snapshot();
        }

        var path = Path.Combine(folder.Path, $"{kind}.safetensors");
        using (var model = new TinyRegression(5))
        using (var optimizer = model.Optimizer(kind))
        {
            var schedule = Schedule(optimizer);
            for (var s = 0; s < steps / 2; s++)
            {
                model.TrainStep(optimizer);
                schedule.step();
            }
            Checkpoint.Save(path, model.Model.state_dict(), optimizer, schedule, new Dictionary<string, string> { ["epoch"] = "6" });
        }

        // Fresh objects with other initial values: everything must come from the file.
        using (var model = new TinyRegression(6))
        using (var optimizer = model.Optimizer(kind))
        {
            var schedule = Schedule(optimizer);
            var (report, metadata) = Checkpoint.Load(path, model.Model.state_dict(), optimizer, schedule);
            Assert.True(report.IsExact);
            Assert.Equal("6", metadata["epoch"]);
            Assert.Equal(steps / 2, schedule.last_epoch);
            Assert.Equal(1e-2, optimizer.ParamGroups.First().LearningRate);
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
    public void Load_MissingUnexpectedAndMisshapenKeys_NamesEveryOneAndChangesNothing()
    {
        using var scope = NewDisposeScope();
        var path = Path.Combine(folder.Path, "model.safetensors");
        SafeTensors.Save(new Dictionary<string, Tensor>
        {
            ["encoder.weight"] = ones(4, 3),
            ["encoder.bias"] = ones(4),
            ["head.weight"] = ones(1, 4),
            ["old_head.weight"] = ones(1, 4),
        }, path);
        var model = new Dictionary<string, Tensor>
        {
            ["encoder.weight"] = zeros(4, 5),
            ["encoder.bias"] = zeros(4),
            ["head.weight"] = zeros(1, 4),
            ["head.bias"] = zeros(1),
        };
        var error = Assert.Throws<StateDictMismatchException>(() => Checkpoint.LoadInto(path, model));
        Assert.Contains(path, error.Message);
        Assert.Contains("missing key(s) (1): head.bias", error.Message);
        Assert.Contains("unexpected key(s) (1): old_head.weight", error.Message);
        Assert.Contains("encoder.weight: checkpoint [4, 3], model [4, 5]", error.Message);
        Assert.Equal(0f, model["encoder.bias"].sum().item<float>());

        // Not strict: missing and unexpected keys are reported, but a wrong shape is still an error.
        Assert.Throws<StateDictMismatchException>(() => Checkpoint.LoadInto(path, model, strict: false));
        model["encoder.weight"] = zeros(4, 3);
        var report = Checkpoint.LoadInto(path, model, strict: false);
        Assert.Equal(["head.bias"], report.missing_keys);
        Assert.Equal(["old_head.weight"], report.unexpected_keys);
        Assert.Equal(12f, model["encoder.weight"].sum().item<float>());
    }

    [Fact]
    public void Save_ModelOptimizerAndSchedule_IsPlainSafetensorsWithPrefixes()
    {
        var path = Path.Combine(folder.Path, "train.safetensors");
        using var model = new TinyRegression(1);
        using var optimizer = optim.Adam(model.Model.parameters());
        model.TrainStep(optimizer);
        Checkpoint.Save(path, model.Model.state_dict(), optimizer, Schedule(optimizer));
        using var scope = NewDisposeScope();
        var (tensors, metadata) = SafeTensors.Load(path);
        Assert.Equal(["model.hidden.bias", "model.hidden.weight", "model.out.bias", "model.out.weight", "optimizer.torchsharp"],
            tensors.Keys.Order());
        Assert.Equal(ScalarType.Byte, tensors["optimizer.torchsharp"].dtype);
        Assert.Equal("hydroworkshop-checkpoint-2", metadata["format"]);
        Assert.Equal("""{"last_epoch":0}""", metadata["hydroworkshop.schedule"]);
        Assert.Contains("reserved", Assert.Throws<ArgumentException>(
            () => Checkpoint.Save(path, model.Model.state_dict(),
                metadata: new Dictionary<string, string> { ["hydroworkshop.x"] = "" })).Message);
    }

    [Fact]
    public void Load_OptimizerOfAnotherKind_ThrowsNamingTheFile()
    {
        var path = Path.Combine(folder.Path, "adam.safetensors");
        using var model = new TinyRegression(1);
        using (var adam = model.Optimizer("adam_amsgrad"))
        {
            model.TrainStep(adam);
            Checkpoint.Save(path, model.Model.state_dict(), adam);
        }
        using var sgd = model.Optimizer("sgd_nesterov");
        var error = Assert.Throws<InvalidDataException>(() => Checkpoint.Load(path, model.Model.state_dict(), sgd));
        Assert.Contains(path, error.Message);
        Assert.Contains("does not fit this optimizer", error.Message);
    }

    [Fact]
    public void Load_WithoutOptimizerState_SaysTheFileHoldsNone()
    {
        var path = Path.Combine(folder.Path, "weights.safetensors");
        using var model = new TinyRegression(1);
        Checkpoint.Save(path, model.Model.state_dict());
        using var optimizer = model.Optimizer("adamw");
        Assert.Contains("holds no optimizer state",
            Assert.Throws<InvalidDataException>(() => Checkpoint.Load(path, model.Model.state_dict(), optimizer)).Message);
    }

    /// <summary>A file as the libtorch-1.13 engine wrote it: format hydroworkshop-checkpoint-1, the optimizer state as
    /// <c>optimizer.state.N.*</c> tensors with a JSON description in <c>hydroworkshop.optimizer</c>.</summary>
    private static void WriteOldFormat(string path, IReadOnlyDictionary<string, Tensor> weights)
    {
        using var scope = NewDisposeScope();
        var tensors = weights.ToDictionary(w => "model." + w.Key, w => w.Value);
        foreach (var (index, weight) in weights.Values.Select((w, k) => (k, w)))
        {
            tensors[$"optimizer.state.{index}.exp_avg"] = zeros_like(weight);
            tensors[$"optimizer.state.{index}.exp_avg_sq"] = zeros_like(weight);
        }
        SafeTensors.Save(tensors, path, new Dictionary<string, string>
        {
            ["format"] = "hydroworkshop-checkpoint-1",
            ["hydroworkshop.optimizer"] = """{"type":"Adam","param_groups":[{"lr":0.001}],"steps":[3,3,3,3]}""",
            ["hydroworkshop.schedule"] = """{"type":"EpochRateLR","last_epoch":3}""",
            ["epoch"] = "3",
        });
    }

    [Fact]
    public void Load_OldFormatWeightsOnly_LoadsTheWeights()
    {
        var path = Path.Combine(folder.Path, "old.safetensors");
        using var trained = new TinyRegression(1);
        WriteOldFormat(path, trained.Model.state_dict());
        using var fresh = new TinyRegression(2);
        var (report, metadata) = Checkpoint.Load(path, fresh.Model.state_dict());
        Assert.True(report.IsExact);
        Assert.Equal("3", metadata["epoch"]);
        var expected = trained.Snapshot();
        var actual = fresh.Snapshot();
        for (var k = 0; k < expected.Length; k++) Assert.Equal(expected[k], actual[k]);
    }

    [Fact]
    public void Load_OldFormatResume_RefusesNamingTheReasonAndChangesNothing()
    {
        var path = Path.Combine(folder.Path, "old.safetensors");
        using (var trained = new TinyRegression(1)) WriteOldFormat(path, trained.Model.state_dict());
        using var fresh = new TinyRegression(2);
        var before = fresh.Snapshot();
        using var optimizer = optim.Adam(fresh.Model.parameters());
        var schedule = Schedule(optimizer);
        var error = Assert.Throws<InvalidDataException>(() => Checkpoint.Load(path, fresh.Model.state_dict(), optimizer, schedule));
        Assert.Contains(path, error.Message);
        Assert.Contains("hydroworkshop-checkpoint-1", error.Message);
        Assert.Contains("optimizer state cannot be resumed", error.Message);
        var after = fresh.Snapshot();
        for (var k = 0; k < before.Length; k++) Assert.Equal(before[k], after[k]);
        Assert.Equal(0, schedule.last_epoch);
    }
}
