using HydroWorkshop.Data;
using HydroWorkshop.Data.Synthetic;
using HydroWorkshop.Evaluation;
using HydroWorkshop.Models;
using Xunit;
using static TorchSharp.torch;

namespace HydroWorkshop.Tests.Evaluation;

public sealed class BasinEvaluationTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "hw-evaluation-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public void ToCsv_WithArea_ConvertsMillimetresPerDayToCubicMetresPerSecond()
    {
        // 1 mm/day over 86.4 km² is 86 400 m³ per 86 400 s = 1 m³/s.
        var basin = new BasinPredictions("b1", [new DateOnly(2001, 1, 1), new DateOnly(2001, 1, 2)], [1.0, double.NaN], [1.5, 2.0]);
        var lines = basin.ToCsv(86.4).Split('\n');
        Assert.Equal("Date,Observed_mm_d,Predicted_mm_d,Residual_mm_d,Observed_m3s,Predicted_m3s,Residual_m3s", lines[0]);
        Assert.Equal("2001-01-01,1,1.5,0.5,1,1.5,0.5", lines[1]);
        Assert.Equal("2001-01-02,,2,,,2,", lines[2]);
    }

    [Fact]
    public void ToPredictionCsv_SomeDaysObserved_WritesObservedAndResidual()
    {
        var basin = new BasinPredictions("b1", [new DateOnly(2001, 1, 1), new DateOnly(2001, 1, 2)], [double.NaN, 2.0], [1.5, 2.5]);
        var lines = basin.ToPredictionCsv(86.4).Split('\n');
        Assert.Equal("Date,Observed_mm_d,Predicted_mm_d,Residual_mm_d,Observed_m3s,Predicted_m3s,Residual_m3s", lines[0]);
        Assert.Equal("2001-01-01,,1.5,,,1.5,", lines[1]);
        Assert.Equal("2001-01-02,2,2.5,0.5,2,2.5,0.5", lines[2]);
    }

    [Fact]
    public void ToPredictionCsv_NothingObserved_WritesPredictedOnly()
    {
        var basin = new BasinPredictions("b1", [new DateOnly(2001, 1, 1)], [double.NaN], [1.5]);
        Assert.Equal("Date,Predicted_mm_d\n2001-01-01,1.5\n", basin.ToPredictionCsv());
    }

    [Fact]
    public void Predict_SyntheticBasins_ObservedIsTheRawDischargeOnEachDate()
    {
        var source = CamelsData.OpenSynthetic(Path.Combine(folder, "camels"),
            new SyntheticCamelsOptions { Basins = 2, Start = new DateOnly(2000, 1, 1), End = new DateOnly(2003, 12, 31), Seed = 5 });
        var (train, _, test) = CamelsData.WorkshopSplits(source, sequenceLength: 20, statics: ["p_mean"]);
        manual_seed(1);
        using var model = new LstmRegressor(train.InputFeatures, 0, hiddenSize: 4);
        var predictions = BasinEvaluation.Predict(model, test);

        Assert.Equal(test.BasinIds.Order(), predictions.Select(p => p.BasinId));
        var target = test.TargetNames[0];
        foreach (var basin in predictions)
        {
            var record = source.ReadBasin(basin.BasinId);
            for (var i = 0; i < basin.Dates.Length; i += 97)
            {
                var raw = record.ValueOn(target, basin.Dates[i]);
                if (float.IsNaN(raw)) Assert.True(double.IsNaN(basin.Observed[i]));
                else Assert.Equal(raw, basin.Observed[i], 3);          // denormalised in float32: 1e-3 mm/day
            }
            Assert.True(basin.Dates.Zip(basin.Dates.Skip(1)).All(p => p.First < p.Second));
        }

        BasinEvaluation.Write(Path.Combine(folder, "eval"), predictions);
        var metrics = File.ReadAllLines(Path.Combine(folder, "eval", "metrics.csv"));
        Assert.StartsWith("basin,NSE,KGE,", metrics[0]);
        Assert.Equal(predictions.Count + 1, metrics.Length);
        Assert.Contains("NSE", File.ReadAllText(Path.Combine(folder, "eval", "metrics_summary.txt")));
    }

    [Fact]
    public void SummaryTable_ThreeBasins_MedianIsTheMiddleOne()
    {
        double[] obs = [1, 2, 3, 4];
        var basins = new[]
        {
            new BasinPredictions("a", new DateOnly[4], obs, [1, 2, 3, 5]),           // NSE 0.8
            new BasinPredictions("b", new DateOnly[4], obs, [1, 2, 3, 4]),           // NSE 1
            new BasinPredictions("c", new DateOnly[4], obs, [2.5, 2.5, 2.5, 2.5]),   // NSE 0
        };
        var nseLine = BasinEvaluation.SummaryTable(basins).Split('\n').Single(l => l.StartsWith("NSE "));
        Assert.Contains("0.800", nseLine);                                       // median
        Assert.Contains("0.600", nseLine);                                       // mean
    }
}
