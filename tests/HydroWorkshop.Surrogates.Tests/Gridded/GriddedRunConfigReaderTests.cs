using HydroWorkshop.Surrogates.Gridded;
using HydroWorkshop.TestSupport;
using Xunit;

namespace HydroWorkshop.Surrogates.Tests.Gridded;

public sealed class GriddedRunConfigReaderTests
{
    private const string Full = """
        run_folder: runs/meuse
        data:
          type: rhine_meuse
          folder: data/rm
          gauges: [Borgharen, Cochem]
          held_out_gauges: [Lobith]
          static_maps: [dzRel0090, tanslope]
          train_period: [2002-01-01, 2005-12-31]
          validation_period: [2006-01-01, 2007-12-31]
          test_period: [2008-01-01, 2010-12-31]
        model: { type: lumped_lstm, hidden_size: 24 }
        training:
          epochs: 12
          batch_size: 4
          optimizer: adamw
          learning_rate: { 1: 0.003, 10: 0.001 }
          patience: 3
          seed: 5
          weight_average: 0.95
        windows: { window_days: 200, warmup_days: 60, batches_per_epoch: 3, nse_weights: false, time_limit_minutes: 1.5 }
        """;

    [Fact]
    public void Parse_EveryKey_SetsTheConfig()
    {
        var config = GriddedRunConfigReader.Parse(Full);
        Assert.Equal("runs/meuse", config.RunFolder);
        Assert.Equal(("rhine_meuse", "data/rm"), (config.Data.Type, config.Data.Folder));
        Assert.Equal(["Borgharen", "Cochem"], config.Data.Gauges);
        Assert.Equal(["Lobith"], config.Data.HeldOutGauges);
        Assert.Equal(["dzRel0090", "tanslope"], config.Data.StaticMaps);
        Assert.Equal(new DateOnly(2002, 1, 1), config.Data.TrainPeriod.Start);
        Assert.Equal(new DateOnly(2010, 12, 31), config.Data.TestPeriod.End);
        Assert.Equal(("lumped_lstm", 24), (config.Model.Type, config.Model.HiddenSize));
        Assert.Equal((12, 4, "adamw", 3, 5UL),
            (config.Training.Epochs, config.Training.BatchSize, config.Training.Optimizer, config.Training.Patience, config.Training.Seed));
        Assert.Equal(0.001, config.Training.LearningRates![10]);
        Assert.Equal((200, 60, 3, false),
            (config.Windows.WindowDays, config.Windows.WarmupDays, config.Windows.BatchesPerEpoch, config.Windows.NseWeights));
        Assert.Equal(TimeSpan.FromSeconds(90), config.Windows.TimeLimit);
        Assert.Equal(0.95, config.Windows.WeightAverage);
        Assert.Null(GriddedRunConfigReader.Parse("run_folder: r\n").Windows.WeightAverage);
        Assert.Equal(0.95, GriddedRunConfigReader.Parse(GriddedRunConfigReader.Write(config)).Windows.WeightAverage);
    }

    [Fact]
    public void Parse_CellReadout_SetsTheModel()
    {
        var config = GriddedRunConfigReader.Parse("run_folder: r\nmodel: { type: convlstm_gauges, readout: cells, routing_bands: 5 }\n");
        Assert.Equal(("cells", 5), (config.Model.Readout, config.Model.RoutingBands));
        Assert.Equal("basin", GriddedRunConfigReader.Parse("run_folder: r\n").Model.Readout);
    }

    [Fact]
    public void Parse_NoModelType_TakesTheDataTypesFirstModel()
    {
        Assert.Equal("convlstm_gauges", GriddedRunConfigReader.Parse("run_folder: r\ndata: { type: rhine_meuse }").Model.Type);
        Assert.Equal("convlstm_maps", GriddedRunConfigReader.Parse("run_folder: r\ndata: { type: climate_vegetation }").Model.Type);
    }

    [Fact]
    public void Parse_UnknownKey_NamesTheLineAndTheClosestKey()
    {
        var error = Assert.Throws<FormatException>(() => GriddedRunConfigReader.Parse("run_folder: r\nwindows:\n  window_dys: 100\n",
            "g.yml"));
        Assert.Contains("g.yml line 3", error.Message);
        Assert.Contains("window_days", error.Message);
    }

    [Fact]
    public void Parse_ModelThatDoesNotFitTheData_NamesTheLineAndTheFittingModels()
    {
        var error = Assert.Throws<FormatException>(() => GriddedRunConfigReader.Parse(
            "run_folder: r\ndata: { type: climate_vegetation }\nmodel:\n  type: lumped_lstm\n", "g.yml"));
        Assert.Contains("g.yml line 4", error.Message);
        Assert.Contains("convlstm_maps or cell_lstm", error.Message);
    }

    [Fact]
    public void Parse_VegetationWithLandCover_KeepsTheMapThroughWrite()
    {
        var config = GriddedRunConfigReader.Parse("run_folder: r\ndata: { type: climate_vegetation, static_maps: [land_cover] }\n");
        Assert.Equal([ClimateVegetation.LandCoverMaps], config.Data.StaticMaps);
        Assert.Equal(config.Data.StaticMaps, GriddedRunConfigReader.Parse(GriddedRunConfigReader.Write(config)).Data.StaticMaps);
    }

