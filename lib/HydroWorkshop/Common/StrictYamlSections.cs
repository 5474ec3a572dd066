using System.Globalization;
using System.Text;
using YamlDotNet.RepresentationModel;
using static HydroWorkshop.Common.StrictYaml;

namespace HydroWorkshop.Common;

/// <summary>
/// What the strict config readers (run, map-run and gridded-run configs) share: loading the YAML into its top-level
/// mapping, reading each section through its key table, writing a config record back as YAML through the same tables
/// (the run folder's copy), and the key list <c>hw config keys</c> prints.
/// </summary>
internal static class StrictYamlSections
{
    /// <summary>The top-level mapping of <paramref name="yaml"/>; YAML syntax errors name the file and line, its
    /// top-level keys are checked against <paramref name="topLevelKeys"/>, and <paramref name="expected"/> says what the
    /// top level should hold when it is not a mapping.</summary>
    public static YamlMappingNode Load(string yaml, YamlContext context, IEnumerable<string> topLevelKeys, string expected)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlDotNet.Core.YamlException e)
        {
            throw new FormatException($"{context.File} line {e.Start.Line}: {e.Message}", e);
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
            throw new FormatException($"{context.File}: expected a mapping with {expected}");
        var valid = topLevelKeys.ToArray();
        foreach (var key in root.Children.Keys) CheckKey(key, valid, "the top level", context);
        return root;
    }

    /// <summary>The scalar text of top-level key <paramref name="key"/>, or null when it is absent.</summary>
    public static string? TopLevelText(YamlMappingNode root, string key, YamlContext context) =>
        root.Children.TryGetValue(new YamlScalarNode(key), out var node) ? Text(node, context) : null;

    /// <summary>Applies every section of <paramref name="root"/> that <paramref name="sections"/> names, in the sections'
    /// order and each section's keys in file order; an unknown key gets the closest valid name. <paramref name="onKey"/>
    /// sees each key read (section, key, value node), for checks that need the node's line afterwards.</summary>
    public static TConfig Apply<TConfig>(YamlMappingNode root, IEnumerable<ConfigSection<TConfig>> sections, TConfig config,
        YamlContext context,
        Action<string, string, YamlNode>? onKey = null)
    {
        foreach (var section in sections)
        {
            if (!root.Children.TryGetValue(new YamlScalarNode(section.Name), out var node) || IsNull(node)) continue;
            if (node is not YamlMappingNode mapping) throw Error(node, context, $"'{section.Name}' must be a mapping of keys");
            if (section.Presence is { } presence) config = presence.Open(config);
            foreach (var (key, value) in mapping.Children)
            {
                var name = CheckKey(key, section.Keys.Keys, $"'{section.Name}'", context);
                config = section.Keys[name].Read(config, value, context);
                onKey?.Invoke(section.Name, name, value);
            }
        }
        return config;
    }

    /// <summary>The sections of <paramref name="config"/> as YAML mappings (block style, one key a line), each key
    /// through its writer; keys whose writer gives null and sections marked absent are left out.</summary>
    public static IEnumerable<(string Name, YamlMappingNode Section)> Write<TConfig>(TConfig config,
        IEnumerable<ConfigSection<TConfig>> sections)
    {
        foreach (var section in sections)
        {
            if (section.Presence is { } presence && !presence.IsPresent(config)) continue;
            var mapping = new YamlMappingNode();
            foreach (var (name, key) in section.Keys)
                if (key.Write(config) is { } value) mapping.Add(new YamlScalarNode(name), value);
            yield return (section.Name, mapping);
        }
    }

    /// <summary>A whole config as YAML text: the top-level scalars, then the sections, under a comment line.</summary>
    public static string Save(string comment, IEnumerable<(string Key, YamlNode Value)> topLevel,
        IEnumerable<(string Name, YamlMappingNode Section)> sections)
    {
        var root = new YamlMappingNode();
        foreach (var (key, value) in topLevel) root.Add(new YamlScalarNode(key), value);
        foreach (var (name, section) in sections) root.Add(new YamlScalarNode(name), section);
        var text = new StringWriter(CultureInfo.InvariantCulture);
        new YamlStream(new YamlDocument(root)).Save(text, assignAnchors: false);
        // YamlDotNet ends a document with "...": not needed for a single document and unfamiliar to readers.
        var yaml = text.ToString().Replace("\r\n", "\n");
        if (yaml.EndsWith("...\n", StringComparison.Ordinal)) yaml = yaml[..^4];
        return $"# {comment}\n{yaml}";
    }

    /// <summary>The keys a config accepts, one a line with its doc: the top-level keys, then each section's.</summary>
    public static string Help<TConfig>(string title, IEnumerable<(string Key, string Doc)> topLevel,
        IEnumerable<ConfigSection<TConfig>> sections,
        IEnumerable<(string Name, IEnumerable<(string Key, string Doc)> Keys)>? more = null)
    {
        var text = new StringBuilder(title).Append('\n');
        void Block(string heading, IEnumerable<(string Key, string Doc)> keys)
        {
            var list = keys.ToArray();
            var width = list.Max(k => k.Key.Length);
            text.Append(heading).Append('\n');
            foreach (var (key, doc) in list) text.Append("  ").Append(key.PadRight(width)).Append("  ").Append(doc).Append('\n');
        }
        Block("top level:", topLevel);
        foreach (var section in sections) Block($"{section.Name}:", section.Keys.Select(k => (k.Key, k.Value.Doc)));
        foreach (var (name, keys) in more ?? []) Block($"{name}:", keys);
        return text.ToString();
    }

    /// <summary>Runs a record's Validate and reports its ArgumentException as a FormatException naming the file and section.</summary>
    public static void Check(Action validate, string section, string file)
    {
        try
        {
            validate();
        }
        catch (ArgumentException e)
        {
            throw new FormatException($"{file}: {section}: {e.Message}", e);
        }
    }
}
