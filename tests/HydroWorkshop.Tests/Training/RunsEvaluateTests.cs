using HydroWorkshop.Evaluation;
using HydroWorkshop.Training;
using Xunit;

namespace HydroWorkshop.Tests.Training;

/// <summary>Evaluation of a run whose model has a Gaussian head: the band and its scores come with the metrics.</summary>
[Collection(SerialCollection.Name)]
public sealed class RunsEvaluateTests : IDisposable
{
    private readonly SyntheticRunFolder basins = new("evaluate", basins: 2);

    public void Dispose() => basins.Dispose();

    [Fact]
    public void Evaluate_GaussianHeadRun_WritesTheBandCoverageAndCrps()
    {
        var config = basins.Config("gaussian", "runs/gaussian", null, """
            model: {type: lstm, hidden_size: 8, head: gaussian}
            training: {epochs: 3, batch_size: 128, learning_rate: 0.01, loss: gaussian_nll}
            """);
        var result = Runs.Train(config, log: _ => { });
        Assert.True(result.History[^1].TrainLoss < result.History[0].TrainLoss);
        var band = Runs.EvaluateBand(result.RunFolder!, "test", _ => { })!;
        Assert.Equal(2, band.Count);
        var first = Assert.IsType<GaussianPredictions>(band[0]);
        Assert.All(first.StandardDeviation, s => Assert.True(s > 0));
        Assert.True(first.Lower.Zip(first.Mean, first.Upper).All(v => v.First < v.Second && v.Second < v.Third));
        var scores = first.Scores();
        Assert.InRange(scores["Coverage"], 0.0, 1.0);
        Assert.True(scores["CRPS"] > 0);
        var folder = Path.Combine(result.RunFolder!, "evaluation", "test");
        Assert.StartsWith("Date,Observed_mm_d,Predicted_mm_d,Residual_mm_d,Lower_mm_d,Upper_mm_d",
            File.ReadLines(Path.Combine(folder, "predictions", first.BasinId + ".csv")).First());
        Assert.Contains("Gaussian head", File.ReadAllText(Path.Combine(folder, "metrics_summary.txt")));
    }
}
