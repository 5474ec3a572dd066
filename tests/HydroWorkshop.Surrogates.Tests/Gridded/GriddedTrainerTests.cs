using HydroWorkshop.Data;
using HydroWorkshop.Models.Gridded;
using HydroWorkshop.Surrogates.Gridded;
using HydroWorkshop.TestSupport;
using HydroWorkshop.Training;
using Xunit;
using static TorchSharp.torch;

namespace HydroWorkshop.Surrogates.Tests.Gridded;

public sealed class GriddedTrainerTests
{
    private static readonly Period Training = new(new DateOnly(2001, 1, 1), new DateOnly(2001, 9, 30));
    private static readonly Period Validation = new(new DateOnly(2001, 10, 1), new DateOnly(2001, 12, 31));

    [Fact]
    public void Fit_TwoBasinReservoirs_LearnsWhereEachBasinIs()
    {
        // Each gauge is a linear reservoir of its own half's rain: the ConvLSTM must learn which cells feed which gauge.
        using var data = TinyGauges.DataSet(365, Training);
        manual_seed(7);
        using var model = new MapToPointRegressor(1, TinyGauges.Masks(), hiddenChannels: 4, headSize: 8);
        var untrained = GriddedPrediction.Of(model, data, Validation).MedianNse();
        var trainer = new GriddedTrainer(model,
            new TrainingConfig { Epochs = 25, BatchSize = 8, LearningRate = 1e-2, Optimizer = "adamw", Seed = 7 },
            new GriddedTrainingOptions { WindowDays = 40, WarmupDays = 10, BatchesPerEpoch = 6 }, log: _ => { });
        var result = trainer.Fit(data, Training, Validation);
        var trained = GriddedPrediction.Of(model, data, Validation);
        Assert.True(untrained < 0.3, $"untrained NSE {untrained:F3}");
        Assert.True(trained.Nse(0) > 0.8 && trained.Nse(1) > 0.8, $"trained NSE {trained.Nse(0):F3} / {trained.Nse(1):F3}");
        // The model ends with the weights of its best validation epoch.
        Assert.Equal(result.BestValidationNse!.Value, trained.MedianNse(), 4);
    }

    [Fact]
    public void Fit_TimeLimitPassed_TrainsOneBatchOfOneEpochThenStops()
    {
        // A limit of zero has passed before the first batch: training must still take exactly one step (the same
        // weights as a one-batch epoch without a limit) and then stop, however slow the machine is.
        using var data = TinyGauges.DataSet(200, Training);
        var config = new TrainingConfig { Epochs = 5, BatchSize = 2, LearningRate = 1e-2, Seed = 3 };
        var windows = new GriddedTrainingOptions { WindowDays = 30, WarmupDays = 5, BatchesPerEpoch = 4 };
        manual_seed(3);
        using var limited = new LumpedGaugeLstm(1, TinyGauges.Masks(), hiddenSize: 3);
        var result = new GriddedTrainer(limited, config, windows with { TimeLimit = TimeSpan.Zero }, log: _ => { }).Fit(data, Training);
        manual_seed(3);
        using var oneStep = new LumpedGaugeLstm(1, TinyGauges.Masks(), hiddenSize: 3);
        new GriddedTrainer(oneStep, config with { Epochs = 1 }, windows with { BatchesPerEpoch = 1 }, log: _ => { }).Fit(data, Training);

        Assert.Single(result.History);
        Assert.False(result.Cancelled);
        foreach (var (name, value) in limited.state_dict())
            Assert.Equal(0f, (value - oneStep.state_dict()[name]).abs().max().item<float>());
    }

