using HydroWorkshop.Common;
using Xunit;

namespace HydroWorkshop.Surrogates.Tests;

/// <summary>A tiny CNN–LSTM dike-breach run (1 epoch on <see cref="TinyDikeBreach"/> simulations 1-3 breaching at the
/// corner), trained once for the class, scored on another folder whose breaches are elsewhere.</summary>
public sealed class TinyDikeRun : IDisposable
{
    public string Root { get; } = Path.Combine(Path.GetTempPath(), $"hw-evaluate-on-{Guid.NewGuid():N}");
    public string Training => Path.Combine(Root, "training");
    public string Other => Path.Combine(Root, "other_breaches");
    public string RunFolder => Path.Combine(Root, "run");

    public TinyDikeRun()
    {
        for (var id = 1; id <= 5; id++) TinyDikeBreach.Write(Training, id, (0, 0));
        TinyDikeBreach.Write(Other, 500, (10, 0));
        TinyDikeBreach.Write(Other, 501, (0, 30));
        TinyDikeBreach.Write(Other, 502, (63, 20));
        var config = Path.Combine(Root, "tiny.yml");
        File.WriteAllText(config, $"""
            run_folder: run
            data: {"{"} type: dike_breach, folder: '{Training}', train_ids: [1-3], validation_ids: [4], test_ids: [5] {"}"}
            model: {"{"} type: cnnlstm, features: 2, latent: 4, hidden_size: 4 {"}"}
            training: {"{"} epochs: 1, batch_size: 3, learning_rate: 0.002, seed: 3 {"}"}
            map: {"{"} warmup_frames: 1, wet_threshold: 0.05 {"}"}
            """);
        MapRuns.Train(config, _ => { });
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}

public sealed class MapRunsEvaluateOnTests(TinyDikeRun run) : IClassFixture<TinyDikeRun>
{
    private sealed record Call((int Row, int Column) Breach, int Coarsening, int Frames);

    [Fact]
    public void EvaluateOn_OtherFolderWithFakeSolver_EveryRowFileAndTheSpeedUp()
    {
        var calls = new List<Call>();
        BreachSimulator fake = (bed, rows, columns, cellSize, breach, inflow, seconds, coarsening, _) =>
        {
            calls.Add(new Call(breach, coarsening, inflow.Count));
            return Enumerable.Range(0, inflow.Count).SelectMany(t => TinyDikeBreach.Depth(t, breach)).ToArray();   // the reference itself
        };
        var lines = new List<string>();
        var evaluation = MapRuns.EvaluateOn(run.RunFolder, run.Other, new MapDataEvaluationOptions { Ids = "500-501", Simulator = fake },
            lines.Add);

        var result = evaluation.Result;
        Assert.Equal(["cnnlstm", "persistence", "climatology", "coarse solver x2", "solver (fine)", "subgrid solver x2"],
            result.Rows.Select(r => r.Name));
        Assert.All(result.Rows, r => Assert.Equal(["dike_500", "dike_501"], r.Events.Select(e => e.Event)));
        Assert.Equal([new Call((10, 0), 2, 6), new Call((10, 0), 1, 6), new Call((0, 30), 2, 6), new Call((0, 30), 1, 6)], calls);
        Assert.All(result.Rows[4].Events, e => Assert.Equal((0.0, 1.0), (e.Mae, e.Csi)));                 // the fake solver is exact
        Assert.Equal((1, 0.5), (result.FirstFrame, result.FrameHours));
        Assert.Contains("speed-up of cnnlstm against solver (fine)", evaluation.Table);
        Assert.Contains("! cnnlstm does not beat every baseline on:", evaluation.Table);                 // the exact coarse solver wins
        Assert.Contains(lines, l => l.StartsWith("run on other_breaches: 2 events, frames 1-5", StringComparison.Ordinal));

        Assert.Equal(Path.Combine(run.RunFolder, "evaluation_other_breaches"), evaluation.Folder);
        foreach (var file in new[] { "scores.csv", "summary.csv", "mae_over_time.csv", "table.txt", "event_metrics.csv",
            "lead_time_metrics.csv",
                     Path.Combine("maps", "dike_500_predicted.npy") })
            Assert.True(File.Exists(Path.Combine(evaluation.Folder, file)), file);
        Assert.Equal(1 + 6 * 2, File.ReadAllLines(Path.Combine(evaluation.Folder, "scores.csv")).Length);
        Assert.Equal(evaluation.Table, File.ReadAllText(Path.Combine(evaluation.Folder, "table.txt")));
    }

    [Fact]
    public void EvaluateOn_NoSolverNoIds_EverySimulationOfTheFolderAndTheMissingBaselineNoted()
    {
        var evaluation = MapRuns.EvaluateOn(run.RunFolder, run.Other, new MapDataEvaluationOptions { Simulator = null, Subgrid = null },
            _ => { });
        Assert.Equal(["cnnlstm", "persistence", "climatology"], evaluation.Result.Rows.Select(r => r.Name));
        Assert.Equal(["dike_500", "dike_501", "dike_502"], evaluation.Result.Rows[0].Events.Select(e => e.Event));
        Assert.Contains("! coarse solver x2: not run", evaluation.Table);
        Assert.Contains("climatology: the mean of the run's 3 training simulations (1-3)", evaluation.Table);
        Assert.DoesNotContain("speed-up of", evaluation.Table);
    }

