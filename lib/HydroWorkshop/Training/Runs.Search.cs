using System.Globalization;
using System.Text;
using HydroWorkshop.Common;
using HydroWorkshop.Evaluation;

namespace HydroWorkshop.Training;

/// <summary>One trial of a hyperparameter search: its values, its run folder and its validation score.</summary>
public sealed record SearchTrial(int Number, IReadOnlyDictionary<string, string> Values, string RunFolder, double Score,
    int BestEpoch, string? Error)
{
    /// <summary>1 for the best trial; failed trials rank last.</summary>
    public int Rank { get; init; }
}

// Hyperparameter search: random or grid over the config's search: section, each trial a run folder, ranked by a
// validation metric.
public static partial class Runs
{
    public const string SearchResultsFileName = "search_results.csv";

    /// <summary>Runs the search of the config at <paramref name="configPath"/>
    /// (<see cref="Search(RunConfig, Action{string}?, CancellationToken?, bool, string?)"/>).</summary>
    public static IReadOnlyList<SearchTrial> Search(string configPath, Action<string>? log = null,
        CancellationToken? cancellationToken = null, bool resume = false) =>
        Search(RunConfigReader.Read(configPath), log, cancellationToken, resume, configPath);

    /// <summary>
    /// Runs the search the config's <c>search:</c> section describes: each trial is the config with the drawn values, made
    /// in memory (<see cref="RunConfigReader.WithSearchValues"/>), trained into <c>run_folder/trial-NN/</c> and scored on
    /// the validation period by the median over basins of <c>search: metric</c>. Writes <c>run_folder/search_results.csv</c>
    /// (ranked, best first) and returns the trials ranked.
    /// A trial that fails (e.g. d_model not divisible by heads) is logged and ranked last. The results file is rewritten
    /// after every trial, so a stopped search leaves the finished trials ranked; with <paramref name="resume"/> the same
    /// trials are drawn again, finished ones are kept (only re-scored) and a stopped one goes on from its last checkpoint.
    /// <paramref name="origin"/> names the config in errors (its file; default the run folder).
    /// </summary>
    public static IReadOnlyList<SearchTrial> Search(RunConfig config, Action<string>? log = null,
        CancellationToken? cancellationToken = null, bool resume = false,
        string? origin = null)
    {
        log ??= Console.WriteLine;
        var token = cancellationToken ?? HydroWorkshop.Common.WorkshopCancellation.Token;
        origin ??= $"the config of run {config.RunFolder}";
        var search = config.Search ?? throw new FormatException(
            $"{origin} has no search: section (e.g. search: {{method: random, trials: 8, hidden_size: [32, 64, 128]}})");
        var draws = search.Draw();
        var trials = new List<SearchTrial>();
        for (var i = 0; i < draws.Count && !token.IsCancellationRequested; i++)
        {
            var folder = Path.Combine(config.RunFolder, $"trial-{i + 1:00}");
            var values = draws[i];
            log($"trial {i + 1}/{draws.Count}: {string.Join(", ", values.Select(v => $"{v.Key} = {v.Value}"))}");
            try
            {
                var trial = RunConfigReader.WithSearchValues(config with { RunFolder = folder, Search = null }, values,
                    $"{origin}, trial {i + 1}");
                var result = Train(trial, resume, log, cancellationToken: token);
                if (result.Cancelled) break;
                var score = search.Metric == "val_loss"
                    ? result.BestValidationLoss ?? double.NaN
                    : BasinEvaluation.Median(Evaluate(folder, "validation", _ => { }).Select(p => p.Scores()), MetricColumn(search.Metric));
                trials.Add(new SearchTrial(i + 1, values, folder, score, result.BestEpoch, null));
                log(string.Create(CultureInfo.InvariantCulture, $"trial {i + 1}: validation {search.Metric} {score:F4}"));
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or FormatException)
            {
                trials.Add(new SearchTrial(i + 1, values, folder, double.NaN, 0, e.Message));
                log($"trial {i + 1} failed: {e.Message}");
            }
            WriteResults(Rank(trials, search), search, config.RunFolder);
        }
        var ranked = Rank(trials, search);
        WriteResults(ranked, search, config.RunFolder);
        log(ResultsTable(ranked, search));
        return ranked;
    }

    private static SearchTrial[] Rank(IEnumerable<SearchTrial> trials, SearchConfig search) =>
        trials.OrderBy(t => double.IsNaN(t.Score) ? 1 : 0)
            .ThenBy(t => search.HigherIsBetter ? -t.Score : t.Score).ThenBy(t => t.Number)
            .Select((t, k) => t with { Rank = k + 1 }).ToArray();

    private static void WriteResults(IReadOnlyList<SearchTrial> ranked, SearchConfig search, string runFolder)
    {
        Directory.CreateDirectory(runFolder);
        AtomicFile.WriteAllText(Path.Combine(runFolder, SearchResultsFileName), ResultsCsv(ranked, search));
    }

    private static string MetricColumn(string metric) => metric switch
    {
        "nse" => "NSE",
        "kge" => "KGE",
        "r" => "r",
        "rmse" => "RMSE",
        "mae" => "MAE",
        _ => throw new ArgumentException($"unknown search metric '{metric}'"),
    };

    private static string ResultsCsv(IReadOnlyList<SearchTrial> ranked, SearchConfig search)
    {
        var keys = search.Parameters.Select(p => p.Key).ToArray();
        var text = new StringBuilder($"rank,trial,{search.Metric},{string.Join(',', keys)},best_epoch,run_folder,error\n");
        foreach (var t in ranked)
        {
            text.Append(string.Create(CultureInfo.InvariantCulture,
                $"{t.Rank},{t.Number},{(double.IsNaN(t.Score) ? "" : t.Score.ToString("R", CultureInfo.InvariantCulture))},"));
            text.Append(string.Join(',', keys.Select(k => t.Values[k]))).Append(',')
                .Append(t.BestEpoch.ToString(CultureInfo.InvariantCulture)).Append(',');
            text.Append(t.RunFolder).Append(',').Append(t.Error is null ? "" : '"' + t.Error.Replace("\"", "\"\"") + '"').Append('\n');
        }
        return text.ToString();
    }

    private static string ResultsTable(IReadOnlyList<SearchTrial> ranked, SearchConfig search)
    {
        var keys = search.Parameters.Select(p => p.Key).ToArray();
        var text = new StringBuilder($"{"rank",4} {"trial",5} {search.Metric,10}  {string.Join("  ", keys)}\n");
        foreach (var t in ranked)
            text.Append(string.Create(CultureInfo.InvariantCulture,
                $"{t.Rank,4} {t.Number,5} {t.Score,10:F4}  {string.Join("  ", keys.Select(k => t.Values[k]))}\n"));
        return text.ToString();
    }
}
