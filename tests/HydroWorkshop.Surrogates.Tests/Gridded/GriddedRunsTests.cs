using HydroWorkshop.Data.Grids;
using HydroWorkshop.Surrogates.Gridded;
using HydroWorkshop.TestSupport;
using Xunit;

namespace HydroWorkshop.Surrogates.Tests.Gridded;

// Real data: the runs read the shared Rhine–Meuse files; one tiny epoch each, so the scores are poor but must round-trip.
public sealed class GriddedRunsTests
{
    private static string Config(TempFolder temp, string data, string model) => temp.File("run.yml", $"""
        run_folder: run
        data: {data}
        model: {model}
        training: {"{"} epochs: 1, batch_size: 2, seed: 3 {"}"}
        windows: {"{"} window_days: 60, warmup_days: 20, batches_per_epoch: 1 {"}"}
        """);

    [RealDataFact(RhineMeuse.DataSetName)]
    public void Evaluate_TrainedGaugeRun_ReproducesTheTestScoresFromTheRunFolder()
    {
        using var temp = new TempFolder();
        var config = Config(temp, "{ type: rhine_meuse, gauges: [Basel, Maxau], held_out_gauges: [Borgharen] }",
            "{ type: convlstm_gauges, hidden_size: 4, head_size: 8 }");
        var trained = GriddedRuns.Train(config, log: _ => { });

        var evaluated = GriddedRuns.Evaluate(trained.RunFolder, "test", log: _ => { });
        Assert.Equal(["Basel", "Maxau", "Borgharen"], evaluated.Prediction.TargetNames);
        Assert.Equal(["trained", "trained", "held out"], evaluated.Groups);
        for (var k = 0; k < 3; k++) Assert.Equal(trained.Test.Nse[k], evaluated.Nse[k], 9);
        Assert.True(double.IsFinite(evaluated.NseOf("Borgharen")));
        Assert.Equal((evaluated.Nse[0] + evaluated.Nse[1]) / 2, evaluated.MedianNse());   // the median of the two trained gauges

        var folder = Path.Combine(trained.RunFolder, "evaluation", "test");
        var metrics = File.ReadAllLines(Path.Combine(folder, "metrics.csv"));
        Assert.Equal("target,group,NSE,KGE", metrics[0]);
        Assert.StartsWith("Borgharen,held out,", metrics[3]);
        var predictions = File.ReadAllLines(Path.Combine(folder, "predictions.csv"));
        Assert.Equal("Date,Target,Observed_mm_d,Predicted_mm_d,Observed_m3s,Predicted_m3s", predictions[0]);
        Assert.Equal(1 + 3 * 730, predictions.Length);                                   // 2009–2010: 730 days per gauge
        // The m³/s columns are the mm/day columns over the gauge's basin: Q = q · A / 86.4.
        var row = predictions[1].Split(',');
        var area = RhineMeuse.Open(RhineMeuse.FindShared()!).Gauge("Basel").AreaKm2;
        Assert.Equal(double.Parse(row[2], System.Globalization.CultureInfo.InvariantCulture) * area / 86.4,
            double.Parse(row[4], System.Globalization.CultureInfo.InvariantCulture), 2);

        // A run folder made before the copy had one name keeps its gridded_run.yml, and still evaluates.
        File.Move(Path.Combine(trained.RunFolder, "run_config.yml"), Path.Combine(trained.RunFolder, "gridded_run.yml"));
        Assert.Equal(evaluated.Nse, GriddedRuns.Evaluate(trained.RunFolder, "test", log: _ => { }).Nse);
    }

