using HydroWorkshop.Data;
using HydroWorkshop.Data.Synthetic;
using HydroWorkshop.Training;
using Xunit;

namespace HydroWorkshop.Tests.Training;

/// <summary>A whole run from a YAML file: train into a run folder, then evaluate it on the test period.</summary>
[Collection(SerialCollection.Name)]
public sealed class RunsTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "hw-runs-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public void TrainThenEvaluate_SyntheticBasins_WritesPredictionsAndMetrics()
    {
        var camels = Path.Combine(folder, "camels");
        CamelsData.OpenSynthetic(camels,
            new SyntheticCamelsOptions { Basins = 2, Start = new DateOnly(2000, 1, 1), End = new DateOnly(2004, 12, 31), Seed = 9 });
        var configPath = Path.Combine(folder, "run.yml");
        File.WriteAllText(configPath, $"""
            run_folder: runs/tiny
            data:
              source: {camels}
              statics: [p_mean, aridity]
              seq_length: 30
            model:
              type: ealstm
              hidden_size: 8
            training:
              epochs: 2
              batch_size: 128
            """);
        var lines = new List<string>();
        var result = Runs.Train(configPath, log: lines.Add);
        Assert.Equal(2, result.History.Count);
        var run = Path.Combine(folder, "runs", "tiny");
        Assert.True(File.Exists(Path.Combine(run, Runs.ConfigFileName)));

        var predictions = Runs.Evaluate(run, "test", lines.Add);
        Assert.Equal(2, predictions.Count);
        Assert.True(File.Exists(Path.Combine(run, "evaluation", "test", "metrics.csv")));
        Assert.Equal(2, Directory.GetFiles(Path.Combine(run, "evaluation", "test", "predictions")).Length);
        Assert.Contains(lines, l => l.Contains("\nNSE "));
    }

    [Fact]
    public void TrainThenEvaluate_InlineBasinList_UsesOnlyThoseBasins()
    {
        using var basins = new SyntheticRunFolder("inline-basins", basins: 2);
        var chosen = basins.BasinIds[1];
        var config = basins.Config("run", "runs/run", $"[{chosen}]", "model: {hidden_size: 4}\ntraining: {epochs: 1, batch_size: 128}\n");
        Runs.Train(config, log: _ => { });
        // Evaluation reads the run folder's copy of the config: the inline list survives it.
        var predictions = Runs.Evaluate(Path.Combine(basins.Root, "runs", "run"), "test", _ => { });
        Assert.Equal(chosen, Assert.Single(predictions).BasinId);
    }

    [Fact]
    public void Evaluate_NotARunFolder_SaysWhatIsMissing()
    {
        Directory.CreateDirectory(folder);
        var e = Assert.Throws<FileNotFoundException>(() => Runs.Evaluate(folder));
        Assert.Contains(Runs.ConfigFileName, e.Message);
    }
}
