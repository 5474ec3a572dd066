using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace HydroWorkshop.Common;

/// <summary>The config file being read, named in every error.</summary>
internal sealed record YamlContext(string File);

/// <summary>
/// Value readers shared by the strict YAML configs (run, map-run and gridded-run configs): each error names the file and
/// line, and an unknown key gets the closest valid name ("did you mean").
/// </summary>
internal static class StrictYaml
{
    /// <summary>The key's name when it is one of <paramref name="valid"/>; else an error with the closest valid name.</summary>
    public static string CheckKey(YamlNode key, IEnumerable<string> valid, string where, YamlContext context)
    {
        var name = key is YamlScalarNode scalar ? scalar.Value ?? "" : key.ToString();
        var names = valid.ToArray();
        if (names.Contains(name)) return name;
        var closest = names.MinBy(n => Distance(n, name))!;
        throw Error(key, context, $"unknown key '{name}' in {where}; did you mean '{closest}'? (valid: {string.Join(", ", names)})");
    }

    /// <summary>Levenshtein distance, for the "did you mean" hint.</summary>
    public static int Distance(string a, string b)
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

    public static FormatException Error(YamlNode node, YamlContext context, string message) =>
        new($"{context.File} line {node.Start.Line}: {message}");

    public static bool IsNull(YamlNode node) => node is YamlScalarNode { Value: null or "" or "null" or "~" };

    public static string Text(YamlNode node, YamlContext context) =>
        node is YamlScalarNode { Value: { } value } ? value : throw Error(node, context, "expected a single value");

    public static string OneOf(YamlNode node, YamlContext context, params string[] allowed)
    {
        var value = Text(node, context).ToLowerInvariant();
        return allowed.Contains(value) ? value : throw Error(node, context, $"'{value}' is not one of {string.Join(", ", allowed)}");
    }

    /// <summary>A device in PyTorch's spelling (cpu, cuda, cuda:N), kept as written.</summary>
    public static string DeviceName(YamlNode node, YamlContext context)
    {
        var value = Text(node, context);
        try
        {
            Engine.Devices.Parse(value);
            return value;
        }
        catch (FormatException e)
        {
            throw Error(node, context, e.Message);
        }
    }

    public static int Int(YamlNode node, YamlContext context) =>
        int.TryParse(Text(node, context), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value : throw Error(node, context, $"'{Text(node, context)}' is not a whole number");

    public static int Positive(YamlNode node, YamlContext context)
    {
        var value = Int(node, context);
        return value > 0 ? value : throw Error(node, context, $"expected a positive whole number, got {value}");
    }

    public static int NotNegative(YamlNode node, YamlContext context)
    {
        var value = Int(node, context);
        return value >= 0 ? value : throw Error(node, context, $"expected 0 or more, got {value}");
    }

    public static double Number(YamlNode node, YamlContext context) =>
        double.TryParse(Text(node, context), NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value : throw Error(node, context, $"'{Text(node, context)}' is not a number");

    public static bool Bool(YamlNode node, YamlContext context) => Text(node, context).ToLowerInvariant() switch
    {
        "true" or "yes" or "on" => true,
        "false" or "no" or "off" => false,
        var other => throw Error(node, context, $"'{other}' is not true or false"),
    };

    public static IReadOnlyList<string> List(YamlNode node, YamlContext context) =>
        node is YamlSequenceNode sequence ? sequence.Children.Select(c => Text(c, context)).ToArray() : throw Error(node, context,
            "expected a list, e.g. [a, b]");
}
