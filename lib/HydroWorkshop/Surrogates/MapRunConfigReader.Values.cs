using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace HydroWorkshop.Surrogates;

// Values and key checks of the map-run config: every error names the file and line.
public static partial class MapRunConfigReader
{
    private static readonly string[] TeacherForcingKeys = ["start", "end", "decay_epochs", "decay"];

    private static string CheckKey(YamlNode key, IEnumerable<string> valid, string where, Context context)
    {
        var name = key is YamlScalarNode scalar ? scalar.Value ?? "" : key.ToString();
        var names = valid.ToArray();
        if (names.Contains(name)) return name;
        var closest = names.MinBy(n => Distance(n, name))!;
        throw Error(key, context, $"unknown key '{name}' in {where}; did you mean '{closest}'? (valid: {string.Join(", ", names)})");
    }

    /// <summary>Levenshtein distance, for the "did you mean" hint.</summary>
    private static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            previous = current;
        }
        return previous[b.Length];
    }

    private static FormatException Error(YamlNode node, Context context, string message) =>
        new($"{context.File} line {node.Start.Line}: {message}");

    private static bool IsNull(YamlNode node) => node is YamlScalarNode { Value: null or "" or "null" or "~" };

    private static string Text(YamlNode node, Context context) =>
        node is YamlScalarNode { Value: { } value } ? value : throw Error(node, context, "expected a single value");

    private static string OneOf(YamlNode node, Context context, params string[] allowed)
    {
        var value = Text(node, context).ToLowerInvariant();
        return allowed.Contains(value) ? value : throw Error(node, context, $"'{value}' is not one of {string.Join(", ", allowed)}");
    }

    private static int Int(YamlNode node, Context context) =>
        int.TryParse(Text(node, context), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value : throw Error(node, context, $"'{Text(node, context)}' is not a whole number");

    private static int Positive(YamlNode node, Context context)
    {
        var value = Int(node, context);
        return value > 0 ? value : throw Error(node, context, $"expected a positive whole number, got {value}");
    }

    private static double Number(YamlNode node, Context context) =>
        double.TryParse(Text(node, context), NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value : throw Error(node, context, $"'{Text(node, context)}' is not a number");

    private static bool Bool(YamlNode node, Context context) => Text(node, context).ToLowerInvariant() switch
    {
        "true" or "yes" or "on" => true,
        "false" or "no" or "off" => false,
        var other => throw Error(node, context, $"'{other}' is not true or false"),
    };

    private static IReadOnlyList<string> List(YamlNode node, Context context) =>
        node is YamlSequenceNode sequence ? sequence.Children.Select(c => Text(c, context)).ToArray() : throw Error(node, context, "expected a list, e.g. [a, b]");

    /// <summary>Simulation ids: a list of whole numbers and ranges, e.g. [1-20] or [500, 501, 503-509].</summary>
    private static IReadOnlyList<int> Ids(YamlNode node, Context context)
    {
        var ids = new List<int>();
        foreach (var item in List(node, context))
        {
            var parts = item.Split('-', StringSplitOptions.TrimEntries);
            if (parts.Length == 1 && int.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var id)) ids.Add(id);
            else if (parts.Length == 2 && int.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var first)
                && int.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var last) && last >= first)
                ids.AddRange(Enumerable.Range(first, last - first + 1));
            else throw Error(node, context, $"'{item}' is not an id or a range of ids such as 1-20");
        }
        return ids.Count > 0 ? ids : throw Error(node, context, "expected at least one id");
    }

    /// <summary>{ start: 1.0, end: 0.0, decay_epochs: 10, decay: linear | inverse_sigmoid }, or none.</summary>
    private static TeacherForcingSchedule TeacherForcing(YamlNode node, Context context)
    {
        if (node is YamlScalarNode { Value: "none" }) return TeacherForcingSchedule.None;
        if (node is not YamlMappingNode mapping) throw Error(node, context, "teacher_forcing is none or { start: 1.0, end: 0.0, decay_epochs: 10, decay: linear }");
        var schedule = new TeacherForcingSchedule();
        foreach (var (key, value) in mapping.Children)
        {
            schedule = CheckKey(key, TeacherForcingKeys, "'teacher_forcing'", context) switch
            {
                "start" => schedule with { Start = Number(value, context) },
                "end" => schedule with { End = Number(value, context) },
                "decay_epochs" => schedule with { DecayEpochs = Positive(value, context) },
                _ => schedule with
                {
                    Decay = OneOf(value, context, "linear", "inverse_sigmoid") == "linear" ? TeacherForcingDecay.Linear : TeacherForcingDecay.InverseSigmoid,
                },
            };
        }
        return schedule;
    }
}