    [Fact]
    public void EvaluateOn_Split_TheRunsIdsOfThatSplit()
    {
        var evaluation = MapRuns.EvaluateOn(run.RunFolder, run.Training,
            new MapDataEvaluationOptions { Split = "validation", Simulator = null }, _ => { });
        Assert.Equal(["dike_4"], evaluation.Result.Rows[0].Events.Select(e => e.Event));
        Assert.True(File.Exists(Path.Combine(run.RunFolder, "evaluation_training", "summary.csv")));
    }

    [Theory]
    [InlineData("500-49x", "--ids 500-49x: '500-49x' is not an id or a range of ids such as 1-20")]
    [InlineData("500,,501", "--ids 500,,501: '' is not an id")]
    [InlineData("600-601,500", "--ids: simulations 600-601 not in")]
    [InlineData("503", "--ids: simulation 503 not in")]
    public void EvaluateOn_BadIds_NamesTheArgument(string ids, string message)
    {
        var error = Assert.Throws<ArgumentException>(() => MapRuns.EvaluateOn(run.RunFolder, run.Other,
            new MapDataEvaluationOptions { Ids = ids, Simulator = null }, _ => { }));
        Assert.Contains(message, error.Message);
        if (message.Contains("not in", StringComparison.Ordinal)) Assert.Contains("(it has 500-502)", error.Message);
    }

    [Fact]
    public void EvaluateOn_SplitIdsNotInTheFolder_NamesTheSplit()
    {
        var error = Assert.Throws<ArgumentException>(() => MapRuns.EvaluateOn(run.RunFolder, run.Other,
            new MapDataEvaluationOptions { Split = "test" }, _ => { }));
        Assert.Contains("--split test: simulation 5 not in", error.Message);
        Assert.Contains("--split: 'tests' is not one of", Assert.Throws<ArgumentException>(() =>
            MapRuns.EvaluateOn(run.RunFolder, run.Other, new MapDataEvaluationOptions { Split = "tests" }, _ => { })).Message);
    }

    [Fact]
    public void EvaluateOn_MissingOrWrongFolder_NamesData()
    {
        var missing = Path.Combine(run.Root, "nowhere");
        Assert.Contains($"--data: folder {missing} not found",
            Assert.Throws<DirectoryNotFoundException>(() => MapRuns.EvaluateOn(run.RunFolder, missing, null, _ => { })).Message);
        Assert.StartsWith("--data: ",
            Assert.Throws<ArgumentException>(() => MapRuns.EvaluateOn(run.RunFolder, run.RunFolder, null, _ => { })).Message);
        Assert.Contains(RunFolderConfig.FileName,
            Assert.Throws<FileNotFoundException>(() => MapRuns.EvaluateOn(run.Root, run.Other, null, _ => { })).Message);
    }

    [Theory]
    [InlineData(3, "--subgrid: 3 does not divide the 64 x 64 grid")]
    [InlineData(-1, "--subgrid: -1; how many times coarser, at least 1")]
    public void EvaluateOn_SubgridCoarseningNotDividingTheGridOrNegative_NamesSubgrid(int coarsening, string message)
    {
        var error = Assert.Throws<ArgumentException>(() => MapRuns.EvaluateOn(run.RunFolder, run.Other,
            new MapDataEvaluationOptions { Simulator = null, SubgridCoarsening = coarsening }, _ => { }));

        Assert.StartsWith(message, error.Message);
    }

    [Fact]
    public void EvaluateOn_SubgridFour_ScoresTheSubgridSolverThereAndZeroLeavesItOut()
    {
        var calls = new List<Call>();
        BreachSimulator fake = (bed, rows, columns, cellSize, breach, inflow, seconds, coarsening, _) =>
        {
            calls.Add(new Call(breach, coarsening, inflow.Count));
            return Enumerable.Range(0, inflow.Count).SelectMany(t => TinyDikeBreach.Depth(t, breach)).ToArray();
        };
        var four = MapRuns.EvaluateOn(run.RunFolder, run.Other,
            new MapDataEvaluationOptions { Ids = "500", Simulator = null, Subgrid = fake, SubgridCoarsening = 4 }, _ => { });
        var none = MapRuns.EvaluateOn(run.RunFolder, run.Other,
            new MapDataEvaluationOptions { Ids = "500", Simulator = null, Subgrid = fake, SubgridCoarsening = 0 }, _ => { });

        Assert.Equal([new Call((10, 0), 4, 6)], calls);
        Assert.Equal("subgrid solver x4", four.Result.Rows[^1].Name);
        Assert.Contains("the flags compare with the 3 baselines above only", four.Table);
        Assert.Contains("subgrid solver x4: local-inertial flow on a grid 4 times coarser", four.Table);
        Assert.DoesNotContain(none.Result.Rows, r => r.Name.StartsWith("subgrid", StringComparison.Ordinal));
    }

    [Fact]
    public void EvaluateOn_OtherFrameCount_NamesDataAndBothCounts()
    {
        var shorter = Path.Combine(run.Root, "shorter");
        TinyDikeBreach.Write(shorter, 7, (0, 0), frames: 4);
        var error = Assert.Throws<ArgumentException>(() => MapRuns.EvaluateOn(run.RunFolder, shorter,
            new MapDataEvaluationOptions { Simulator = null }, _ => { }));
        Assert.Contains("--data: the simulations of", error.Message);
        Assert.Contains("have 4 frames, the run's training simulations 6", error.Message);
    }
}
