using HydroWorkshop.TestSupport;
using Xunit;

namespace HydroWorkshop.Surrogates.Tests;

public sealed class MapRunConfigReaderTests
{
    private const string Full = """
        run_folder: runs/flume
        data:
          type: flume
          folder: data/flume
          extra_train_folders: [data/more]
          storage_estimate: true
          coarse_solver: 8
        model: { type: convlstm_forecaster, features: 12, hidden_channels: 24, num_layers: 2, kernel_size: 5, peephole: true }
        training:
          epochs: 50
          batch_size: 2
          optimizer: adamw
          learning_rate: { 1: 0.002, 20: 0.0005 }
          weight_decay: 0.0001
          clip_grad_norm: 0.5
          validate_every: 2
          patience: 8
          min_epochs: 4
          seed: 7
          device: cuda:0
        map:
          warmup_frames: 3
          window_frames: 20
          windows_per_event: 2
          teacher_forcing: { start: 0.5, end: 0.1, decay_epochs: 12, decay: inverse_sigmoid }
          wet_threshold: 0.002
          stop_metric: csi
          wet_dry_weight: 0.2
          wet_cell_weight: 3
          wet_positive_weight: 2.5
          mirror_rows: true
          evaluation_batch_size: 4
          time_limit_minutes: 1.5
        """;

    [Fact]
    public void Parse_EveryKey_SetsConfig()
    {
        var config = MapRunConfigReader.Parse(Full, "full.yml");
        Assert.Equal("runs/flume", config.RunFolder);
        Assert.Equal(new MapDataConfig { Type = "flume", Folder = "data/flume", ExtraTrainFolders = ["data/more"] }.ExtraTrainFolders,
            config.Data.ExtraTrainFolders);
        Assert.Equal("data/flume", config.Data.Folder);
        Assert.True(config.Data.StorageEstimate);
        Assert.Equal(8, config.Data.CoarseSolver);
        Assert.Equal(new MapModelConfig { Type = "convlstm_forecaster", Features = 12, HiddenChannels = 24, NumLayers = 2, KernelSize = 5,
            Peephole = true }, config.Model);
        var t = config.Training;
        Assert.Equal((50, 2, "adamw", 1e-4, 0.5, 2, 8, 4, 7UL),
            (t.Epochs, t.BatchSize, t.Optimizer, t.WeightDecay, t.ClipGradNorm, t.ValidateEvery, t.Patience, t.MinEpochs, t.Seed));
        Assert.Equal(0.0005, t.LearningRates![20]);
        Assert.Equal("cuda:0", t.Device);
        var m = config.Map;
        Assert.Equal((3, 20, 2, 0.002, MapStopMetric.Csi, 0.2, 3.0, 2.5, true, 4),
            (m.WarmupFrames, m.WindowFrames, m.WindowsPerEvent, m.WetThreshold,
            m.StopMetric, m.WetDryWeight, m.WetCellWeight, m.WetPositiveWeight, m.MirrorRows, m.EvaluationBatchSize));
        Assert.Equal(new TeacherForcingSchedule(0.5, 0.1, 12, TeacherForcingDecay.InverseSigmoid), m.TeacherForcing);
        Assert.Equal(TimeSpan.FromMinutes(1.5), m.TimeLimit);
    }

    [Fact]
    public void Parse_UnknownKey_NamesClosestKeyFileAndLine()
    {
        var error = Assert.Throws<FormatException>(() => MapRunConfigReader.Parse("run_folder: r\nmap:\n  warmup_frame: 4\n", "flume.yml"));
        Assert.Contains("flume.yml line 3", error.Message);
        Assert.Contains("unknown key 'warmup_frame' in 'map'; did you mean 'warmup_frames'?", error.Message);
    }

    [Fact]
    public void Parse_UnknownTopLevelAndTeacherForcingKeys_NameClosest()
    {
        Assert.Contains("did you mean 'training'", Assert.Throws<FormatException>(() => MapRunConfigReader.Parse(
            "run_folder: r\ntrainig: {}\n")).Message);
        var error = Assert.Throws<FormatException>(() => MapRunConfigReader.Parse(
            "run_folder: r\nmap:\n  teacher_forcing: { start: 1, decay_epoch: 3 }\n", "c.yml"));
        Assert.Contains("c.yml line 3", error.Message);
        Assert.Contains("did you mean 'decay_epochs'", error.Message);
    }

