using HydroWorkshop.Data;
using HydroWorkshop.Models;
using TorchSharp;
using HydroWorkshop.Training;
using Xunit;
using static TorchSharp.torch;

namespace HydroWorkshop.Tests.Training;

/// <summary>The trainer's losses beyond MSE/NSE*: Gaussian NLL with a Gaussian head, and multi-task target weights.</summary>
[Collection(SerialCollection.Name)]
public sealed class TrainerLossTests : IDisposable
{
    private readonly SyntheticRunFolder basins = new("trainer-loss", basins: 2);
    private readonly BasinDataSet train;

    public TrainerLossTests()
    {
        train = BasinDataSet.Create(basins.Source, new BasinDataSetOptions
        {
            Inputs = CamelsData.DaymetInputs,
            Statics = ["p_mean", "aridity"],
            Period = Period.Parse("2001-01-01", "2001-06-30"),
            SequenceLength = 20,
        });
    }

    public void Dispose() => basins.Dispose();

    [Fact]
    public void Fit_GaussianNllOneBatch_FirstLossIsNllOfTheInitialModel()
    {
        manual_seed(4);
        using var reference = new LstmRegressor(train.InputFeatures, 0, hiddenSize: 4, gaussian: true);
        var expected = HandNll(reference);
        manual_seed(4);
        using var model = new LstmRegressor(train.InputFeatures, 0, hiddenSize: 4, gaussian: true);
        var config = new TrainingConfig { Epochs = 1, BatchSize = train.Count, Loss = TrainingLoss.GaussianNll, LearningRate = 1e-3 };
        var result = new Trainer(model, config, log: _ => { }).Fit(train);
        Assert.Equal(expected, result.History[0].TrainLoss, 4);
    }

    [Fact]
    public void Fit_GaussianNllFewEpochs_LossFallsAndVarianceStaysPositive()
    {
        var baseline = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        manual_seed(4);
        using (var model = new LstmRegressor(train.InputFeatures, 0, hiddenSize: 8, gaussian: true))
        {
            var config = new TrainingConfig { Epochs = 4, BatchSize = 64, Loss = TrainingLoss.GaussianNll, LearningRate = 1e-2 };
            var result = new Trainer(model, config, log: _ => { }).Fit(train);
            Assert.True(result.History[^1].TrainLoss < result.History[0].TrainLoss,
                string.Join(", ", result.History.Select(h => h.TrainLoss)));
            using var scope = NewDisposeScope();
            using var batch = train.GetBatch([0, 1, 2]);
            var (_, variance) = model.forward_distribution(batch.Inputs);
            Assert.True(variance.min().item<float>() > 0);
        }
        Assert.Equal(baseline, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
    }

    [Fact]
    public void Trainer_GaussianNllWithPlainHead_SaysWhichHeadItNeeds()
    {
        using var model = new LstmRegressor(train.InputFeatures, 0, hiddenSize: 4);
        var e = Assert.Throws<ArgumentException>(() => new Trainer(model, new TrainingConfig { Loss = TrainingLoss.GaussianNll }));
        Assert.Contains("head: gaussian", e.Message);
    }

    [Fact]
    public void Fit_TargetWeights_ScaleEachTargetsLoss()
    {
        var twoTargets = BasinDataSet.Create(basins.Source, new BasinDataSetOptions
        {
            Inputs = CamelsData.DaymetInputs,
            Statics = ["p_mean", "aridity"],
            Targets = ["QObs(mm/d)", "tmax(C)"],
            Period = Period.Parse("2001-01-01", "2001-03-31"),
            SequenceLength = 20,
        });
        double FirstLoss(double[] weights)
        {
            manual_seed(8);
            using var model = new LstmRegressor(twoTargets.InputFeatures, 0, hiddenSize: 4, targets: 2);
            var config = new TrainingConfig { Epochs = 1, BatchSize = twoTargets.Count, Loss = TrainingLoss.Mse, TargetWeights = weights };
            return new Trainer(model, config, log: _ => { }).Fit(twoTargets).History[0].TrainLoss;
        }
        var discharge = FirstLoss([1, 0]);
        Assert.Equal(2 * discharge, FirstLoss([2, 0]), 5);
        var temperature = FirstLoss([0, 1]);
        Assert.NotEqual(discharge, temperature, 3);
        Assert.Equal(discharge + 0.5 * temperature, FirstLoss([1, 0.5]), 5);
    }

    /// <summary>½(log σ² + (y − μ)²/σ²) averaged over the valid targets, in doubles.</summary>
    private double HandNll(LstmRegressor model)
    {
        using var scope = NewDisposeScope();
        using var batch = train.GetBatch(Enumerable.Range(0, train.Count).ToArray());
        float[] mean, variance;
        using (no_grad())
        {
            var (m, v) = model.forward_distribution(batch.Inputs);
            mean = m[.., -1].contiguous().data<float>().ToArray();
            variance = v[.., -1].contiguous().data<float>().ToArray();
        }
        var targets = batch.Targets.contiguous().data<float>().ToArray();
        double sum = 0;
        var count = 0;
        for (var i = 0; i < targets.Length; i++)
        {
            if (float.IsNaN(targets[i])) continue;
            var s2 = Math.Max(variance[i], 1e-6);
            sum += 0.5 * (Math.Log(s2) + (targets[i] - mean[i]) * (double)(targets[i] - mean[i]) / s2);
            count++;
        }
        return sum / count;
    }
}
