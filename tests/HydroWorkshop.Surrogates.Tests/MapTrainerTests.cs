using HydroWorkshop.FloodData;
using HydroWorkshop.Models.Maps;
using HydroWorkshop.TestSupport;
using TorchSharp;
using HydroWorkshop.Training;
using Xunit;
using static TorchSharp.torch;

namespace HydroWorkshop.Surrogates.Tests;

public sealed class MapTrainerTests
{
    private static readonly MapTrainingOptions Options = new() { WarmupFrames = 3, TeacherForcing = new(1.0, 0.0, DecayEpochs: 10),
        WetThreshold = 0.001 };

    /// <summary>The roll-out loss of <paramref name="model"/> on all of <paramref name="data"/>, as Fit scores validation
    /// (eval mode, the trainer's scales).</summary>
    private static double RollOutLoss(MapTrainer trainer, IMapModel model, MapSequences data)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        ((nn.Module)model).eval();
        using var batch = data.Batch(Enumerable.Range(0, data.Count).ToArray(), trainer.Scales!);
        return trainer.Loss(model.Rollout(batch, trainer.Options.WarmupFrames), batch).ToDouble();
    }

    [Fact]
    public void Fit_OneTinyFlumeEvent_LossFallsByAnOrderOfMagnitude()
    {
        var (all, _) = TinyFlume.Sets();
        var one = all.WithEvents([all.Events[0]]);
        manual_seed(11);
        using var model = new CnnLstm(one.Inputs, warmupFrames: 3, features: 8, latent: 32, hiddenSize: 32);
        var lines = new List<string>();
        // The depth MSE alone, so that losses compare; the event it trains on is the one it is scored on.
        var trainer = new MapTrainer(model, new TrainingConfig { Epochs = 60, BatchSize = 1, LearningRate = 3e-3, Seed = 11 },
            Options with { TeacherForcing = TeacherForcingSchedule.None, WetDryWeight = 0 }, log: lines.Add);
        trainer.Scales = one.FitScales();
        var untrained = RollOutLoss(trainer, model, one);
        var result = trainer.Fit(one, one);
        var best = result.History.Min(h => h.ValidationLoss!.Value);
        Assert.True(best < untrained / 10, $"loss {untrained:G3} -> {best:G3}\n{string.Join('\n', lines)}");
        Assert.Equal(best, RollOutLoss(trainer, model, one), 6);                  // the best weights were restored
        Assert.Matches(@"^Epoch 60/60: Train Loss: \d+\.\d+ Val Loss: \d+\.\d+ Wet RMSE: \d+\.\d+ m CSI: \d\.\d+$",
            lines.Last(l => l.StartsWith("Epoch 60", StringComparison.Ordinal)));
    }

    [Fact]
    public void Fit_TinyFlume_HeldOutEventBeatsTheUntrainedModel()
    {
        var (train, validation) = TinyFlume.Sets();
        manual_seed(11);
        using var model = new ConvLstmForecaster(train.Inputs, features: 8, hiddenChannels: 16);
        var lines = new List<string>();
        // Free-running roll-outs in every epoch (no teacher forcing) and the depth MSE alone, so that epoch losses compare.
        var trainer = new MapTrainer(model, new TrainingConfig { Epochs = 20, BatchSize = 1, LearningRate = 3e-3, Seed = 11 },
            Options with { TeacherForcing = TeacherForcingSchedule.None, WetDryWeight = 0 }, log: lines.Add);
        // Untrained, the model is close to persistence (DepthOutput.Initialise), a fair baseline for 20 frames ahead.
        trainer.Scales = train.FitScales();
        var untrained = RollOutLoss(trainer, model, validation);
        var result = trainer.Fit(train, validation);
        var best = result.History.Min(h => h.ValidationLoss!.Value);
        Assert.True(best < untrained / 1.5, $"validation loss {untrained:G3} -> {best:G3}\n{string.Join('\n', lines)}");
        Assert.True(result.History.TakeLast(5).Min(h => h.TrainLoss) < result.History[0].TrainLoss / 1.5);
        // The best epoch's CSI over the whole validation roll-out is that of a model that learned where water goes: the
        // untrained model scores 0.00 here. Trained without the wet/dry loss, the gate's CSI on this one small event
        // swings between 0.2 and 0.85 from epoch to epoch at nearly the same loss (0.58 at the best epoch on libtorch
        // 2.10, above 0.6 on 1.13: the same weights and data, other rounding), so the bar is a learned model, not a good one.
        var bestEpoch = result.History.Single(h => h.Epoch == result.BestEpoch);
        Assert.True(bestEpoch.Csi > 0.5, $"best validation CSI {bestEpoch.Csi}");
    }

    [Fact]
    public void Fit_LearningRateSchedule_LogsTheRateEachEpochTrainedWith()
    {
        var (train, validation) = TinyFlume.Sets();
        manual_seed(11);
        using var model = new ConvLstmForecaster(train.Inputs, features: 4, hiddenChannels: 4);
        var config = new TrainingConfig { Epochs = 3, BatchSize = 5, Seed = 11,
            LearningRates = new Dictionary<int, double> { [1] = 0.01, [3] = 0.001 } };
        var result = new MapTrainer(model, config, Options, log: _ => { }).Fit(train, validation);
        Assert.Equal([0.01, 0.01, 0.001], result.History.Select(h => h.LearningRate));
    }

    [Fact]
    public void Fit_DryStart_GradientsReachTheWater()
    {
        // From a single dry warm-up frame the base depth is 0 everywhere: with a plain ReLU a negative change has no
        // gradient and the forecaster never learned to make water appear (its loss stayed flat to 4 digits).
        var (train, validation) = TinyFlume.Sets();
        manual_seed(11);
        using var model = new ConvLstmForecaster(train.Inputs, features: 8, hiddenChannels: 16);
        var trainer = new MapTrainer(model, new TrainingConfig { Epochs = 3, BatchSize = 1, LearningRate = 3e-3, Seed = 11 },
            Options with { WarmupFrames = 1, TeacherForcing = TeacherForcingSchedule.None, WetDryWeight = 0 }, log: _ => { });
        var result = trainer.Fit(train, validation);
        Assert.NotEqual(result.History[0].TrainLoss, result.History[^1].TrainLoss, 4);
        Assert.True(result.History.Max(h => h.Csi) > 0, "the roll-out stayed dry");
    }

    [Fact]
    public void Fit_RunFolder_WritesConfigScalesModelLogAndEvaluation()
    {
        var (train, validation) = TinyFlume.Sets();
        using var scratch = new TempFolder();
        var folder = scratch.Path;
        manual_seed(12);
        using var model = new CnnLstm(train.Inputs, warmupFrames: 3, features: 4, latent: 16, hiddenSize: 16);
        var trainer = new MapTrainer(model, new TrainingConfig { Epochs = 3, BatchSize = 5, LearningRate = 2e-3 },
            Options with { StopMetric = MapStopMetric.Csi }, folder, log: _ => { });
        var result = trainer.Fit(train, validation);
        foreach (var file in new[] { "config.json", "scales.json", "best_model.safetensors", "training_log.csv" })
            Assert.True(File.Exists(Path.Combine(folder, file)), file);
        Assert.Equal(4, File.ReadAllLines(trainer.LogPath).Length);
        Assert.InRange(result.BestEpoch, 1, 3);

        var scores = trainer.Evaluate(validation, Path.Combine(folder, "evaluation"));
        Assert.Single(scores);
        Assert.True(File.Exists(Path.Combine(folder, "evaluation", "event_metrics.csv")));
        Assert.True(File.Exists(Path.Combine(folder, "evaluation", "maps", $"{validation.Events[0].Name}_predicted.npy")));

        // A fresh model loads the run and predicts the same maps.
        using var again = new CnnLstm(train.Inputs, warmupFrames: 3, features: 4, latent: 16, hiddenSize: 16);
        var reloaded = new MapTrainer(again, new TrainingConfig(), Options, folder);
        reloaded.Load();
        using var scope = NewDisposeScope();
        var a = trainer.Predict(validation, 0);
        var b = reloaded.Predict(validation, 0);
        Assert.Equal([21L, 16, 32], a.shape);
        Assert.Equal(0f, (a - b).abs().max().item<float>());
        Assert.True(a.min().item<float>() >= 0);
        // Predict observes only the warm-up; the evaluation's batch holds every frame: same maps.
        var evaluated = HydroWorkshop.FloodData.NpyFile.Read(Path.Combine(folder, "evaluation", "maps",
            $"{validation.Events[0].Name}_predicted.npy"));
        Assert.Equal(evaluated.Data, a.flatten().data<float>().ToArray());
    }

    [Fact]
    public void Fit_ResumedAfterInterruption_ReproducesUninterruptedRunBitwise()
    {
        var (train, validation) = TinyFlume.Sets();
        using var scratch = new TempFolder();
        var root = scratch.Path;
        // Teacher forcing and a learning-rate step, so that both the per-epoch random draws and the schedule state matter.
        var config = new TrainingConfig { Epochs = 4, BatchSize = 2, LearningRate = 2e-3,
            LearningRates = new Dictionary<int, double> { [1] = 2e-3, [3] = 1e-3 }, Seed = 5 };
        var options = Options with { TeacherForcing = new(1.0, 0.0, DecayEpochs: 4) };
        CnnLstm NewModel(long seed) { manual_seed(seed); return new CnnLstm(train.Inputs, warmupFrames: 3, features: 4, latent: 8,
            hiddenSize: 8); }
        using var uninterrupted = NewModel(21);
        var whole = new MapTrainer(uninterrupted, config, options, Path.Combine(root, "a"), _ => { }).Fit(train, validation);

        using var interrupted = NewModel(21);
        using var stop = new CancellationTokenSource();
        var runB = Path.Combine(root, "b");
        var first = new MapTrainer(interrupted, config, options, runB,
            line => { if (line.StartsWith("Epoch 2/4", StringComparison.Ordinal)) stop.Cancel(); })
            .Fit(train, validation, stop.Token);
        Assert.True(first.Cancelled);
        Assert.Equal(2, first.History.Count);

        using var resumed = NewModel(999);                                              // a fresh process starts elsewhere
        var lines = new List<string>();
        var second = new MapTrainer(resumed, config, options, runB, lines.Add).Fit(train, validation, resume: true);
        Assert.Equal("Resuming " + runB + " after epoch 2", lines[0]);
        static string WithoutSeconds(MapEpochRecord r) => r.ToCsv()[..r.ToCsv().LastIndexOf(',')];
        Assert.Equal(whole.History.Select(WithoutSeconds), second.History.Select(WithoutSeconds));
        Assert.Equal(whole.BestEpoch, second.BestEpoch);
        using var scope = NewDisposeScope();
        var expected = uninterrupted.state_dict();
        foreach (var (key, value) in resumed.state_dict())
            Assert.True(value.equal(expected[key]).all().item<bool>(), $"{key} differs after resuming");
    }

    [Fact]
    public void Fit_ResumeWithOtherTrainingEvents_Refuses()
    {
        var (train, validation) = TinyFlume.Sets();
        using var scratch = new TempFolder();
        var folder = scratch.Path;
        using var model = new CnnLstm(train.Inputs, warmupFrames: 3, features: 4, latent: 8, hiddenSize: 8);
        new MapTrainer(model, new TrainingConfig { Epochs = 1, BatchSize = 5 }, Options, folder, _ => { }).Fit(train, validation);
        var fewer = train.WithEvents(train.Events.Take(2).ToArray());
        var error = Assert.Throws<InvalidOperationException>(() =>
            new MapTrainer(model, new TrainingConfig { Epochs = 2, BatchSize = 5 }, Options, folder, _ => { })
                .Fit(fewer, validation, resume: true));
        Assert.Contains("scales.json", error.Message);
    }

    /// <summary>Without a usable GPU, device cuda stops before training with libtorch's reason; with one, it trains there,
    /// validates there, and hands the model back on the CPU where Evaluate runs.</summary>
    [Fact]
    public void Fit_CudaDevice_TrainsThereOrSaysWhyNot()
    {
        var (train, validation) = TinyFlume.Sets();
        using var model = new CnnLstm(train.Inputs, warmupFrames: 3, features: 4, latent: 8, hiddenSize: 8);
        var trainer = new MapTrainer(model, new TrainingConfig { Epochs = 2, BatchSize = 5, Device = "cuda" }, Options, log: _ => { });
        if (HydroWorkshop.Engine.EngineInfo.CudaUnavailableReason() is { } reason)
        {
            var error = Assert.Throws<InvalidOperationException>(() => trainer.Fit(train, validation));
            Assert.Contains($"training device 'cuda' cannot be used: {reason}", error.Message);
        }
        else
        {
            var result = trainer.Fit(train, validation);
            Assert.All(result.History, h => Assert.True(double.IsFinite(h.WetRmse ?? double.NaN)));
            Assert.All(trainer.Evaluate(validation), s => Assert.True(double.IsFinite(s.Scores.Csi)));
        }
        Assert.All(model.parameters(), p => Assert.Equal(DeviceType.CPU, p.device.type));
    }

    [Fact]
    public void Fit_Cancelled_StopsAndKeepsModel()
    {
        var (train, validation) = TinyFlume.Sets();
        using var model = new CnnLstm(train.Inputs, warmupFrames: 3, features: 4, latent: 8, hiddenSize: 8);
        using var source = new CancellationTokenSource();
        source.Cancel();
        var result = new MapTrainer(model, new TrainingConfig { Epochs = 5 }, Options, log: _ => { }).Fit(train, validation, source.Token);
        Assert.True(result.Cancelled);
        Assert.Empty(result.History);
    }

    [Fact]
    public void Fit_TwoEpochs_LiveTensorCountReturnsToBaseline()
    {
        var (train, validation) = TinyFlume.Sets();
        using var model = new ConvLstmForecaster(train.Inputs, features: 4, hiddenChannels: 4);
        var trainer = new MapTrainer(model, new TrainingConfig { Epochs = 1, BatchSize = 5 }, Options with { WindowFrames = 8 },
            log: _ => { });
        trainer.Fit(train, validation);
        var baseline = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        trainer.Fit(train, validation);
        trainer.Evaluate(validation);
        Assert.Equal(baseline, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
    }

    [Fact]
    public void Constructor_ModelBuiltForOtherInputs_FitNamesBoth()
    {
        var (train, _) = TinyFlume.Sets();
        using var model = new CnnLstm(new MapInputs(2, 1, 1, 16, 32), warmupFrames: 3, features: 4);
        var error = Assert.Throws<ArgumentException>(() => new MapTrainer(model, new TrainingConfig(), Options, log: _ => { }).Fit(train));
        Assert.Contains("Extra = 1", error.Message);
    }

    [Theory]
    [InlineData(8, false)]
    [InlineData(0, true)]
    public void Constructor_CoarseRefinerOnWindows_Refused(int windowFrames, bool curriculum)
    {
        using var model = new CoarseRefiner(new MapInputs(2, 1, 1, 16, 32));
        var options = new MapTrainingOptions
        {
            WarmupFrames = 1, WindowFrames = windowFrames, Curriculum = curriculum ? new RolloutCurriculum(1, 3) : null,
        };
        var error = Assert.Throws<ArgumentException>(() => new MapTrainer(model, new TrainingConfig(), options, log: _ => { }));
        Assert.Contains("CoarseRefiner trains on whole events", error.Message);
    }

    [Fact]
    public void Fit_MirrorAndWetWeights_LiveTensorCountReturnsToBaseline()
    {
        var (train, validation) = TinyFlume.Sets();
        using var model = new CnnLstm(train.Inputs, warmupFrames: 3, features: 4, latent: 8, hiddenSize: 8);
        var trainer = new MapTrainer(model, new TrainingConfig { Epochs = 2, BatchSize = 1 },
            Options with { MirrorRows = true, WetCellWeight = 3, WetPositiveWeight = 2 }, log: _ => { });
        trainer.Fit(train, validation);
        var baseline = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        var result = trainer.Fit(train, validation);
        Assert.All(result.History, h => Assert.True(double.IsFinite(h.TrainLoss)));
        Assert.Equal(baseline, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
    }

    /// <summary>One warm-up frame and one predicted frame of a 1 x 2 grid: cell 0 observed wet (0.5), cell 1 dry.</summary>
    private static double LossOf(MapTrainingOptions options, float[] predicted, float[] logits)
    {
        using var model = new CnnLstm(new MapInputs(2, 1, 0, 8, 8), warmupFrames: 1, features: 2, latent: 2, hiddenSize: 2);
        var trainer = new MapTrainer(model, new TrainingConfig(), options with { WarmupFrames = 1 }, log: _ => { })
        {
            Scales = new MapScales(1.0, 0, 1, [1.0], []),
        };
        using var scope = NewDisposeScope();
        using var batch = new MapBatch(tensor(new[] { 0.4f, 0f, 0.5f, 0f }, [1, 2, 1, 2]), zeros(1, 2, 1, 2), zeros(1, 2, 1), null,
            ones(1, 1, 1, 2));
        using var rollout = new MapRollout(tensor(predicted, [1, 1, 1, 2]), tensor(logits, [1, 1, 1, 2]));
        return trainer.Loss(rollout, batch).ToDouble();
    }

    [Fact]
    public void Loss_WetCellWeight_WeightsTheWetCellsSquaredError()
    {
        var plain = new MapTrainingOptions { WetDryWeight = 0 };
        Assert.Equal((0.04 + 0.01) / 2, LossOf(plain, [0.3f, 0.1f], [0f, 0f]), 6);
        Assert.Equal((3 * 0.04 + 0.01) / 2, LossOf(plain with { WetCellWeight = 3 }, [0.3f, 0.1f], [0f, 0f]), 6);
    }

    [Fact]
    public void Loss_WetPositiveWeight_MatchesPyTorchPosWeightBce()
    {
        // BCEWithLogits(pos_weight = p): -p y log(sigmoid z) - (1 - y) log(1 - sigmoid z), here y = (1, 0).
        var options = new MapTrainingOptions { WetDryWeight = 1 };
        double Wet(double z) => Math.Log(1 + Math.Exp(-z));
        double Dry(double z) => Math.Log(1 + Math.Exp(z));
        Assert.Equal((Wet(1.5) + Dry(-0.7)) / 2, LossOf(options, [0.5f, 0f], [1.5f, -0.7f]), 5);
        Assert.Equal((4 * Wet(1.5) + Dry(-0.7)) / 2, LossOf(options with { WetPositiveWeight = 4 }, [0.5f, 0f], [1.5f, -0.7f]), 5);
        Assert.Equal((4 * Wet(-2.0) + Dry(3.0)) / 2, LossOf(options with { WetPositiveWeight = 4 }, [0.5f, 0f], [-2f, 3f]), 5);
    }
}
