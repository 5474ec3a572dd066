using HydroWorkshop.TestSupport;
using HydroWorkshop.Training;
using Xunit;

namespace HydroWorkshop.Tests.Training;

public class RunConfigReaderTests
{
    private const string Valid = """
        run_folder: out/runs/test
        data:
          source: synthetic
          seq_length: 120
          train_period: [2000-01-01, 2003-12-31]
          validation_period: [2004-01-01, 2004-12-31]
          test_period: [2005-01-01, 2005-12-31]
        model:
          type: lstm
          hidden_size: 32
          attention: true
        training:
          epochs: 5
          learning_rate: {1: 0.001, 3: 0.0005}
          loss: mse
          patience: 2
        """;

    [Fact]
    public void Parse_ValidConfig_SetsEveryKey()
    {
        var config = RunConfigReader.Parse(Valid);
        Assert.Equal("out/runs/test", config.RunFolder);
        Assert.Equal(120, config.Data.SequenceLength);
        Assert.Equal(new DateOnly(2004, 12, 31), config.Data.ValidationPeriod!.Value.End);
        Assert.Equal(32, config.Model.HiddenSize);
        Assert.True(config.Model.Attention);
        Assert.Equal(TrainingLoss.Mse, config.Training.Loss);
        Assert.Equal(0.0005, config.Training.LearningRates![3]);
        Assert.Equal(2, config.Training.Patience);
    }

    [Fact]
    public void Parse_LearningRateKeyZero_IsKeptAsNeuralhydrologyWritesIt()
    {
        var config = RunConfigReader.Parse("run_folder: x\ntraining: {learning_rate: {0: 0.01, 5: 0.001}}\n");
        Assert.Equal([0, 5], config.Training.LearningRates!.Keys);
    }

    [Theory]
    [InlineData("{3: 0.01}", "n.yml line 2: learning_rate: the first key is epoch 3, so epochs 1 to 2 have no rate; add 1: <rate>")]
    [InlineData("{1: 0.01, -2: 0.001}", "n.yml line 2: learning_rate: epoch -2 is negative")]
    [InlineData("{0: 0.01, 1: 0.001}", "keys 0 and 1 both name epoch 1")]
    [InlineData("{1: 0}", "learning_rate: the rate of epoch 1 must be positive, got 0")]
    [InlineData("{}", "the learning_rate map is empty")]
    public void Parse_BadLearningRateMap_SaysTheConvention(string map, string expected)
    {
        var e = Assert.Throws<FormatException>(() => RunConfigReader.Parse($"run_folder: x\ntraining: {{learning_rate: {map}}}\n",
            "n.yml"));
        Assert.Contains(expected, e.Message);
        Assert.Contains("epochs counted from 1 as the log counts them, e.g. {1: 0.001, 20: 0.0005}", e.Message);
    }

    [Fact]
    public void Parse_InlineBasinList_KeepsLeadingZeros()
    {
        var config = RunConfigReader.Parse("run_folder: x\ndata: {basins: [01031500, 01013500]}\n");
        Assert.Equal(["01031500", "01013500"], config.Data.BasinIds!);
        Assert.Null(config.Data.Basins);
        Assert.Equal(["01031500", "01013500"], config.Data.BasinList()!);
    }

    [Fact]
    public void Parse_BasinFile_IsAPathAndNotAList()
    {
        var config = RunConfigReader.Parse("run_folder: x\ndata: {basins: train_basins.txt}\n");
        Assert.Equal("train_basins.txt", config.Data.Basins);
        Assert.Null(config.Data.BasinIds);
    }

    [Theory]
    [InlineData("{file: a.txt}", "n.yml line 2: a mapping is not a basin list")]
    [InlineData("[]", "n.yml line 2: the basins list is empty")]
    [InlineData("[[01031500]]", "n.yml line 2: a basin id is a single value")]
    public void Parse_BasinsOfTheWrongType_NamesWhatIsExpected(string value, string expected)
    {
        var e = Assert.Throws<FormatException>(() => RunConfigReader.Parse($"run_folder: x\ndata: {{basins: {value}}}\n", "n.yml"));
        Assert.Contains(expected, e.Message);
        Assert.Contains("basins is a list of basin ids, e.g. [01031500, 01013500], or the path of a file with one id per line", e.Message);
    }