    [Fact]
    public void Parse_MissingRunFolder_NamesKey() =>
        Assert.Contains("'run_folder' is missing",
            Assert.Throws<FormatException>(() => MapRunConfigReader.Parse("model: { type: cnnlstm }\n", "c.yml")).Message);

    [Theory]
    [InlineData("model:\n  type: unet\n", "line 3: 'unet' is not one of cnnlstm, convlstm_forecaster")]
    [InlineData("training:\n  epochs: many\n", "line 3: 'many' is not a whole number")]
    [InlineData("model:\n  features: 0\n", "line 3: expected a positive whole number, got 0")]
    [InlineData("map:\n  mirror_rows: maybe\n", "line 3: 'maybe' is not true or false")]
    [InlineData("map:\n  warmup_frames: 0\n", "c.yml: map: WarmupFrames must be at least 1")]
    [InlineData("map:\n  wet_cell_weight: 0\n", "c.yml: map: WetCellWeight must be positive")]
    [InlineData("training:\n  epochs: 0\n", "c.yml: training:")]
    [InlineData("data:\n  test_ids: [5-1]\n", "line 3: '5-1' is not an id or a range")]
    [InlineData("data:\n  type: dike_breach\n  storage_estimate: true\n", "c.yml: data: storage_estimate is for flume data sets")]
    [InlineData("model:\n  type: coarse_refiner\nmap:\n  window_frames: 49\n",
        "c.yml: map: window_frames 49: coarse_refiner trains on whole events")]
    [InlineData("model:\n  type: coarse_refiner\nmap:\n  curriculum_start_steps: 1\n",
        "c.yml: map: curriculum_start_steps: coarse_refiner trains on whole events")]
    [InlineData("model:\n  type: one_pass\nmap:\n  window_frames: 49\n",
        "c.yml: map: window_frames 49: one_pass predicts whole events")]
    [InlineData("training:\n  device: cuda:x\n", "c.yml line 3: 'cuda:x' is not a device")]
    [InlineData("training:\n  learning_rate: { 10: 0.001 }\n",
        "c.yml line 3: learning_rate: the first key is epoch 10, so epochs 1 to 9 have no rate")]
    [InlineData("data:\n  coarse_solver: -2\n", "c.yml line 3: expected 0 (off) or a coarsening factor such as 8, got -2")]
    public void Parse_BadValue_NamesFileLineAndValue(string yaml, string expected) =>
        Assert.Contains(expected,
            Assert.Throws<FormatException>(() => MapRunConfigReader.Parse("run_folder: r\n" + yaml, "c.yml")).Message);

    [Fact]
    public void Parse_DikeBreachWithCoarseSolver_KeepsTheFactor()
    {
        var config = MapRunConfigReader.Parse("run_folder: r\ndata: { type: dike_breach, coarse_solver: 4 }\n");

        Assert.Equal(("dike_breach", 4), (config.Data.Type, config.Data.CoarseSolver));
    }

    [Fact]
    public void Parse_IdRanges_Expand()
    {
        var config = MapRunConfigReader.Parse("run_folder: r\ndata: { type: dike_breach, train_ids: [1-3, 7], test_ids: [500] }\n");
        Assert.Equal([1, 2, 3, 7], config.Data.TrainIds);
        Assert.Equal([500], config.Data.TestIds);
        Assert.Equal(Enumerable.Range(21, 4), config.Data.ValidationIds);
    }

    [Fact]
    public void ParseIds_IdsAndRanges_InOrderGiven() =>
        Assert.Equal([500, 501, 502, 512, 3], MapRunConfigReader.ParseIds(["500-502", " 512 ", "3"]));

    [Theory]
    [InlineData("5-1")]
    [InlineData("x")]
    [InlineData("1-2-3")]
    public void ParseIds_Bad_QuotesTheItem(string item) =>
        Assert.Contains($"'{item}' is not an id", Assert.Throws<FormatException>(() => MapRunConfigReader.ParseIds(["1", item])).Message);

    [Fact]
    public void ParseIds_Empty_Throws() => Assert.Throws<FormatException>(() => MapRunConfigReader.ParseIds([]));

    [Fact]
    public void Parse_TeacherForcingNone_IsNone() =>
        Assert.Equal(TeacherForcingSchedule.None, MapRunConfigReader.Parse(
            "run_folder: r\nmap: { teacher_forcing: none }\n").Map.TeacherForcing);

