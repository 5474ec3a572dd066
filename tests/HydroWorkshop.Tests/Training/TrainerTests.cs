using HydroWorkshop.Data;
using HydroWorkshop.Data.Synthetic;
using HydroWorkshop.Engine;
using HydroWorkshop.Models;
using TorchSharp;
using HydroWorkshop.Training;
using Xunit;
using static TorchSharp.torch;

namespace HydroWorkshop.Tests.Training;

/// <summary>End to end on synthetic basins made for the test (3 basins, 6 years, 30-day windows).</summary>
[Collection(SerialCollection.Name)]
public sealed class TrainerTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "hw-trainer-" + Guid.NewGuid().ToString("N"));
    private readonly BasinDataSet train, validation;

    public TrainerTests()
    {
        var source = CamelsData.OpenSynthetic(Path.Combine(folder, "camels"),
            new SyntheticCamelsOptions { Basins = 3, Start = new DateOnly(2000, 1, 1), End = new DateOnly(2005, 12, 31), Seed = 7 });
        (train, validation, _) = CamelsData.WorkshopSplits(source, sequenceLength: 30, statics: ["p_mean", "aridity"]);
    }

    public void Dispose()
    {
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }

    private LstmRegressor NewModel()
    {
        manual_seed(11);
        return new LstmRegressor(train.InputFeatures, 0, hiddenSize: 8);
    }

    private static TrainingConfig Config(int epochs) => new() { Epochs = epochs, BatchSize = 64, LearningRate = 5e-3, Seed = 3 };

    [Fact]
    public void Fit_FewEpochs_LogsEpochLinesAndWritesRunFolder()
    {
        using var model = NewModel();
        var lines = new List<string>();
        var run = Path.Combine(folder, "run");
        var result = new Trainer(model, Config(3), run, lines.Add).Fit(train, validation);
        Assert.Equal(3, result.History.Count);
        Assert.Matches(@"^Epoch 1/3: Train Loss: \d+\.\d{3} Val Loss: \d+\.\d{3} NSE: -?\d+\.\d{2}$", lines[0]);
        Assert.True(result.History[^1].TrainLoss < result.History[0].TrainLoss, string.Join("\n", lines));
        foreach (var file in new[] { "config.json", "normalisation.json", "best_model.safetensors", "training_log.csv",
            "last_checkpoint.safetensors" })
            Assert.True(File.Exists(Path.Combine(run, file)), file);
        Assert.Equal(4, File.ReadAllLines(Path.Combine(run, "training_log.csv")).Length);
    }

    [Fact]
    public void Fit_LearningRateSchedule_LogsTheRateEachEpochTrainedWith()
    {
        // {1: 0.01, 3: 0.001}: epochs 1 and 2 train at 0.01, epoch 3 at 0.001 (keys are the log's epoch numbers).
        using var model = NewModel();
        var run = Path.Combine(folder, "schedule");
        var config = Config(3) with { LearningRates = new Dictionary<int, double> { [1] = 0.01, [3] = 0.001 } };
        var result = new Trainer(model, config, run, _ => { }).Fit(train, validation);
        Assert.Equal([0.01, 0.01, 0.001], result.History.Select(h => h.LearningRate));
        var column = Array.IndexOf(EpochRecord.CsvHeader.Split(','), "learning_rate");
        Assert.Equal(["0.01", "0.01", "0.001"], File.ReadAllLines(Path.Combine(run, "training_log.csv")).Skip(1)
            .Select(l => l.Split(',')[column]));
    }

    [Fact]
    public void Fit_ResumedAfterInterruption_ReproducesUninterruptedRunBitwise()
    {
        using var uninterrupted = NewModel();
        new Trainer(uninterrupted, Config(4), Path.Combine(folder, "a"), _ => { }).Fit(train, validation);

        using var interrupted = NewModel();
        using var stop = new CancellationTokenSource();
        var runB = Path.Combine(folder, "b");
        var first = new Trainer(interrupted, Config(4), runB, line => { if (line.StartsWith("Epoch 2/4")) stop.Cancel(); })
            .Fit(train, validation, cancellationToken: stop.Token);
        Assert.True(first.Cancelled);
        Assert.Equal(2, first.History.Count);

        manual_seed(999);                                          // a fresh process would start elsewhere
        using var resumed = new LstmRegressor(train.InputFeatures, 0, hiddenSize: 8);
        var second = new Trainer(resumed, Config(4), runB, _ => { }).Fit(train, validation, resume: true);
        Assert.Equal(4, second.History.Count);

        using var scope = NewDisposeScope();
        var expected = uninterrupted.state_dict();
        foreach (var (key, value) in resumed.state_dict())
            Assert.True(value.allclose(expected[key], rtol: 0, atol: 0), $"{key} differs after resuming");
    }

    [Fact]
    public void Fit_Patience_StopsEarlyAndRestoresBestWeights()
    {
        using var model = NewModel();
        var lines = new List<string>();
        var config = Config(30) with { Patience = 1, LearningRate = 0.5 };       // far too high: validation worsens fast
        var result = new Trainer(model, config, Path.Combine(folder, "c"), lines.Add).Fit(train, validation);
        Assert.True(result.History.Count < 30, string.Join("\n", lines));
        Assert.Contains(lines, l => l.StartsWith("Early stop after epoch"));
        Assert.Equal(result.History.Min(h => h.ValidationLoss), result.BestValidationLoss);
    }

    [Fact]
    public void Constructor_ModelWithoutSequenceInterface_SaysWhy()
    {
        using var linear = nn.Linear(2, 1);
        var e = Assert.Throws<ArgumentException>(() => new Trainer(linear, Config(1)));
        Assert.Contains("ISequenceRegressor", e.Message);
    }

    [Fact]
    public void Config_BadOptimizer_NamesValidOnes()
    {
        var e = Assert.Throws<ArgumentException>(() => (Config(1) with { Optimizer = "lbfgs" }).Validate());
        Assert.Contains("adam, adamw", e.Message);
    }

    [Fact]
    public void Config_BadDevice_NamesTheSpellings()
    {
        var e = Assert.Throws<ArgumentException>(() => (Config(1) with { Device = "tpu" }).Validate());
        Assert.Contains("'tpu' is not a device (expected cpu, cuda or cuda:N)", e.Message);
    }

    [Fact]
    public void Fit_CpuDeviceSpelledOut_SameRunAsTheDefault()
    {
        using var byDefault = NewModel();
        var a = new Trainer(byDefault, Config(2), log: _ => { }).Fit(train, validation);
        using var explicitCpu = NewModel();
        var b = new Trainer(explicitCpu, Config(2) with { Device = "cpu" }, log: _ => { }).Fit(train, validation);

        Assert.Equal(a.History.Select(r => r.TrainLoss), b.History.Select(r => r.TrainLoss));
        Assert.Equal(DeviceType.CPU, explicitCpu.parameters().First().device.type);
    }

    /// <summary>Without a usable GPU, device cuda stops before training with libtorch's reason; with one (a CUDA build on a
    /// GPU machine), it trains there and hands the model back on the CPU.</summary>
    [Fact]
    public void Fit_CudaDevice_TrainsThereOrSaysWhyNot()
    {
        using var model = NewModel();
        var trainer = new Trainer(model, Config(2) with { Device = "cuda" }, log: _ => { });
        if (EngineInfo.CudaUnavailableReason() is { } reason)
        {
            var e = Assert.Throws<InvalidOperationException>(() => trainer.Fit(train, validation));
            Assert.Contains($"training device 'cuda' cannot be used: {reason}", e.Message);
        }
        else
        {
            var result = trainer.Fit(train, validation);
            Assert.True(result.History[^1].TrainLoss < result.History[0].TrainLoss);
        }
        Assert.All(model.parameters(), p => Assert.Equal(DeviceType.CPU, p.device.type));
    }
}
