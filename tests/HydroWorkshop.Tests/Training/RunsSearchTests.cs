using HydroWorkshop.Training;
using Xunit;

namespace HydroWorkshop.Tests.Training;

/// <summary>Hyperparameter search: trials are run folders, ranked by the validation metric.</summary>
[Collection(SerialCollection.Name)]
public sealed class RunsSearchTests : IDisposable
{
    private readonly SyntheticRunFolder basins = new("search", basins: 2);

    public void Dispose() => basins.Dispose();

    [Fact]
    public void Search_Grid_RunsEveryCombinationAndRanksByNse()
    {
        var config = basins.Config("search", "runs/search", null, """
            model: {type: lstm, hidden_size: 4}
            training: {epochs: 1, batch_size: 128}
            search:
              method: grid
              metric: nse
              hidden_size: [2, 6]
              learning_rate: [0.001, 0.01]
            """);
        var trials = Runs.Search(config, _ => { });
        Assert.Equal(4, trials.Count);
        Assert.Equal([1, 2, 3, 4], trials.Select(t => t.Rank));
        Assert.True(trials.Zip(trials.Skip(1)).All(p => p.First.Score >= p.Second.Score), string.Join(", ", trials.Select(t => t.Score)));
        Assert.Equal(["2|0.001", "2|0.01", "6|0.001", "6|0.01"],
            trials.OrderBy(t => t.Number).Select(t => $"{t.Values["model.hidden_size"]}|{t.Values["training.learning_rate"]}"));
        // Each trial is a run folder with its own config, and the CSV lists the trials best first.
        var best = Runs.ReadRun(trials[0].RunFolder);
        Assert.Equal(int.Parse(trials[0].Values["model.hidden_size"]), best.Model.HiddenSize);
        var csv = File.ReadAllLines(Path.Combine(basins.Root, "runs", "search", Runs.SearchResultsFileName));
        Assert.Equal("rank,trial,nse,model.hidden_size,training.learning_rate,best_epoch,run_folder,error", csv[0]);
        Assert.StartsWith($"1,{trials[0].Number},", csv[1]);
    }

    [Fact]
    public void Search_StoppedAfterOneTrialThenResumed_EqualsTheUninterruptedSearch()
    {
        const string body = """
            model: {type: lstm, hidden_size: 4}
            training: {epochs: 2, batch_size: 128}
            search: {method: grid, metric: nse, hidden_size: [2, 6]}
            """;
        var whole = Runs.Search(basins.Config("whole", "runs/whole", null, body), _ => { });

        var config = basins.Config("stopped", "runs/stopped", null, body);
        using var stop = new CancellationTokenSource();
        var first = Runs.Search(config, line => { if (line.StartsWith("trial 2/2", StringComparison.Ordinal)) stop.Cancel(); }, stop.Token);
        Assert.Equal(1, Assert.Single(first).Number);
        var partial = File.ReadAllLines(Path.Combine(basins.Root, "runs", "stopped", Runs.SearchResultsFileName));
        Assert.Equal(2, partial.Length);                                            // header and the finished trial

        var lines = new List<string>();
        var resumed = Runs.Search(config, lines.Add, resume: true);
        Assert.Contains(lines, l => l.StartsWith("Resuming ", StringComparison.Ordinal)
            && l.Contains("trial-01", StringComparison.Ordinal));
        Assert.Equal(whole.Select(t => (t.Number, t.Score, t.BestEpoch)), resumed.Select(t => (t.Number, t.Score, t.BestEpoch)));
    }

    [Fact]
    public void Search_RandomWithRange_DrawsTheSameTrialsForTheSameSeed()
    {
        var search = RunConfigReader.Parse("""
            run_folder: x
            search: {method: random, trials: 5, seed: 3, dropout: {min: 0.0, max: 0.5}, learning_rate: {min: 1e-4, max: 1e-2, log: true}, hidden_size: {min: 8, max: 64}}
            """).Search!;
        var draws = search.Draw();
        Assert.Equal(5, draws.Count);
        Assert.Equal(draws.Select(d => d["training.learning_rate"]), search.Draw().Select(d => d["training.learning_rate"]));
        Assert.All(draws, d =>
        {
            Assert.InRange(double.Parse(d["model.dropout"], System.Globalization.CultureInfo.InvariantCulture), 0.0, 0.5);
            Assert.InRange(double.Parse(d["training.learning_rate"], System.Globalization.CultureInfo.InvariantCulture), 1e-4, 1e-2);
            Assert.InRange(int.Parse(d["model.hidden_size"]), 8, 64);                 // a whole number: hidden_size reads integers
        });
    }

    [Theory]
    [InlineData("search: {hiden_size: [32, 64]}", "did you mean 'hidden_size'")]
    [InlineData("search: {hidden_size: [32, abc]}", "'abc' is not a whole number")]
    [InlineData("search: {method: grid, dropout: {min: 0, max: 0.5}}", "method grid needs a list of choices for 'model.dropout'")]
    [InlineData("search: {method: random}", "names no key to vary")]
    [InlineData("search: {metric: nse2, dropout: [0.1]}", "'nse2' is not one of nse, kge")]
    [InlineData("search: {inputs: [a]}", "unknown key 'inputs'")]
    public void Parse_BadSearchSection_NamesTheProblemAndLine(string section, string expected)
    {
        var e = Assert.Throws<FormatException>(() => RunConfigReader.Parse("run_folder: x\n" + section, "s.yml"));
        Assert.Contains(expected, e.Message);
        Assert.Contains("s.yml line 2", e.Message);
    }
}
