using System.Globalization;
using HydroWorkshop.Data;
using HydroWorkshop.Training;
using Xunit;

namespace HydroWorkshop.Tests.Training;

/// <summary>Prediction from forcings alone: a CSV forcing folder without discharge, attributes in their own file.</summary>
[Collection(SerialCollection.Name)]
public sealed class RunsPredictTests : IDisposable
{
    private readonly SyntheticRunFolder basins = new("predict", basins: 2);

    public void Dispose() => basins.Dispose();

    [Fact]
    public void Predict_ForcingsWithoutObservations_WritesEveryDayAndMatchesEvaluation()
    {
        var config = basins.Config("run", "runs/run", null, """
            model: {type: lstm, hidden_size: 4}
            training: {epochs: 1, batch_size: 128}
            """);
        Runs.Train(config, log: _ => { });
        var run = Path.Combine(basins.Root, "runs", "run");
        var basin = basins.BasinIds[1];
        var (forcings, attributes) = WriteForcingsOnly(basin);

        var output = Path.Combine(basins.Root, "predicted");
        var predicted = Runs.Predict(run, Period.Parse("2004-03-01", "2004-05-31"), forcings, [basin], output, [attributes], _ => { });
        var lines = File.ReadAllLines(Path.Combine(output, basin + ".csv"));
        Assert.Equal("Date,Predicted_mm_d,Predicted_m3s", lines[0]);
        Assert.Equal(1 + 92, lines.Length);                                        // March, April, May
        Assert.StartsWith("2004-03-01,", lines[1]);
        Assert.StartsWith("2004-05-31,", lines[^1]);
        Assert.All(predicted[0].Observed, o => Assert.True(double.IsNaN(o)));

        // The same model on the same forcings from the CAMELS files (with observations) predicts the same values.
        var evaluated = Runs.Evaluate(run, "test", _ => { }).Single(p => p.BasinId == basin);
        var offset = Array.IndexOf(evaluated.Dates, new DateOnly(2004, 3, 1));
        for (var t = 0; t < 92; t++) Assert.Equal(evaluated.Predicted[offset + t], predicted[0].Predicted[t], 5);
    }

    [Fact]
    public void Predict_CamelsForcingsWithObservations_WritesObservedBesidePredictedInBothUnits()
    {
        var config = basins.Config("run", "runs/run", null,
            "model: {type: lstm, hidden_size: 4}\ntraining: {epochs: 1, batch_size: 128}\n");
        Runs.Train(config, log: _ => { });
        var basin = basins.BasinIds[0];
        var output = Path.Combine(basins.Root, "predicted-camels");

        var predicted = Runs.Predict(Path.Combine(basins.Root, "runs", "run"), Period.Parse("2004-03-01", "2004-03-31"), basins.Camels,
            [basin], output, log: _ => { });

        var lines = File.ReadAllLines(Path.Combine(output, basin + ".csv"));
        Assert.Equal("Date,Observed_mm_d,Predicted_mm_d,Residual_mm_d,Observed_m3s,Predicted_m3s,Residual_m3s", lines[0]);
        Assert.Equal(1 + 31, lines.Length);
        // Observed m³/s is the gauge's own record (ft³/s × 0.0283168), through the forcing header's area.
        var gauge = File.ReadLines(basins.Source.StreamflowFile(basin)!).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .First(f => f[1] == "2004" && f[2] == "03" && f[3] == "01");
        var cubicMetres = double.Parse(gauge[4], CultureInfo.InvariantCulture) * 0.3048 * 0.3048 * 0.3048;
        var row = lines[1].Split(',');
        Assert.Equal("2004-03-01", row[0]);
        Assert.Equal(cubicMetres, double.Parse(row[4], CultureInfo.InvariantCulture), cubicMetres * 1e-4);
        Assert.Equal(predicted[0].Observed[0], double.Parse(row[1], CultureInfo.InvariantCulture), 1e-3);
    }

    [Fact]
    public void Predict_OneForcingFile_PredictsItsBasinAsTheFolderDoes()
    {
        var config = basins.Config("run", "runs/run", null,
            "model: {type: lstm, hidden_size: 4}\ntraining: {epochs: 1, batch_size: 128}\n");
        Runs.Train(config, log: _ => { });
        var run = Path.Combine(basins.Root, "runs", "run");
        var basin = basins.BasinIds[1];
        var (folder, attributes) = WriteForcingsOnly(basin);
        var period = Period.Parse("2004-03-01", "2004-03-31");
        var fromFolder = Runs.Predict(run, period, folder, [basin], Path.Combine(basins.Root, "from-folder"), [attributes], _ => { });
        var output = Path.Combine(basins.Root, "one.csv");
        var fromFile = Runs.Predict(run, period, Path.Combine(folder, basin + ".csv"), output: output, attributeFiles: [attributes],
            log: _ => { });
        Assert.Equal(basin, Assert.Single(fromFile).BasinId);
        Assert.Equal(fromFolder[0].Predicted, fromFile[0].Predicted);
        Assert.Equal(1 + 31, File.ReadAllLines(output).Length);
    }

    [Fact]
    public void Predict_OneCsvFileForTwoBasins_AsksForAFolder()
    {
        var config = basins.Config("run", "runs/run", null, "model: {hidden_size: 4}\ntraining: {epochs: 1, batch_size: 256}\n");
        Runs.Train(config, log: _ => { });
        var e = Assert.Throws<ArgumentException>(() => Runs.Predict(Path.Combine(basins.Root, "runs", "run"),
            Period.Parse("2004-01-01", "2004-01-31"),
            output: Path.Combine(basins.Root, "out.csv"), log: _ => { }));
        Assert.Contains("give a folder", e.Message);
    }

    /// <summary>A folder with &lt;basin&gt;.csv (date and the five Daymet inputs, no discharge) and an attribute CSV.</summary>
    private (string Folder, string Attributes) WriteForcingsOnly(string basin)
    {
        var record = basins.Source.ReadBasin(basin);
        var folder = Path.Combine(basins.Root, "forcings");
        Directory.CreateDirectory(folder);
        var names = CamelsData.DaymetInputs;
        using (var writer = new StreamWriter(Path.Combine(folder, basin + ".csv")))
        {
            writer.WriteLine("date," + string.Join(',', names));
            for (var d = 0; d < record.Days; d++)
                writer.WriteLine($"{record.Start.AddDays(d):yyyy-MM-dd}," +
                    string.Join(',', names.Select(n => record[n][d].ToString("R", CultureInfo.InvariantCulture))));
        }
        var attributes = Path.Combine(basins.Root, "attributes.csv");
        var table = basins.Source.Attributes;
        File.WriteAllText(attributes,
            $"gauge_id,p_mean,aridity,area_gages2\n{basin},{table.Text(basin, "p_mean")},{table.Text(basin, "aridity")},86.4\n");
        return (folder, attributes);
    }
}