    [Fact]
    public void Parse_Defaults_MatchTheDocumentedOnes()
    {
        var config = MapRunConfigReader.Parse("run_folder: r\n");
        Assert.Equal(new MapModelConfig(), config.Model);
        Assert.Equal(new MapTrainingOptions(), config.Map);
        Assert.Equal(("flume", "default", false, 0),
            (config.Data.Type, config.Data.Folder, config.Data.StorageEstimate, config.Data.CoarseSolver));
    }

    [Fact]
    public void Read_RelativePaths_ResolveFromTheFilesFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"hw-map-config-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            var path = Path.Combine(folder, "run.yml");
            File.WriteAllText(path, "run_folder: ../runs/a\ndata: { folder: flume, extra_train_folders: [more] }\n");
            var config = MapRunConfigReader.Read(path);
            Assert.Equal(Path.GetFullPath(Path.Combine(folder, "..", "runs", "a")), config.RunFolder);
            Assert.Equal(Path.Combine(folder, "flume"), config.Data.Folder);
            Assert.Equal(Path.Combine(folder, "more"), config.Data.ExtraTrainFolders[0]);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Read_MissingFile_NamesIt() =>
        Assert.Contains("nowhere.yml", Assert.Throws<FileNotFoundException>(() => MapRunConfigReader.Read("nowhere.yml")).Message);