    [RealDataFact(RhineMeuse.DataSetName)]
    public void Train_VegetationRun_SimulatesTheLaiOnceAndScoresLandCellsByLandCover()
    {
        using var temp = new TempFolder();
        var config = Config(temp, "{ type: climate_vegetation, static_maps: [land_cover] }", "{ type: cell_lstm, hidden_size: 4 }");
        var trained = GriddedRuns.Train(config, log: _ => { });
        var lai = Path.Combine(trained.RunFolder, "lai_simulated_rhine_meuse.nc");
        var written = File.GetLastWriteTimeUtc(lai);

        var evaluated = GriddedRuns.Evaluate(trained.RunFolder, "validation", log: _ => { });
        Assert.Equal(written, File.GetLastWriteTimeUtc(lai));                             // read again, not simulated again
        var land = evaluated.Groups.Count(g => g.Length > 0);
        var rows = File.ReadAllLines(Path.Combine(trained.RunFolder, "evaluation", "validation", "metrics.csv"));
        Assert.Equal(1 + land, rows.Length);
        Assert.Contains(rows, r => r.Contains(",Cropland,", StringComparison.Ordinal));
        // sea cells have no target
        Assert.All(evaluated.Nse.Where((_, i) => evaluated.Groups[i].Length == 0), v => Assert.True(double.IsNaN(v)));
        // The rows to beat: the simulated LAI is mostly each class's season, so its climatology scores high on later years.
        var climatology = Assert.Single(evaluated.Baselines, b => b.Key.StartsWith("class climatology", StringComparison.Ordinal));
        Assert.InRange(climatology.Value, 0.9, 1.0);
        Assert.Contains(evaluated.Baselines, b => b.Key == "process model alone");
        Assert.Contains("baseline: class climatology", evaluated.Summary());
    }

    [Fact]
    public void Train_OnTheStandIn_RecordsItAndEvaluateRefusesARunTrainedOnAnotherSet()
    {
        using var temp = new TempFolder();
        var standIn = Path.Combine(temp.Path, "stand-in");
        SyntheticRhineMeuse.Generate(standIn);
        var config = Config(temp, $"{{ type: climate_vegetation, folder: '{standIn}', static_maps: [land_cover] }}",
            "{ type: cell_lstm, hidden_size: 4 }");
        var log = new List<string>();

        var trained = GriddedRuns.Train(config, log: log.Add);

        Assert.Contains(log, line => line.StartsWith("data: SYNTHETIC stand-in", StringComparison.Ordinal));
        var recorded = File.ReadAllLines(Path.Combine(trained.RunFolder, GriddedRuns.DataSetFile));
        Assert.StartsWith("synthetic {", recorded[0]);
        Assert.StartsWith("SYNTHETIC stand-in", recorded[1]);
        // The LAI simulated from the stand-in's climate has its own file name and says what drove it.
        Assert.False(File.Exists(Path.Combine(trained.RunFolder, "lai_simulated_rhine_meuse.nc")));
        var lai = NetCdf3File.Open(Path.Combine(trained.RunFolder, "lai_simulated_synthetic_stand_in.nc"));
        Assert.Contains("SYNTHETIC", lai.GlobalAttributes.Single(a => a.Name == "source").Text);
        Assert.True(double.IsFinite(GriddedRuns.Evaluate(trained.RunFolder, "validation", log: _ => { }).MedianNse()));

        // As if it had been trained on the real set: scoring it on the stand-in is refused, naming both.
        File.WriteAllText(Path.Combine(trained.RunFolder, GriddedRuns.DataSetFile), "real\nrhine_meuse_30min_grdc (real forcing): /x\n");
        var error = Assert.Throws<InvalidOperationException>(() => GriddedRuns.Evaluate(trained.RunFolder, "validation", log: _ => { }));
        Assert.Contains("was trained on real; the data open now is SYNTHETIC stand-in", error.Message);
        // Training again in that folder on the stand-in simulates the LAI again rather than reuse the other set's.
        var laiFile = Path.Combine(trained.RunFolder, "lai_simulated_synthetic_stand_in.nc");
        File.SetLastWriteTimeUtc(laiFile, new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        GriddedRuns.Train(config, log: _ => { });
        Assert.NotEqual(2020, File.GetLastWriteTimeUtc(laiFile).Year);
    }

    [Fact]
    public void Evaluate_FolderWithoutARun_SaysWhatIsMissing()
    {
        using var temp = new TempFolder();
        var error = Assert.Throws<FileNotFoundException>(() => GriddedRuns.Evaluate(temp.Path));
        Assert.Contains("run_config.yml is missing", error.Message);
    }
}
