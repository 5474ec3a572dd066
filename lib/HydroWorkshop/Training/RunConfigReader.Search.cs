using HydroWorkshop.Common;
using YamlDotNet.RepresentationModel;
using static HydroWorkshop.Common.StrictYaml;

namespace HydroWorkshop.Training;

// The search: section. Its settings (method, trials, metric, seed) sit beside the searched keys, which are
// checked as strictly as the rest: an unknown key gets the closest valid name, and every value is tried
// through the key's own reader so that a bad value is reported here, with its line, not in trial 5.
public static partial class RunConfigReader
{
    private static readonly string[] SearchSettings = ["method", "trials", "metric", "seed"];

    // Keys whose value is a list, a path or a period: not something to draw at random.
    private static readonly HashSet<string> NotSearchable =
    [
        "data.source", "data.extra_attributes", "data.inputs", "data.statics", "data.targets", "data.basins",
        "data.train_period", "data.validation_period", "data.test_period", "training.target_weights",
    ];

    /// <summary>"section.key" of every key a search may vary.</summary>
    public static IReadOnlyList<string> SearchableKeys { get; } =
        new[] { ("data", DataKeys), ("model", ModelKeys), ("training", TrainingKeys) }
            .SelectMany(s => s.Item2.Keys.Select(k => $"{s.Item1}.{k}")).Where(k => !NotSearchable.Contains(k)).ToArray();

    private static SearchConfig ParseSearch(YamlNode node, RunConfig config, YamlContext context)
    {
        if (node is not YamlMappingNode mapping) throw Error(node, context,
            "'search' must be a mapping, e.g. { method: random, trials: 8, hidden_size: [32, 64] }");
        // A bare name stands for its section's key when only one section has it (all do today).
        var bare = SearchableKeys.GroupBy(k => k[(k.IndexOf('.') + 1)..]).Where(g => g.Count() == 1)
            .ToDictionary(g => g.Key, g => g.Single());
        var valid = SearchSettings.Concat(bare.Keys).Concat(SearchableKeys).ToArray();
        var search = new SearchConfig { Parameters = [] };
        var parameters = new List<KeyValuePair<string, SearchSpace>>();
        foreach (var (keyNode, value) in mapping.Children)
        {
            var name = CheckKey(keyNode, valid, "'search'", context);
            switch (name)
            {
                case "method": search = search with { Method = OneOf(value, context, "random", "grid") }; continue;
                case "trials": search = search with { Trials = Positive(value, context) }; continue;
                case "metric": search = search with { Metric = OneOf(value, context, SearchConfig.Metrics) }; continue;
                case "seed": search = search with { Seed = Int(value, context) }; continue;
            }
            var full = bare.GetValueOrDefault(name, name);
            if (parameters.Any(p => p.Key == full)) throw Error(keyNode, context, $"'{full}' is searched twice");
            parameters.Add(new(full, Space(full, value, config, context)));
        }
        if (parameters.Count == 0)
            throw Error(node, context,
                $"'search' names no key to vary; e.g. hidden_size: [32, 64, 128] (searchable: {string.Join(", ", SearchableKeys)})");
        search = search with { Parameters = parameters };
        if (search.Method == "grid" && parameters.FirstOrDefault(p => p.Value.Choices is null) is { Key: { } ranged })
            throw Error(node, context, $"method grid needs a list of choices for '{ranged}', not a range");
        return search;
    }

    private static SearchSpace Space(string key, YamlNode value, RunConfig config, YamlContext context)
    {
        var section = key[..key.IndexOf('.')];
        var setter = (section switch { "data" => DataKeys, "model" => ModelKeys, _ => TrainingKeys })[key[(section.Length + 1)..]].Read;
        if (value is YamlSequenceNode sequence)
        {
            if (sequence.Children.Count == 0) throw Error(value, context, $"'{key}' has no value to choose from");
            foreach (var choice in sequence.Children) setter(config, choice, context);
            return new SearchSpace { Choices = sequence.Children.Select(c => Text(c, context)).ToArray() };
        }
        if (value is YamlMappingNode range)
        {
            double? min = null, max = null;
            var log = false;
            foreach (var (k, v) in range.Children)
            {
                switch (CheckKey(k, ["min", "max", "log"], $"the range of '{key}'", context))
                {
                    case "min": setter(config, v, context); min = Number(v, context); break;
                    case "max": setter(config, v, context); max = Number(v, context); break;
                    default: log = Bool(v, context); break;
                }
            }
            if (min is null || max is null || !(min < max)) throw Error(value, context,
                $"the range of '{key}' needs min < max, e.g. {{min: 1e-4, max: 1e-2, log: true}}");
            if (log && min <= 0) throw Error(value, context, $"a log range of '{key}' needs min > 0");
            bool integer;
            try
            {
                setter(config, new YamlScalarNode("0.5"), context);
                integer = false;
            }
            catch (FormatException)
            {
                integer = true;
            }
            return new SearchSpace { Min = min.Value, Max = max.Value, Log = log, Integer = integer };
        }
        throw Error(value, context, $"'{key}' in 'search' takes a list of choices [a, b, c] or a range {{min: a, max: b}}");
    }

    private static readonly (string Key, string Doc)[] SearchSettingsHelp =
    [
        ("method", "random (trials draws) or grid (every combination, at most trials)"),
        ("trials", "random: the number of trials; grid: an upper limit"),
        ("metric", $"what ranks the trials on validation: {string.Join(", ", SearchConfig.Metrics)}"),
        ("seed", "seeds the random draws (each trial trains with the training seed)"),
    ];

    /// <summary>
    /// A search trial's config: <paramref name="config"/> with the drawn values ("section.key" → the value as the search
    /// section spells it) set through the keys' own readers, made in memory. The values were checked when the search
    /// section was read; a combination that does not fit (gaussian_nll without a Gaussian head) fails here, naming
    /// <paramref name="trial"/>.
    /// </summary>
    internal static RunConfig WithSearchValues(RunConfig config, IReadOnlyDictionary<string, string> values, string trial)
    {
        var context = new YamlContext(trial);
        foreach (var (key, value) in values)
        {
            var dot = key.IndexOf('.');
            var section = Sections.Single(s => s.Name == key[..dot]);
            config = section.Keys[key[(dot + 1)..]].Read(config, new YamlScalarNode(value), context);
        }
        Validate(config, trial);
        return config;
    }

    /// <summary>The search section as YAML, as <see cref="ParseSearch"/> reads it.</summary>
    private static YamlMappingNode SearchNode(SearchConfig search)
    {
        var node = new YamlMappingNode { { "method", YamlNodes.Of(search.Method) }, { "metric", YamlNodes.Of(search.Metric) },
            { "seed", YamlNodes.Of(search.Seed) } };
        if (search.Trials is { } trials) node.Add("trials", YamlNodes.Of(trials));
        foreach (var (key, space) in search.Parameters)
            node.Add(key, space.Choices is { } choices ? YamlNodes.List(choices)
                : YamlNodes.Map([("min", YamlNodes.Of(space.Min)), ("max", YamlNodes.Of(space.Max)), ("log", YamlNodes.Of(space.Log))]));
        return node;
    }
}