    [Theory]
    [InlineData("data: { gauges: [Lobith, Rotterdam] }", "unknown gauge 'Rotterdam'")]
    [InlineData("data: { gauges: [] }", "at least one gauge")]
    [InlineData("data: { gauges: [Lobith], held_out_gauges: [lobith] }", "both trained on and held out")]
    [InlineData("data: { physics_encoded: true }", "physics_encoded is for climate_vegetation")]
    [InlineData("data: { type: climate_vegetation, static_maps: [land_cover, tanslope] }", "'tanslope' is not a climate_vegetation map")]
    [InlineData("model: { kernel_size: 4 }", "odd kernel size")]
    [InlineData("model: { readout: pixels }", "basin")]
    [InlineData("model: { type: lumped_lstm, readout: cells }", "readout is for convlstm_gauges")]
    [InlineData("windows: { window_days: 100, warmup_days: 100 }", "WarmupDays")]
    [InlineData("training: { optimizer: sgd }", "adam")]
    [InlineData("training:\n  weight_average: 1.0", "g.yml line 3: expected a decay in [0, 1)")]
    public void Parse_BadValue_SaysWhatIsWrong(string section, string expected)
    {
        var error = Assert.Throws<FormatException>(() => GriddedRunConfigReader.Parse($"run_folder: r\n{section}\n", "g.yml"));
        Assert.Contains(expected, error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("g.yml", error.Message);
    }

    [Fact]
    public void Read_RelativePaths_ResolveAgainstTheConfigsFolder()
    {
        using var temp = new TempFolder();
        var path = temp.File("configs/run.yml",
            "run_folder: ../runs/a\ndata: { type: climate_vegetation, folder: ../data, lai_file: lai/real.nc }\n");
        var config = GriddedRunConfigReader.Read(path);
        Assert.Equal(Path.Combine(temp.Path, "runs", "a"), config.RunFolder);
        Assert.Equal(Path.Combine(temp.Path, "data"), config.Data.Folder);
        Assert.Equal(Path.Combine(temp.Path, "configs", "lai", "real.nc"), config.Data.LaiFile);
        Assert.Equal("default", GriddedRunConfigReader.Parse("run_folder: r").Data.Folder);
        Assert.Equal("simulate", GriddedRunConfigReader.Parse("run_folder: r").Data.LaiFile);
    }

    [Fact]
    public void Read_ShippedConfigs_AllParse()
    {
        var folder = Path.Combine(HydroWorkshop.Common.ProjectPaths.FindRepositoryRoot()!, "tests", "accuracy");
        var configs = Directory.GetFiles(folder, "*.yml")
            .Where(f => Path.GetFileName(f).StartsWith("rhine-meuse-", StringComparison.Ordinal)
            || Path.GetFileName(f).StartsWith("vegetation-", StringComparison.Ordinal)).ToArray();
        Assert.Equal(5, configs.Length);
        foreach (var config in configs)
            Assert.EndsWith(Path.GetFileNameWithoutExtension(config), GriddedRunConfigReader.Read(config).RunFolder);
    }

    [Fact]
    public void Write_ShippedAndFullConfigs_ReadBackEqual()
    {
        // Read, write into another folder (as a run folder's copy), read again: the same config, paths and all.
        using var temp = new TempFolder();
        var folder = Path.Combine(HydroWorkshop.Common.ProjectPaths.FindRepositoryRoot()!, "tests", "accuracy");
        var configs = Directory.GetFiles(folder, "*.yml")
            .Where(f => Path.GetFileName(f).StartsWith("rhine-meuse-", StringComparison.Ordinal)
            || Path.GetFileName(f).StartsWith("vegetation-", StringComparison.Ordinal)).ToArray();
        Assert.Equal(5, configs.Length);
        foreach (var path in configs)
        {
            var config = GriddedRunConfigReader.Read(path);
            var copy = temp.File(Path.Combine("elsewhere", Path.GetFileName(path)), GriddedRunConfigReader.Write(config));
            Assert.Equal(ConfigKeysText.Structure(config), ConfigKeysText.Structure(GriddedRunConfigReader.Read(copy)));
        }
        var full = GriddedRunConfigReader.Parse(Full);
        Assert.Equal(ConfigKeysText.Structure(full),
            ConfigKeysText.Structure(GriddedRunConfigReader.Parse(GriddedRunConfigReader.Write(full))));
    }

    [Theory]
    [InlineData("top level")]
    [InlineData("data")]
    [InlineData("model")]
    [InlineData("training")]
    [InlineData("windows")]
    public void KeyHelp_EveryAcceptedKey_IsListed(string section)
    {
        // The keys the reader accepts, as its unknown-key error lists them, against the ones the help lists.
        var yaml = section == "top level" ? "run_folder: x\nnot_a_key: 1\n" : $"run_folder: x\n{section}: {{not_a_key: 1}}\n";
        var accepted = ConfigKeysText.ValidKeys(Assert.Throws<FormatException>(() => GriddedRunConfigReader.Parse(yaml)).Message);
        Assert.Equal(accepted, ConfigKeysText.HelpKeys(GriddedRunConfigReader.KeyHelp(), section + ":"));
    }
}