    [Fact]
    public void Fit_RunFolder_WritesLogWithTheRateEachEpochTrainedWith()
    {
        using var folder = new TempFolder();
        using var data = TinyGauges.DataSet(200, new Period(new DateOnly(2001, 1, 1), new DateOnly(2001, 5, 31)));
        using var model = new LumpedGaugeLstm(1, TinyGauges.Masks(), hiddenSize: 3);
        var config = new TrainingConfig { Epochs = 3, BatchSize = 2,
            LearningRates = new Dictionary<int, double> { [1] = 0.01, [3] = 0.001 }, Seed = 1 };
        new GriddedTrainer(model, config, new GriddedTrainingOptions { WindowDays = 20, WarmupDays = 5, BatchesPerEpoch = 1 },
            folder.Path, _ => { })
            .Fit(data, new Period(new DateOnly(2001, 1, 1), new DateOnly(2001, 5, 31)),
                new Period(new DateOnly(2001, 6, 1), new DateOnly(2001, 7, 19)));
        var lines = File.ReadAllLines(Path.Combine(folder.Path, "training_log.csv"));
        Assert.Equal(GriddedEpochRecord.CsvHeader, lines[0]);
        var rates = lines.Skip(1).Select(l => double.Parse(l.Split(',')[3], System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal([0.01, 0.01, 0.001], rates);
        Assert.True(File.Exists(Path.Combine(folder.Path, "best_model.safetensors")));
        Assert.True(File.Exists(Path.Combine(folder.Path, "normalisation.json")));
    }

    [Fact]
    public void Fit_WeightAverage_ValidatesAndKeepsTheAverageWhileTrainingOnTheLastWeights()
    {
        using var data = TinyGauges.DataSet(200, new Period(new DateOnly(2001, 1, 1), new DateOnly(2001, 5, 31)));
        var (training, validation) = (new Period(new DateOnly(2001, 1, 1), new DateOnly(2001, 5, 31)),
            new Period(new DateOnly(2001, 6, 1), new DateOnly(2001, 7, 19)));
        var config = new TrainingConfig { Epochs = 4, BatchSize = 2, LearningRate = 0.02, Seed = 2 };
        var windows = new GriddedTrainingOptions { WindowDays = 20, WarmupDays = 5, BatchesPerEpoch = 3 };
        GriddedTrainingResult Train(LumpedGaugeLstm model, GriddedTrainingOptions w) =>
            new GriddedTrainer(model, config, w, log: _ => { }).Fit(data, training, validation);
        manual_seed(4);
        using var plain = new LumpedGaugeLstm(1, TinyGauges.Masks(), hiddenSize: 3);
        manual_seed(4);
        using var averaged = new LumpedGaugeLstm(1, TinyGauges.Masks(), hiddenSize: 3);
        var plainResult = Train(plain, windows);
        var averagedResult = Train(averaged, windows with { WeightAverage = 0.9 });

        // Swapping the average in for validation must not disturb training: every epoch's training loss is the same.
        Assert.Equal(plainResult.History.Select(r => r.TrainLoss), averagedResult.History.Select(r => r.TrainLoss));
        // What is validated is another model, and the model ends with the best validated one.
        Assert.NotEqual(plainResult.History.Select(r => r.ValidationMedianNse),
            averagedResult.History.Select(r => r.ValidationMedianNse));
        Assert.Equal(averagedResult.BestValidationNse!.Value, GriddedPrediction.Of(averaged, data, validation).MedianNse(), 5);
    }

    [Fact]
    public void Fit_WeightAverageWithoutValidation_EndsWithTheAverage()
    {
        // Without validation every epoch is the best, so nothing is restored: the model must end with the average, which
        // differs from the last weights the same training reaches without it.
        using var data = TinyGauges.DataSet(200, Training);
        var config = new TrainingConfig { Epochs = 2, BatchSize = 2, LearningRate = 0.02, Seed = 2 };
        var windows = new GriddedTrainingOptions { WindowDays = 20, WarmupDays = 5, BatchesPerEpoch = 3 };
        manual_seed(4);
        using var plain = new LumpedGaugeLstm(1, TinyGauges.Masks(), hiddenSize: 3);
        manual_seed(4);
        using var averaged = new LumpedGaugeLstm(1, TinyGauges.Masks(), hiddenSize: 3);
        new GriddedTrainer(plain, config, windows, log: _ => { }).Fit(data, Training);
        new GriddedTrainer(averaged, config, windows with { WeightAverage = 0.9 }, log: _ => { }).Fit(data, Training);
        var difference = plain.parameters().Zip(averaged.parameters(), (a, b) => (a - b).abs().max().item<float>()).Max();
        Assert.True(difference > 1e-4f, $"the averaged model ends with the last weights (largest difference {difference})");
    }

    [Fact]
    public void Fit_CancelledHalfwayThroughAnEpoch_EndsWithTheBestEpochsWeights()
    {
        // Cancelled during the first batch of epoch 2, training stops before the second: the weights have moved one step
        // since epoch 1, the best (and only) validated epoch, and must go back to it.
        using var data = TinyGauges.DataSet(200, new Period(new DateOnly(2001, 1, 1), new DateOnly(2001, 5, 31)));
        var (training, validation) = (new Period(new DateOnly(2001, 1, 1), new DateOnly(2001, 5, 31)),
            new Period(new DateOnly(2001, 6, 1), new DateOnly(2001, 7, 19)));
        foreach (var average in new double?[] { null, 0.9 })
        {
            using var cancel = new CancellationTokenSource();
            manual_seed(4);
            // Forward calls: epoch 1's three batches, its validation, then epoch 2's first batch (the fifth).
            using var model = new CancellingRegressor(new LumpedGaugeLstm(1, TinyGauges.Masks(), hiddenSize: 3), cancel, atCall: 5);
            var result = new GriddedTrainer(model, new TrainingConfig { Epochs = 3, BatchSize = 2, LearningRate = 0.05, Seed = 2 },
                new GriddedTrainingOptions { WindowDays = 20, WarmupDays = 5, BatchesPerEpoch = 3, WeightAverage = average }, log: _ => { })
                .Fit(data, training, validation, cancel.Token);
            Assert.True(result.Cancelled);
            Assert.Equal(1, result.BestEpoch);
            Assert.Equal(result.BestValidationNse!.Value, GriddedPrediction.Of(model, data, validation).MedianNse(), 6);
        }
    }

    /// <summary>A gridded model that cancels a token on its n-th forward call: an interrupt at a known batch.</summary>
    private sealed class CancellingRegressor : nn.Module, IGriddedRegressor
    {
        private readonly LumpedGaugeLstm inner;
        private readonly CancellationTokenSource cancel;
        private readonly int atCall;
        private int calls;

        public CancellingRegressor(LumpedGaugeLstm inner, CancellationTokenSource cancel, int atCall) : base(nameof(CancellingRegressor))
        {
            (this.inner, this.cancel, this.atCall) = (inner, cancel, atCall);
            register_module("inner", inner);
        }

        public int InputChannels => inner.InputChannels;

        public Tensor forward(Tensor inputs)
        {
            if (++calls == atCall) cancel.Cancel();
            return inner.forward(inputs);
        }
    }

    [Fact]
    public void Fit_WrongChannelCount_NamesBoth()
    {
        using var data = TinyGauges.DataSet(100, Training);
        using var model = new LumpedGaugeLstm(3, TinyGauges.Masks());
        var error = Assert.Throws<ArgumentException>(() => new GriddedTrainer(model, new TrainingConfig(), log: _ => { })
            .Fit(data, Training));
        Assert.Contains("1 channels (rain)", error.Message);
        Assert.Contains("built for 3", error.Message);
    }
}
