using HydroWorkshop.Checkpoints;
using HydroWorkshop.TestSupport;
using HydroWorkshop.Training;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace HydroWorkshop.Tests.Training;

/// <summary>The early stopping every trainer shares: counting, stopping, best weights, and its checkpoint state.</summary>
public sealed class EarlyStoppingTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("hw-early-stopping-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static nn.Module<Tensor, Tensor> Model()
    {
        manual_seed(3);
        return nn.Linear(3, 2);
    }

    private static float FirstWeight(nn.Module model) => model.parameters().First().data<float>()[0];

    [Fact]
    public void Record_BetterThenWorseScores_CountsBadValidationsAndStopsAtPatience()
    {
        using var model = Model();
        using var stopping = new EarlyStopping(model, patience: 2, minEpochs: 1, hasValidation: true);
        Assert.True(stopping.Record(1, 0.5));
        Assert.True(stopping.Record(2, 0.4));
        Assert.False(stopping.Record(3, 0.45));
        Assert.False(stopping.ShouldStop(3));
        Assert.False(stopping.Record(4, null));                 // an epoch without validation counts for nothing
        Assert.False(stopping.ShouldStop(4));
        Assert.False(stopping.Record(5, 0.4));                  // equal is not better
        Assert.True(stopping.ShouldStop(5));
        Assert.Equal((2, 0.4, 2), (stopping.BestEpoch, stopping.BestScore!.Value, stopping.BadValidations));
    }

    [Fact]
    public void ShouldStop_BeforeMinEpochs_WaitsForThem()
    {
        using var model = Model();
        using var stopping = new EarlyStopping(model, patience: 1, minEpochs: 4, hasValidation: true);
        stopping.Record(1, 1.0);
        stopping.Record(2, 2.0);
        Assert.False(stopping.ShouldStop(2));
        stopping.Record(4, 3.0);
        Assert.True(stopping.ShouldStop(4));
    }

    [Fact]
    public void Record_NotFiniteScore_NeverImproves()
    {
        using var model = Model();
        using var stopping = new EarlyStopping(model, patience: null, minEpochs: 1, hasValidation: true);
        Assert.False(stopping.Record(1, double.NaN));
        Assert.False(stopping.Record(2, double.PositiveInfinity));
        Assert.Equal(0, stopping.BestEpoch);
        Assert.False(stopping.ShouldStop(2));                   // no patience: never stops
    }

    [Fact]
    public void Record_WithoutValidationData_TakesEveryEpochAsBest()
    {
        using var model = Model();
        using var stopping = new EarlyStopping(model, patience: 1, minEpochs: 1, hasValidation: false);
        Assert.True(stopping.Record(1, null));
        Assert.True(stopping.Record(2, null));
        Assert.Equal(2, stopping.BestEpoch);
    }

    [Fact]
    public void RestoreBest_AfterWorseEpochs_PutsTheBestWeightsBackAndWritesThem()
    {
        using var model = Model();
        var path = Path.Combine(folder, "best_model.safetensors");
        using var stopping = new EarlyStopping(model, patience: 5, minEpochs: 1, hasValidation: true, path);
        ModuleWeights.Fill(model, 1f);
        stopping.Record(1, 0.2);
        ModuleWeights.Fill(model, 2f);
        stopping.Record(2, 0.3);
        stopping.RestoreBest(lastEpoch: 2);
        Assert.Equal(1f, FirstWeight(model));
        using var other = Model();
        Checkpoint.LoadInto(path, other.state_dict());
        Assert.Equal(1f, FirstWeight(other));
    }

    [Fact]
    public void RestoreBest_LastEpochWasBest_LeavesTheWeights()
    {
        using var model = Model();
        using var stopping = new EarlyStopping(model, patience: 5, minEpochs: 1, hasValidation: true);
        ModuleWeights.Fill(model, 1f);
        stopping.Record(1, 0.2);
        ModuleWeights.Fill(model, 2f);          // changed after the last record: a trainer interrupted mid-epoch passes null instead
        stopping.RestoreBest(lastEpoch: 1);
        Assert.Equal(2f, FirstWeight(model));
    }

    [Fact]
    public void LoadCheckpoint_SavedState_RestoresCountersAndBestWeightsFromDisk()
    {
        using var model = Model();
        using var optimizer = optim.Adam(model.parameters(), 0.01);
        var best = Path.Combine(folder, "best_model.safetensors");
        var last = Path.Combine(folder, "last_checkpoint.safetensors");
        using (var stopping = new EarlyStopping(model, patience: 3, minEpochs: 1, hasValidation: true, best))
        {
            ModuleWeights.Fill(model, 1f);
            stopping.Record(1, 0.2);
            ModuleWeights.Fill(model, 2f);
            stopping.Record(2, 0.3);
            stopping.SaveCheckpoint(last, 2, optimizer, null);
        }
        ModuleWeights.Fill(model, 9f);
        using var resumed = new EarlyStopping(model, patience: 3, minEpochs: 1, hasValidation: true, best);
        Assert.Equal(2, resumed.LoadCheckpoint(last, optimizer, null));
        Assert.Equal((1, 0.2, 1), (resumed.BestEpoch, resumed.BestScore!.Value, resumed.BadValidations));
        Assert.Equal(2f, FirstWeight(model));                  // the checkpoint holds the last epoch's weights
        resumed.Record(3, 0.25);
        resumed.RestoreBest(lastEpoch: 3);
        Assert.Equal(1f, FirstWeight(model));                  // epoch 1's, from best_model.safetensors
    }

    [Fact]
    public void LoadCheckpoint_OlderKeyNames_AreRead()
    {
        using var model = Model();
        using var optimizer = optim.Adam(model.parameters(), 0.01);
        var last = Path.Combine(folder, "last_checkpoint.safetensors");
        Checkpoint.Save(last, model.state_dict(), optimizer, null, new Dictionary<string, string>
        {
            ["epoch"] = "7", ["best_epoch"] = "5", ["best_metric"] = "0.125", ["bad_validations"] = "2",
        });
        using var stopping = new EarlyStopping(model, patience: 3, minEpochs: 1, hasValidation: true);
        Assert.Equal(7, stopping.LoadCheckpoint(last, optimizer, null));
        Assert.Equal((5, 0.125, 2), (stopping.BestEpoch, stopping.BestScore!.Value, stopping.BadValidations));
    }

    [Fact]
    public void Dispose_AfterKeepingWeights_ReturnsLiveTensorsToBaseline()
    {
        using var model = Model();
        var baseline = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        using (var stopping = new EarlyStopping(model, patience: 3, minEpochs: 1, hasValidation: true))
        {
            for (var epoch = 1; epoch <= 5; epoch++) stopping.Record(epoch, 1.0 / epoch);
            stopping.RestoreBest(lastEpoch: 4);
        }
        Assert.Equal(baseline, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
    }

    [Fact]
    public void Constructor_PatienceBelowOne_NamesTheArgument()
    {
        using var model = Model();
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new EarlyStopping(model, patience: 0, minEpochs: 1,
            hasValidation: true));
        Assert.Equal("patience", error.ParamName);
    }
}
