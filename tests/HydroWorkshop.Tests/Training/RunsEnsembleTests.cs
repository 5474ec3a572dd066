using HydroWorkshop.Evaluation;
using HydroWorkshop.Training;
using Xunit;

namespace HydroWorkshop.Tests.Training;

/// <summary>Ensembles over seeds and MC-dropout: members differ, the mean is their mean, the band and scores are written.</summary>
[Collection(SerialCollection.Name)]
public sealed class RunsEnsembleTests : IDisposable
{
    private readonly SyntheticRunFolder basins = new("ensemble", basins: 2);

    public void Dispose() => basins.Dispose();

    [Fact]
    public void Train_TwoSeeds_MembersDifferAndEvaluateScoresTheirMean()
    {
        var config = basins.Config("ensemble", "runs/ensemble", null, """
            model: {type: lstm, hidden_size: 4}
            training: {epochs: 1, batch_size: 128, seed: 7}
            ensemble: {seeds: 2, quantiles: [0.1, 0.9]}
            """);
        var result = Runs.Train(config, log: _ => { });
        var folder = Path.Combine(basins.Root, "runs", "ensemble");
        Assert.Equal(folder, result.RunFolder);
        var members = Runs.EnsembleMembers(folder);
        Assert.Equal(["seed-7", "seed-8"], members.Select(Path.GetFileName));

        var first = Runs.Evaluate(members[0], "test", _ => { });
        var second = Runs.Evaluate(members[1], "test", _ => { });
        Assert.NotEqual(first[0].Predicted, second[0].Predicted);
        var ensemble = Runs.EvaluateEnsemble(folder, "test", _ => { });
        for (var b = 0; b < ensemble.Count; b++)
        {
            for (var t = 0; t < ensemble[b].Dates.Length; t++)
            {
                Assert.Equal((first[b].Predicted[t] + second[b].Predicted[t]) / 2, ensemble[b].Mean[t], 9);
                Assert.Equal(0.9 * Math.Min(first[b].Predicted[t], second[b].Predicted[t]) +
                    0.1 * Math.Max(first[b].Predicted[t], second[b].Predicted[t]),
                    ensemble[b].Lower[t], 9);
            }
        }
        var evaluation = Path.Combine(folder, "evaluation", "test");
        Assert.StartsWith("Date,Observed_mm_d,Predicted_mm_d,Residual_mm_d,Lower_mm_d,Upper_mm_d",
            File.ReadLines(Path.Combine(evaluation, "predictions", ensemble[0].BasinId + ".csv")).First());
        var header = File.ReadLines(Path.Combine(evaluation, "metrics.csv")).First();
        Assert.EndsWith("Coverage,CRPS", header);
    }

    [Fact]
    public void Evaluate_McDropout_SamplesDifferAndRepeat()
    {
        var config = basins.Config("dropout", "runs/dropout", null, """
            model: {type: lstm, hidden_size: 8, dropout: 0.5}
            training: {epochs: 1, batch_size: 128}
            """);
        Runs.Train(config, log: _ => { });
        var run = Path.Combine(basins.Root, "runs", "dropout");
        var once = Runs.EvaluateEnsemble(run, "validation", _ => { }, mcDropout: 3);
        Assert.Equal(3, once[0].Members.Count);
        Assert.NotEqual(once[0].Members[0], once[0].Members[1]);
        Assert.True(once[0].Lower.Zip(once[0].Upper).All(p => p.First <= p.Second));
        var again = Runs.EvaluateEnsemble(run, "validation", _ => { }, mcDropout: 3);
        Assert.Equal(once[0].Mean, again[0].Mean);
        // Without MC-dropout the same run is deterministic and a single prediction.
        Assert.Throws<InvalidOperationException>(() => Runs.EvaluateEnsemble(run, "validation", _ => { }));
    }
}
