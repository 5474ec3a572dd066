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
          learning_rate: {0: 0.001, 3: 0.0005}
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
        var e = Assert.Throws<FormatException>(() => RunConfigReader.Parse(Valid.Replace("[2005-01-01, 2005-12-31]", "[2005-12-31, 2005-01-01]")));
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
}
