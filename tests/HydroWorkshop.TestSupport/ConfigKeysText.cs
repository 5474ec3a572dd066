using System.Text.Json;
using System.Text.RegularExpressions;

namespace HydroWorkshop.TestSupport;

/// <summary>Helpers for the config reader tests: a structural form of a config record (records with lists compare by
/// reference), the keys a reader's "unknown key" error calls valid, and the keys its help lists under a section.</summary>
public static partial class ConfigKeysText
{
    /// <summary>The record as indented JSON: equal text, equal values (lists and maps compared element by element).</summary>
    public static string Structure(object config) =>
        JsonSerializer.Serialize(config, config.GetType(), new JsonSerializerOptions { WriteIndented = true });

    /// <summary>The keys in "(valid: a, b, c)" of a reader's unknown-key error.</summary>
    public static IReadOnlyList<string> ValidKeys(string errorMessage) =>
        ValidList().Match(errorMessage) is { Success: true } m ? m.Groups[1].Value.Split(", ") : throw new ArgumentException(
            $"no valid-key list in: {errorMessage}");

    /// <summary>The keys the help lists under <paramref name="heading"/> (e.g. "data:" or "top level:").</summary>
    public static IReadOnlyList<string> HelpKeys(string help, string heading)
    {
        var lines = help.Split('\n');
        var start = Array.IndexOf(lines, heading);
        if (start < 0) return [];
        return lines.Skip(start + 1).TakeWhile(l => l.StartsWith("  ", StringComparison.Ordinal))
            .Select(l => l.Trim().Split(' ')[0]).ToArray();
    }

    [GeneratedRegex(@"\(valid: ([^)]*)\)")]
    private static partial Regex ValidList();
}