    [Fact]
    public void Parse_MisspelledKey_NamesLineAndClosestKey()
    {
        var e = Assert.Throws<FormatException>(() => RunConfigReader.Parse(Valid.Replace("hidden_size", "hiden_size"), "run.yml"));
        Assert.Contains("run.yml line 10", e.Message);
        Assert.Contains("unknown key 'hiden_size' in 'model'; did you mean 'hidden_size'?", e.Message);
    }

    [Fact]
    public void Parse_MissingRunFolder_NamesTheKey()
    {
        var e = Assert.Throws<FormatException>(() => RunConfigReader.Parse(Valid.Replace("run_folder: out/runs/test", "")));
        Assert.Contains("'run_folder' is missing", e.Message);
    }

    [Fact]
    public void Parse_BadValue_NamesLineAndAllowedValues()
    {
        var e = Assert.Throws<FormatException>(() => RunConfigReader.Parse(Valid.Replace("type: lstm", "type: gru"), "run.yml"));
        Assert.Contains("run.yml line 9", e.Message);
        Assert.Contains("'gru' is not one of lstm, ealstm, transformer", e.Message);
    }

    [Fact]
    public void Parse_PeriodEndingBeforeStart_SaysSo()
    {
        var e = Assert.Throws<FormatException>(() => RunConfigReader.Parse(Valid.Replace("[2005-01-01, 2005-12-31]",
            "[2005-12-31, 2005-01-01]")));
        Assert.Contains("before it starts", e.Message);
    }

    [Fact]
    public void Parse_SymfluencePreset_GivesTheGuideDefaultsUnlessOverridden()
    {
        var config = RunConfigReader.Parse("run_folder: r\npreset: symfluence\ntraining:\n  epochs: 10\n");
        Assert.Equal(128, config.Model.HiddenSize);
        Assert.Equal(3, config.Model.NumLayers);
        Assert.Equal(700, config.Data.SequenceLength);
        Assert.True(config.Model.Attention);
        Assert.Equal(64, config.Training.BatchSize);
        Assert.Equal(30, config.Training.Patience);
        Assert.Equal(10, config.Training.Epochs);
    }

    [Fact]
    public void Parse_FinetuneEnsembleAndGaussian_SetEveryKey()
    {
        var config = RunConfigReader.Parse("""
            run_folder: r
            model: {head: gaussian}
            training: {loss: gaussian_nll, target_weights: [1.0, 0.25]}
            finetune: {pretrained: runs/regional, freeze: [lstm, head.linear]}
            ensemble: {seeds: 5, mc_dropout: 20, quantiles: [0.1, 0.9]}
            """);
        Assert.Equal("gaussian", config.Model.Head);
        Assert.Equal(TrainingLoss.GaussianNll, config.Training.Loss);
        Assert.Equal([1.0, 0.25], config.Training.TargetWeights!);
        Assert.Equal("runs/regional", config.Finetune!.Pretrained);
        Assert.Equal(["lstm", "head.linear"], config.Finetune.Freeze);
        Assert.Equal((5, 20, 0.1, 0.9),
            (config.Ensemble.Seeds, config.Ensemble.McDropout, config.Ensemble.LowerQuantile, config.Ensemble.UpperQuantile));
    }

