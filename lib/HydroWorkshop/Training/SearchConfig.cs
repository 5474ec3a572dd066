using System.Globalization;

namespace HydroWorkshop.Training;

/// <summary>The values one searched key may take: a list of choices (grid or random), or a range
/// [min, max] sampled uniformly (or log-uniformly) by the random method.</summary>
public sealed record SearchSpace
{
    /// <summary>The values as the YAML spells them, e.g. ["32", "64", "128"]; null for a range.</summary>
    public IReadOnlyList<string>? Choices { get; init; }
    public double Min { get; init; }
    public double Max { get; init; }
    /// <summary>Sample the range log-uniformly (learning rates, weight decay).</summary>
    public bool Log { get; init; }
    /// <summary>Round a sampled range value to a whole number (sizes, layers).</summary>
    public bool Integer { get; init; }

    /// <summary>One value drawn with <paramref name="random"/>, as YAML text.</summary>
    public string Sample(Random random)
    {
        if (Choices is { } choices) return choices[random.Next(choices.Count)];
        var u = random.NextDouble();
        var value = Log ? Math.Exp(Math.Log(Min) + u * (Math.Log(Max) - Math.Log(Min))) : Min + u * (Max - Min);
        return Integer ? Math.Round(value).ToString(CultureInfo.InvariantCulture) : value.ToString("G6", CultureInfo.InvariantCulture);
    }
}

/// <summary>A hyperparameter search (the <c>search:</c> section): every other key names a searched config key,
/// bare (<c>hidden_size</c>) or with its section (<c>model.hidden_size</c>).</summary>
public sealed record SearchConfig
{
    /// <summary>"random" (trials draws) or "grid" (every combination of the choices, at most trials when given).</summary>
    public string Method { get; init; } = "random";
    /// <summary>Random: the number of trials. Grid: an upper limit (null: every combination).</summary>
    public int? Trials { get; init; }
    /// <summary>The validation metric trials are ranked by: nse, kge, r (higher is better), rmse, mae, val_loss (lower is better); median
    /// over basins.</summary>
    public string Metric { get; init; } = "nse";
    /// <summary>Seeds the random draws (not the runs: each trial trains with the config's training seed).</summary>
    public int Seed { get; init; }
    /// <summary>"section.key" → its values, in config order.</summary>
    public required IReadOnlyList<KeyValuePair<string, SearchSpace>> Parameters { get; init; }

    public static readonly string[] Metrics = ["nse", "kge", "r", "rmse", "mae", "val_loss"];

    /// <summary>True when a larger value of <see cref="Metric"/> is better.</summary>
    public bool HigherIsBetter => Metric is "nse" or "kge" or "r";

    /// <summary>The trials' overrides ("section.key" → YAML value), in trial order.</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, string>> Draw()
    {
        if (Method == "grid")
        {
            IEnumerable<Dictionary<string, string>> combinations = [new()];
            foreach (var (key, space) in Parameters)
            {
                var choices = space.Choices ?? throw new InvalidOperationException(
                    $"search: grid needs a list of choices for {key}, not a range");
                combinations = combinations.SelectMany(c => choices.Select(v => new Dictionary<string, string>(c) { [key] = v }));
            }
            var all = combinations.ToArray();
            return Trials is { } limit ? all.Take(limit).ToArray() : all;
        }
        var random = new Random(Seed);
        return Enumerable.Range(0, Trials ?? 8)
            .Select(_ => (IReadOnlyDictionary<string, string>)Parameters.ToDictionary(p => p.Key, p => p.Value.Sample(random))).ToArray();
    }
}