    [Fact]
    public void Read_AccuracyConfig_Parses()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "accuracy", "flume-cnnlstm.yml");     // tests/accuracy/, copied by the project
        var config = MapRunConfigReader.Read(path);
        Assert.Equal("cnnlstm", config.Model.Type);
        Assert.Equal(4, config.Map.WarmupFrames);
        Assert.Equal(TimeSpan.FromMinutes(5), config.Map.TimeLimit);
    }

    [Theory]
    [InlineData("dike-breach-stepper.yml", 72, 1, 0)]
    [InlineData("dike-breach-stepper-dhydro.yml", 72, 0, 0)]
    [InlineData("dike-breach-stepper-generated.yml", 0, 1, 0)]
    [InlineData("dike-breach-stepper-coarse.yml", 72, 0, 4)]
    public void Read_DikeBreachStepperConfigs_Parse(string file, int trainIds, int extraFolders, int coarseSolver)
    {
        var config = MapRunConfigReader.Read(Path.Combine(AppContext.BaseDirectory, "accuracy", file));
        Assert.Equal(("flood_stepper", "dike_breach"), (config.Model.Type, config.Data.Type));
        Assert.Equal((trainIds, extraFolders, coarseSolver),
            (config.Data.TrainIds.Count, config.Data.ExtraTrainFolders.Count, config.Data.CoarseSolver));
        Assert.Equal(new RolloutCurriculum(1, 3), config.Map.Curriculum);
        Assert.Equal(1, config.Map.WarmupFrames);
    }

    [Theory]
    [InlineData("dike-breach-refiner.yml", 72, true)]                 // shipped: D-HYDRO 1-72 and our generated breaches
    [InlineData("dike-breach-refiner-dhydro.yml", 72, false)]         // each part alone: what the other adds
    [InlineData("dike-breach-refiner-generated.yml", 0, true)]
    public void Read_DikeBreachRefinerConfigs_ParseWithTheirCoarseSolverAndTrainingEvents(string file, int trainIds, bool ourBreaches)
    {
        var config = MapRunConfigReader.Read(Path.Combine(AppContext.BaseDirectory, "accuracy", file));
        Assert.Equal(("coarse_refiner", "dike_breach", 2), (config.Model.Type, config.Data.Type, config.Data.CoarseSolver));
        // The benchmark script scores out/runs/<file name>: a copied run_folder would overwrite another variant's run.
        Assert.Equal(Path.GetFileNameWithoutExtension(file), Path.GetFileName(config.RunFolder));
        Assert.Equal(trainIds, config.Data.TrainIds.Count);
        // Our generated breaches are the folder the benchmark script makes; all three validate on the same D-HYDRO events.
        Assert.Equal(ourBreaches ? ["breach-dataset"] : Array.Empty<string>(), config.Data.ExtraTrainFolders.Select(Path.GetFileName));
        Assert.Equal(Enumerable.Range(73, 8), config.Data.ValidationIds);
        // Nothing is fed back: whole events, no roll-out curriculum.
        Assert.Equal((0, null), (config.Map.WindowFrames, config.Map.Curriculum));
    }

    [Fact]
    public void Read_DikeBreachOnePassConfig_WholeEventsOnTheRefinersData()
    {
        var config = MapRunConfigReader.Read(Path.Combine(AppContext.BaseDirectory, "accuracy", "dike-breach-one-pass.yml"));
        Assert.Equal(("one_pass", "dike_breach", 0), (config.Model.Type, config.Data.Type, config.Data.CoarseSolver));
        Assert.Equal("dike-breach-one-pass", Path.GetFileName(config.RunFolder));
        // The same events as the shipped refiner, so that their rows compare.
        var refiner = MapRunConfigReader.Read(Path.Combine(AppContext.BaseDirectory, "accuracy", "dike-breach-refiner.yml"));
        Assert.Equal(refiner.Data.TrainIds, config.Data.TrainIds);
        Assert.Equal(refiner.Data.ValidationIds, config.Data.ValidationIds);
        Assert.Equal(refiner.Data.ExtraTrainFolders.Select(Path.GetFileName), config.Data.ExtraTrainFolders.Select(Path.GetFileName));
        Assert.Equal((0, null), (config.Map.WindowFrames, config.Map.Curriculum));
    }

    [Fact]
    public void Read_DikeBreachOnePassCoarse8Config_ThePlainModelsDataOnTheCoarseRunX8()
    {
        var config = MapRunConfigReader.Read(Path.Combine(AppContext.BaseDirectory, "accuracy", "dike-breach-one-pass-coarse8.yml"));
        Assert.Equal(("one_pass", "dike_breach", 8), (config.Model.Type, config.Data.Type, config.Data.CoarseSolver));
        Assert.Equal("dike-breach-one-pass-coarse8", Path.GetFileName(config.RunFolder));
        // The same events as the plain one-pass model, so that the coarse run's contribution is read from their rows.
        var plain = MapRunConfigReader.Read(Path.Combine(AppContext.BaseDirectory, "accuracy", "dike-breach-one-pass.yml"));
        Assert.Equal(plain.Data.TrainIds, config.Data.TrainIds);
        Assert.Equal(plain.Data.ValidationIds, config.Data.ValidationIds);
        Assert.Equal(plain.Data.ExtraTrainFolders, config.Data.ExtraTrainFolders);
        Assert.Equal((0, null), (config.Map.WindowFrames, config.Map.Curriculum));
    }

    [Fact]
    public void Write_ShippedAndFullConfigs_ReadBackEqual()
    {
        // Read, write into another folder (as a run folder's copy), read again: the same config, paths and all.
        using var temp = new TempFolder();
        foreach (var path in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "accuracy"), "*.yml"))
        {
            var config = MapRunConfigReader.Read(path);
            var copy = temp.File(Path.Combine("elsewhere", Path.GetFileName(path)), MapRunConfigReader.Write(config));
            Assert.Equal(ConfigKeysText.Structure(config), ConfigKeysText.Structure(MapRunConfigReader.Read(copy)));
        }
        var full = MapRunConfigReader.Parse(Full);
        Assert.Equal(ConfigKeysText.Structure(full), ConfigKeysText.Structure(MapRunConfigReader.Parse(MapRunConfigReader.Write(full))));
        var none = MapRunConfigReader.Parse(
            "run_folder: r\nmap: {teacher_forcing: none, curriculum_start_steps: 2, time_limit_minutes: null}\n");
        Assert.Equal(ConfigKeysText.Structure(none), ConfigKeysText.Structure(MapRunConfigReader.Parse(MapRunConfigReader.Write(none))));
    }

    [Theory]
    [InlineData("top level")]
    [InlineData("data")]
    [InlineData("model")]
    [InlineData("training")]
    [InlineData("map")]
    public void KeyHelp_EveryAcceptedKey_IsListed(string section)
    {
        // The keys the reader accepts, as its unknown-key error lists them, against the ones the help lists.
        var yaml = section == "top level" ? "run_folder: x\nnot_a_key: 1\n" : $"run_folder: x\n{section}: {{not_a_key: 1}}\n";
        var accepted = ConfigKeysText.ValidKeys(Assert.Throws<FormatException>(() => MapRunConfigReader.Parse(yaml)).Message);
        Assert.Equal(accepted, ConfigKeysText.HelpKeys(MapRunConfigReader.KeyHelp(), section + ":"));
    }
}