    [Theory]
    [InlineData("ensemble: {sedes: 5}", "unknown key 'sedes' in 'ensemble'; did you mean 'seeds'?")]
    [InlineData("finetune: {frezee: [lstm]}", "unknown key 'frezee' in 'finetune'; did you mean 'freeze'?")]
    [InlineData("ensembel: {seeds: 5}", "unknown key 'ensembel' in the top level; did you mean 'ensemble'?")]
    [InlineData("ensemble: {quantiles: [0.9, 0.1]}", "ensemble: quantiles must satisfy")]
    [InlineData("ensemble: {mc_dropout: 1}", "mc_dropout must be 0 (off) or at least 2")]
    [InlineData("training: {loss: gaussian_nll}", "loss gaussian_nll needs model: head: gaussian")]
    [InlineData("training: {target_weights: [1, -1]}", "TargetWeights must be non-negative")]
    [InlineData("training: {device: gpu}", "n.yml line 2: 'gpu' is not a device (expected cpu, cuda or cuda:N)")]
    public void Parse_BadNewSections_NameTheProblem(string section, string expected)
    {
        var e = Assert.Throws<FormatException>(() => RunConfigReader.Parse("run_folder: x\n" + section, "n.yml"));
        Assert.Contains(expected, e.Message);
    }

    [Theory]
    [InlineData("cpu")]
    [InlineData("cuda")]
    [InlineData("cuda:1")]
    public void Parse_Device_KeptAsWritten(string device) =>
        Assert.Equal(device, RunConfigReader.Parse($"run_folder: x\ntraining: {{device: {device}}}\n").Training.Device);

    [Fact]
    public void Read_RelativePretrained_ResolvesAgainstTheConfigFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "hw-reader-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            File.WriteAllText(Path.Combine(folder, "f.yml"), "run_folder: out\nfinetune: {pretrained: runs/a}\n");
            Assert.Equal(Path.Combine(folder, "runs", "a"), RunConfigReader.Read(Path.Combine(folder, "f.yml")).Finetune!.Pretrained);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Read_AccuracyConfigs_AllParse()
    {
        // The real-data basin configs of tests/accuracy (camels-*.yml; the flume-*.yml map configs have their own
        // reader and test) are read here, not run, so that a key typo shows before a long run.
        var root = HydroWorkshop.Common.ProjectPaths.FindRepositoryRoot()
            ?? HydroWorkshop.Common.ProjectPaths.FindRepositoryRoot(SourceFolder())!;
        var configs = Directory.GetFiles(Path.Combine(root, "tests", "accuracy"), "camels-*.yml");
        Assert.Contains(configs, c => c.EndsWith("camels-regional-ensemble.yml", StringComparison.Ordinal));
        foreach (var path in configs) Assert.NotNull(RunConfigReader.Read(path));
        var ensemble = RunConfigReader.Read(configs.Single(c => c.EndsWith("camels-regional-ensemble.yml", StringComparison.Ordinal)));
        Assert.Equal(5, ensemble.Ensemble.Seeds);
    }

    [Fact]
    public void Write_AccuracyConfigs_ReadBackEqual()
    {
        // Read, write into another folder (as a run folder's copy), read again: the same config, paths and all.
        using var temp = new TempFolder();
        var root = HydroWorkshop.Common.ProjectPaths.FindRepositoryRoot()
            ?? HydroWorkshop.Common.ProjectPaths.FindRepositoryRoot(SourceFolder())!;
        var configs = Directory.GetFiles(Path.Combine(root, "tests", "accuracy"), "camels-*.yml");
        Assert.Contains(configs, c => c.EndsWith("camels-01022500-search.yml", StringComparison.Ordinal));
        foreach (var path in configs)
        {
            var config = RunConfigReader.Read(path);
            var copy = temp.File(Path.Combine("elsewhere", Path.GetFileName(path)), RunConfigReader.Write(config));
            Assert.Equal(ConfigKeysText.Structure(config), ConfigKeysText.Structure(RunConfigReader.Read(copy)));
        }
    }

