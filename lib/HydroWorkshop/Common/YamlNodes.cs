using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace HydroWorkshop.Common;

/// <summary>
/// Config values as YAML nodes, the inverse of <see cref="StrictYaml"/>'s readers: numbers in the invariant culture with
/// every digit ("R"), so that a value written and read back is the same double; lists in flow style (<c>[a, b]</c>).
/// </summary>
internal static class YamlNodes
{
    public static YamlNode Of(string value) => new YamlScalarNode(value);

    public static YamlNode Of(int value) => new YamlScalarNode(value.ToString(CultureInfo.InvariantCulture));

    public static YamlNode Of(ulong value) => new YamlScalarNode(value.ToString(CultureInfo.InvariantCulture));

    public static YamlNode Of(double value) => new YamlScalarNode(value.ToString("R", CultureInfo.InvariantCulture));

    public static YamlNode Of(bool value) => new YamlScalarNode(value ? "true" : "false");

    /// <summary>The value, or <c>null</c> (the readers' spelling of "none") when it has none.</summary>
    public static YamlNode OfOptional(double? value) => value is { } v ? Of(v) : Null;

    /// <inheritdoc cref="OfOptional(double?)"/>
    public static YamlNode OfOptional(int? value) => value is { } v ? Of(v) : Null;

    public static YamlNode Null => new YamlScalarNode("null");

    public static YamlNode List(IEnumerable<string> values) =>
        new YamlSequenceNode(values.Select(Of)) { Style = YamlDotNet.Core.Events.SequenceStyle.Flow };

    public static YamlNode List(IEnumerable<double> values) =>
        new YamlSequenceNode(values.Select(Of)) { Style = YamlDotNet.Core.Events.SequenceStyle.Flow };

    public static YamlNode List(IEnumerable<int> values) =>
        new YamlSequenceNode(values.Select(Of)) { Style = YamlDotNet.Core.Events.SequenceStyle.Flow };

    /// <summary>A mapping in flow style (<c>{a: 1, b: 2}</c>) from key → value pairs.</summary>
    public static YamlNode Map(IEnumerable<(string Key, YamlNode Value)> entries)
    {
        var map = new YamlMappingNode { Style = YamlDotNet.Core.Events.MappingStyle.Flow };
        foreach (var (key, value) in entries) map.Add(new YamlScalarNode(key), value);
        return map;
    }
}
