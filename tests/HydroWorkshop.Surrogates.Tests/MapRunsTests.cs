using HydroWorkshop.Common;
using HydroWorkshop.FloodData;
using HydroWorkshop.Models.Maps;
using Xunit;

namespace HydroWorkshop.Surrogates.Tests;

public sealed class MapRunsTests
{
    [Fact]
    public void TrainThenEvaluate_TinyFlume_WritesRunAndReproducesTestScores()
    {
        _ = TinyFlume.DataSet;                                                 // generated on first use
        var folder = Path.Combine(Path.GetTempPath(), $"hw-map-runs-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            var config = Path.Combine(folder, "tiny.yml");
            File.WriteAllText(config, $"""
                run_folder: run
                data: {"{"} type: flume, folder: '{TinyFlume.Folder}' {"}"}
                model: {"{"} type: cnnlstm, features: 4, latent: 8, hidden_size: 8 {"}"}
                training: {"{"} epochs: 3, batch_size: 2, learning_rate: 0.002, seed: 5 {"}"}
                map: {"{"} warmup_frames: 3, mirror_rows: true, wet_cell_weight: 2 {"}"}
                """);
            var lines = new List<string>();
            var run = MapRuns.Train(config, lines.Add);
            var runFolder = Path.Combine(folder, "run");
            Assert.Equal(runFolder, run.RunFolder);
            Assert.Equal(3, run.Training.History.Count);
            foreach (var file in new[] { RunFolderConfig.FileName, "config.json", "scales.json", "best_model.safetensors",
                "training_log.csv",
                         Path.Combine("evaluation", "test", "event_metrics.csv") })
                Assert.True(File.Exists(Path.Combine(runFolder, file)), file);
            Assert.Contains(lines, l => l.StartsWith("test: 1 events, wet RMSE", StringComparison.Ordinal));

            // Evaluating the folder alone (config copy, scales, best weights) gives the same scores.
            File.Delete(config);
            var again = MapRuns.Evaluate(runFolder, "test", _ => { });
            Assert.Equal(run.Test.Select(s => s.Scores), again.Select(s => s.Scores));
            var validation = MapRuns.Evaluate(runFolder, "validation", _ => { });
            Assert.Single(validation);
            Assert.True(File.Exists(Path.Combine(runFolder, "evaluation", "validation", "event_metrics.csv")));

            // A run folder made before the copy had one name keeps its map_run.yml, and still evaluates.
            File.Move(Path.Combine(runFolder, RunFolderConfig.FileName), Path.Combine(runFolder, "map_run.yml"));
            Assert.Equal(run.Test.Select(s => s.Scores), MapRuns.Evaluate(runFolder, "test", _ => { }).Select(s => s.Scores));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void TrainThenEvaluateOn_FloodStepperWithGeneratedEvents_TrainsOnBothAndScoresBreachesElsewhere()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"hw-map-runs-{Guid.NewGuid():N}");
        try
        {
            var dhydro = Path.Combine(folder, "dhydro");
            var generated = Path.Combine(folder, "generated");
            var other = Path.Combine(folder, "other");
            for (var id = 1; id <= 5; id++) TinyDikeBreach.Write(dhydro, id, (0, 0));
            TinyDikeBreach.Write(generated, 1, (20, 63));
            TinyDikeBreach.Write(generated, 2, (63, 10));
            TinyDikeBreach.Write(other, 500, (10, 0));
            var config = Path.Combine(folder, "stepper.yml");
            File.WriteAllText(config, $"""
                run_folder: run
                data: {"{"} type: dike_breach, folder: '{dhydro}', train_ids: [1-3], validation_ids: [4], test_ids: [5], extra_train_folders: [generated] {"}"}
                model: {"{"} type: flood_stepper, width: 4 {"}"}
                training: {"{"} epochs: 2, batch_size: 5, learning_rate: 0.002, seed: 7 {"}"}
                map: {"{"} warmup_frames: 1, window_frames: 4, curriculum_start_steps: 1, curriculum_epochs_per_doubling: 1, wet_threshold: 0.05, wet_dry_weight: 0.5 {"}"}
                """);
            var run = MapRuns.Train(config, _ => { });
            Assert.Equal(2, run.Training.History.Count);
            var data = MapRuns.LoadData(MapRunConfigReader.Read(config).Data);
            Assert.Equal(["dike_1", "dike_2", "dike_3", "generated/dike_1", "generated/dike_2"], data.Train.Events.Select(e => e.Name));

            // The saved run alone (config copy, scales, weights with the volume factor) scores the same, and scores a
            // folder it has never seen beside the baselines.
            var again = MapRuns.Evaluate(run.RunFolder, "test", _ => { });
            Assert.Equal(run.Test.Select(s => s.Scores), again.Select(s => s.Scores));
            var evaluation = MapRuns.EvaluateOn(run.RunFolder, other, new MapDataEvaluationOptions { Simulator = null, Subgrid = null },
                _ => { });
            Assert.Equal(["flood_stepper", "persistence", "climatology"], evaluation.Result.Rows.Select(r => r.Name));
            Assert.Contains("climatology: the mean of the run's 5 training simulations (1-3 + generated)", evaluation.Table);
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void TrainThenEvaluateOn_OnePass_ScoresAFolderItHasNotSeenBesideTheBaselines()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"hw-map-runs-{Guid.NewGuid():N}");
        try
        {
            for (var id = 1; id <= 3; id++) TinyDikeBreach.Write(folder, id, (0, 0));
            TinyDikeBreach.Write(Path.Combine(folder, "other"), 500, (40, 0));
            var config = Path.Combine(folder, "one-pass.yml");
            File.WriteAllText(config, $"""
                run_folder: run
                data: {"{"} type: dike_breach, folder: '{folder}', train_ids: [1-2], validation_ids: [3], test_ids: [3] {"}"}
                model: {"{"} type: one_pass, width: 4 {"}"}
                training: {"{"} epochs: 2, batch_size: 2, learning_rate: 0.002, seed: 7 {"}"}
                map: {"{"} warmup_frames: 1, wet_threshold: 0.05 {"}"}
                """);
            var run = MapRuns.Train(config, _ => { });
            Assert.Equal(2, run.Training.History.Count);
            // The saved run alone (config copy, scales, weights with its volume factors) scores the same.
            var again = MapRuns.Evaluate(run.RunFolder, "test", _ => { });
            Assert.Equal(run.Test.Select(s => s.Scores), again.Select(s => s.Scores));
            var evaluation = MapRuns.EvaluateOn(run.RunFolder, Path.Combine(folder, "other"),
                new MapDataEvaluationOptions { Simulator = null, Subgrid = null }, _ => { });
            Assert.Equal(["one_pass", "persistence", "climatology"], evaluation.Result.Rows.Select(r => r.Name));
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("type: flood_stepper, width: 4")]
    [InlineData("type: cnnlstm, features: 2, latent: 4, hidden_size: 4")]
    [InlineData("type: coarse_refiner, width: 4")]
    [InlineData("type: one_pass, width: 4")]
    public void TrainAndEvaluateOn_DikeBreachWithCoarseSolver_TakesTheCoarseRunAsInputAndTimesIt(string model)
    {
        var type = model.Split(',')[0]["type: ".Length..];
        var window = type is "coarse_refiner" or "one_pass" ? 0 : 4;     // these train on whole events only
        var folder = Path.Combine(Path.GetTempPath(), $"hw-map-runs-{Guid.NewGuid():N}");
        try
        {
            for (var id = 1; id <= 3; id++) TinyDikeBreach.Write(folder, id, (0, 0));
            TinyDikeBreach.Write(Path.Combine(folder, "other"), 500, (0, 30));
            TinyDikeBreach.Write(Path.Combine(folder, "other"), 501, (20, 0));
            var config = Path.Combine(folder, "coarse.yml");
            File.WriteAllText(config, $"""
                run_folder: run
                data: {"{"} type: dike_breach, folder: '{folder}', train_ids: [1-2], validation_ids: [3], test_ids: [3], coarse_solver: 4 {"}"}
                model: {"{"} {model} {"}"}
                training: {"{"} epochs: 1, batch_size: 2, learning_rate: 0.002, seed: 7 {"}"}
                map: {"{"} warmup_frames: 1, window_frames: {window}, wet_threshold: 0.05 {"}"}
                """);
            var run = MapRuns.Train(config, _ => { });
            Assert.Equal(["coarse_depth"], MapRuns.LoadData(MapRunConfigReader.Read(config).Data).Train.ExtraNames);
            // The one-pass model's coarse variant, not the plain model beside an unread extra map: its checkpoint holds the
            // coarse depth's scale.
            if (type == "one_pass")
                Assert.Contains("coarseToDepth",
                    Checkpoints.SafeTensors.ReadHeader(Path.Combine(run.RunFolder, "best_model.safetensors")).Entries.Select(e => e.Name));

            var coarseCalls = 0;
            BreachSimulator fake = (bed, rows, columns, cellSize, breach, inflow, seconds, coarsening, token) =>
            {
                if (coarsening == 4) coarseCalls++;
                return BreachSimulators.Kit!(bed, rows, columns, cellSize, breach, inflow, seconds, coarsening, token);
            };
            var evaluation = MapRuns.EvaluateOn(run.RunFolder, Path.Combine(folder, "other"),
                new MapDataEvaluationOptions { Simulator = fake, TimeFineSolver = false }, _ => { });

            // The coarse run alone is a baseline too: the network has to add something to its own input.
            Assert.Equal([$"{type}+coarse x4", "persistence", "climatology", "coarse solver x2", "coarse solver x4", "subgrid solver x2"],
                evaluation.Result.Rows.Select(r => r.Name));
            // 2 for the map scores, 1 untimed first roll-out, one inside each of the 3 timed roll-outs of each event, and
            // the x4 baseline's 2.
            Assert.Equal(2 + 1 + 2 * FloodEvaluation.SurrogateRepeats + 2, coarseCalls);
            Assert.Contains($"{type}+coarse x4: its time per event includes its own coarse solver x4 run", evaluation.Table);
            Assert.Contains($"{type}+coarse x4 ", evaluation.Table);                                    // the name fits its column
            var error = Assert.Throws<ArgumentException>(() => MapRuns.EvaluateOn(run.RunFolder, Path.Combine(folder, "other"),
                new MapDataEvaluationOptions { Simulator = null }, _ => { }));
            Assert.Contains("takes its coarse solver x4 as input (data: coarse_solver)", error.Message);
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void LoadData_DikeBreachWithoutTrainingSimulations_NamesTheKeys()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"hw-map-runs-{Guid.NewGuid():N}");
        try
        {
            TinyDikeBreach.Write(folder, 1, (0, 0));
            var error = Assert.Throws<ArgumentException>(() => MapRuns.LoadData(new MapDataConfig { Type = "dike_breach", Folder = folder,
                TrainIds = [], ValidationIds = [1], TestIds = [1] }));
            Assert.Contains("train_ids or extra_train_folders", error.Message);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Evaluate_NotARunFolder_NamesTheMissingConfig() =>
        Assert.Contains(RunFolderConfig.FileName,
            Assert.Throws<FileNotFoundException>(() => MapRuns.Evaluate(Path.GetTempPath(), "test", _ => { })).Message);

    [Fact]
    public void LoadData_CoarseSolver_EverySplitGetsTheCoarseDepthAndTheModelStartsFromIt()
    {
        var data = MapRuns.LoadData(new MapDataConfig { Folder = TinyFlume.Folder, CoarseSolver = 4 });
        foreach (var split in new[] { data.Train, data.Validation, data.Test })
            Assert.Equal(["coarse_depth"], split.ExtraNames);
        using var model = (CnnLstm)MapRuns.BuildModel(new MapModelConfig(), data.Train.Inputs, 3, depthFromExtraMap: true);
        Assert.True(model.DepthFromExtraMap);
    }

    [Fact]
    public void LoadData_CoarseSolverNotDividingTheGrid_NamesTheKeyAndTheFactorsThatDo()
    {
        var error = Assert.Throws<ArgumentException>(() => MapRuns.LoadData(new MapDataConfig { Folder = TinyFlume.Folder,
            CoarseSolver = 3 }));
        Assert.Contains("data: coarse_solver 3: the 32 x 16 cells of", error.Message);
        Assert.Contains("factors that do: 2, 4, 8, 16", error.Message);
    }

    [Fact]
    public void LoadData_FlumeWithExtraTrainFolder_AddsEveryEventAsTraining()
    {
        var data = MapRuns.LoadData(new MapDataConfig { Folder = TinyFlume.Folder, ExtraTrainFolders = [TinyFlume.Folder] });
        var own = TinyFlume.DataSet.Split("train").Count;
        Assert.Equal(own + TinyFlume.DataSet.EventCount, data.Train.Count);
        Assert.Equal(TinyFlume.DataSet.Split("test").Count, data.Test.Count);
        Assert.StartsWith("hw-surrogates-tiny-flume-seed3-16x32/event_", data.Train.Events[^1].Name, StringComparison.Ordinal);
    }

    [Fact]
    public void BuildModel_CoarseRefinerWithoutCoarseSolver_NamesTheKey()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            MapRuns.BuildModel(new MapModelConfig { Type = "coarse_refiner" }, new MapInputs(3, 2, 0, 16, 32), 1));
        Assert.Contains("data: coarse_solver", error.Message);
    }

    [Fact]
    public void BuildModel_UnknownType_Throws() =>
        Assert.Throws<ArgumentException>(() => MapRuns.BuildModel(new MapModelConfig { Type = "unet" }, new MapInputs(2, 1, 0, 16, 32), 2));
}