    [Fact]
    public void Write_EveryKeyAwayFromItsDefault_ReadsBackEqual()
    {
        var config = RunConfigReader.Parse("""
            run_folder: out/runs/all
            preset: symfluence
            data:
              source: synthetic
              extra_attributes: [more/attributes]
              inputs: [prcp, tmax]
              statics: [p_mean]
              targets: [QObs, swe]
              basins: ['01031500', '01013500']
              train_period: [2000-01-01, 2003-12-31]
              validation_period: [2004-01-01, 2004-12-31]
              test_period: [2005-01-01, 2005-12-31]
              seq_length: 90
              predict_last_n: 2
            model: {type: transformer, dropout: 0.15, initial_forget_bias: 1.5, d_model: 32, heads: 2, feed_forward: 64, pooling: mean,
                    learned_positions: true, head: gaussian, attention: true, num_layers: 2, hidden_size: 7}
            training: {epochs: 3, batch_size: 16, optimizer: adamw, learning_rate: {0: 0.01, 4: 0.001}, weight_decay: 1.0e-5,
                       clip_grad_norm: null, validate_every: 2, patience: null, min_epochs: 1, seed: 9, device: cuda:1,
                       loss: gaussian_nll, target_weights: [1.0, 0.3]}
            finetune: {pretrained: runs/base, freeze: [lstm, head]}
            ensemble: {seeds: 3, mc_dropout: 5, quantiles: [0.1, 0.9]}
            search: {method: random, trials: 4, metric: kge, seed: 2, hidden_size: [8, 16], learning_rate: {min: 1.0e-4, max: 1.0e-2, log: true}}
            """);
        Assert.Equal(ConfigKeysText.Structure(config), ConfigKeysText.Structure(RunConfigReader.Parse(RunConfigReader.Write(config))));
        // An empty finetune section still asks for fine-tuning, and survives the copy.
        var empty = RunConfigReader.Parse("run_folder: x\nfinetune: {}\n");
        Assert.NotNull(RunConfigReader.Parse(RunConfigReader.Write(empty)).Finetune);
    }

    [Fact]
    public void Read_CopyWithConfigFolder_ResolvesRelativePathsAgainstIt()
    {
        // Run folders made before copies were written whole hold the user's text plus config_folder.
        using var temp = new TempFolder();
        var copy = temp.File(Path.Combine("run", "run_config.yml"),
            "run_folder: runs/a\ndata: {basins: b.txt}\nconfig_folder: /somewhere/configs\n");
        var config = RunConfigReader.Read(copy);
        Assert.Equal(Path.GetFullPath("/somewhere/configs/runs/a"), config.RunFolder);
        Assert.Equal(Path.GetFullPath("/somewhere/configs/b.txt"), config.Data.Basins);
    }

    [Theory]
    [InlineData("top level")]
    [InlineData("data")]
    [InlineData("model")]
    [InlineData("training")]
    [InlineData("finetune")]
    [InlineData("ensemble")]
    public void KeyHelp_EveryAcceptedKey_IsListed(string section)
    {
        // The keys the reader accepts, as its unknown-key error lists them, against the ones the help lists.
        var yaml = section == "top level" ? "run_folder: x\nnot_a_key: 1\n" : $"run_folder: x\n{section}: {{not_a_key: 1}}\n";
        var accepted = ConfigKeysText.ValidKeys(Assert.Throws<FormatException>(() => RunConfigReader.Parse(yaml)).Message);
        Assert.Equal(accepted, ConfigKeysText.HelpKeys(RunConfigReader.KeyHelp(), section + ":"));
    }

    [Fact]
    public void KeyHelp_ModelTypes_ListedWithTheirDoc()
    {
        var help = RunConfigReader.KeyHelp();
        foreach (var (name, type) in RunModels.Types) Assert.Contains($"{name} ({type.Doc})", help);
        Assert.Contains("hidden_size", ConfigKeysText.HelpKeys(help, "search:").Single(k => k == "<section.key>") +
            help[help.IndexOf("searchable:", StringComparison.Ordinal)..]);
    }

    // Builds with an artifacts path put the binaries outside the repository: start from this file instead.
    private static string SourceFolder([System.Runtime.CompilerServices.CallerFilePath] string file = "") => Path.GetDirectoryName(file)!;
}
