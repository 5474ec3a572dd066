using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace HydroWorkshop.Kernel.Execution;

/// <summary>
/// The sections of an XML documentation comment (<c>&lt;member&gt;</c> element) as inspect shows them, in one of
/// two styles: plain text for <c>text/plain</c> and Markdown for <c>text/markdown</c> (code in backticks, links,
/// lists, fenced code). Cross-references show the member's short name (<c>Double.NaN</c>, not
/// <c>F:System.Double.NaN</c>).
/// </summary>
internal sealed record DocumentationComment(
    string? Summary,
    IReadOnlyList<(string Name, string Text)> TypeParameters,
    IReadOnlyList<(string Name, string Text)> Parameters,
    string? Returns,
    string? Value,
    IReadOnlyList<(string Type, string Text)> Exceptions,
    string? Remarks)
{
    /// <summary>The comment in <paramref name="xml"/> (null when it is empty or not XML).</summary>
    public static DocumentationComment? Parse(string? xml, bool markdown)
    {
        if (string.IsNullOrWhiteSpace(xml)) return null;
        XElement root;
        try
        {
            root = XElement.Parse(xml, LoadOptions.PreserveWhitespace);
        }
        catch (System.Xml.XmlException)
        {
            return null;
        }
        string? Section(string name) => root.Element(name) is { } e && Render(e, markdown) is { Length: > 0 } text ? text : null;
        List<(string, string)> Named(string element, string attribute) =>
            root.Elements(element).Select(e => ((string?)e.Attribute(attribute) ?? "", Render(e, markdown)))
                .Where(p => p.Item1.Length > 0).ToList();
        return new DocumentationComment(
            Section("summary"),
            Named("typeparam", "name"),
            Named("param", "name"),
            Section("returns"),
            Section("value"),
            Named("exception", "cref").Select(p => (CrefName(p.Item1), p.Item2)).ToList(),
            Section("remarks"));
    }

    /// <summary>Whether the comment says anything inspect would show.</summary>
    public bool IsEmpty => Summary is null && TypeParameters.Count == 0 && Parameters.Count == 0 && Returns is null && Value is null
        && Exceptions.Count == 0 && Remarks is null;

    /// <summary>The documentation text of parameter <paramref name="name"/>, or null.</summary>
    public string? Parameter(string name) => Parameters.FirstOrDefault(p => p.Name == name).Text;

    /// <summary><c>M:System.IO.Path.GetInvalidPathChars</c> → <c>Path.GetInvalidPathChars</c>; <c>T:System.ArgumentException</c>
    /// → <c>ArgumentException</c>; generic arity marks and parameter lists dropped.</summary>
    public static string CrefName(string cref)
    {
        var name = cref.Length > 2 && cref[1] == ':' ? cref[2..] : cref;
        var kind = cref.Length > 2 && cref[1] == ':' ? cref[0] : 'T';
        var parameters = name.IndexOf('(');
        if (parameters >= 0) name = name[..parameters];
        name = Regex.Replace(name, "`+[0-9]+", "");
        var parts = name.Split('.');
        return kind == 'T' || parts.Length < 2 ? parts[^1] : parts[^2] + "." + parts[^1];
    }

    private static string Render(XElement element, bool markdown)
    {
        var text = new StringBuilder();
        AppendNodes(element.Nodes(), text, markdown);
        return Regex.Replace(text.ToString(), "\n{3,}", "\n\n").Trim();
    }

    private static void AppendNodes(IEnumerable<XNode> nodes, StringBuilder text, bool markdown)
    {
        foreach (var node in nodes)
        {
            if (node is XText t) AppendText(t.Value, text, markdown);
            else if (node is XElement e) AppendElement(e, text, markdown);
        }
    }

    private static void AppendElement(XElement e, StringBuilder text, bool markdown)
    {
        switch (e.Name.LocalName)
        {
            case "see" or "seealso":
                if ((string?)e.Attribute("langword") is { } word) AppendCode(word, text, markdown);
                else if ((string?)e.Attribute("href") is { } href)
                {
                    var label = e.Value.Trim();
                    if (markdown) AppendRaw($"[{(label.Length > 0 ? Escape(label) : href)}]({href})", text);
                    else AppendRaw(label.Length > 0 ? $"{label} ({href})" : href, text);
                }
                else if (e.Nodes().Any()) AppendNodes(e.Nodes(), text, markdown);
                else if ((string?)e.Attribute("cref") is { } cref) AppendCode(CrefName(cref), text, markdown);
                break;
            case "paramref" or "typeparamref":
                AppendCode((string?)e.Attribute("name") ?? "", text, markdown);
                break;
            case "c":
                AppendCode(Regex.Replace(e.Value, @"\s+", " ").Trim(), text, markdown);
                break;
            case "code":
                Break(text, "\n\n");
                var code = Dedent(e.Value);
                text.Append(markdown ? "```csharp\n" + code + "\n```" : Indent(code));
                Break(text, "\n\n");
                break;
            case "para":
                Break(text, "\n\n");
                AppendNodes(e.Nodes(), text, markdown);
                Break(text, "\n\n");
                break;
            case "br":
                Break(text, "\n");
                break;
            case "list":
                Break(text, "\n");
                foreach (var item in e.Elements("item"))
                {
                    Break(text, "\n");
                    text.Append("- ");
                    if (item.Element("term") is { } term)
                    {
                        AppendNodes(term.Nodes(), text, markdown);
                        text.Append(" – ");
                    }
                    AppendNodes(item.Element("description")?.Nodes() ?? item.Nodes()
                        .Where(n => n is not XElement { Name.LocalName: "term" }), text, markdown);
                }
                Break(text, "\n\n");
                break;
            case "b" or "strong":
                AppendWrapped(e, markdown ? "**" : "", text, markdown);
                break;
            case "i" or "em":
                AppendWrapped(e, markdown ? "*" : "", text, markdown);
                break;
            default:
                AppendNodes(e.Nodes(), text, markdown);
                break;
        }
    }

    private static void AppendWrapped(XElement e, string mark, StringBuilder text, bool markdown)
    {
        text.Append(mark);
        AppendNodes(e.Nodes(), text, markdown);
        text.Append(mark);
    }

    /// <summary>Text nodes: whitespace collapsed (XML docs wrap lines freely), none at the start of a line.</summary>
    private static void AppendText(string value, StringBuilder text, bool markdown)
    {
        var collapsed = Regex.Replace(value, @"\s+", " ");
        if (text.Length == 0 || text[^1] == '\n') collapsed = collapsed.TrimStart();
        text.Append(markdown ? Escape(collapsed) : collapsed);
    }

    private static void AppendCode(string code, StringBuilder text, bool markdown)
    {
        if (code.Length == 0) return;
        AppendRaw(markdown ? "`" + code.Replace("`", "'", StringComparison.Ordinal) + "`" : code, text);
    }

    private static void AppendRaw(string value, StringBuilder text) => text.Append(value);

    /// <summary>A paragraph or line break: trailing spaces dropped, no more than <paramref name="separator"/>'s newlines.</summary>
    private static void Break(StringBuilder text, string separator)
    {
        while (text.Length > 0 && text[^1] == ' ') text.Length--;
        if (text.Length == 0) return;
        var newlines = 0;
        for (var i = text.Length - 1; i >= 0 && text[i] == '\n'; i--) newlines++;
        if (newlines < separator.Length) text.Append('\n', separator.Length - newlines);
    }

    /// <summary>Characters Markdown would read as formatting in prose.</summary>
    private static string Escape(string value) =>
        Regex.Replace(value, @"([\\`*_\[\]])", @"\$1").Replace("<", "&lt;", StringComparison.Ordinal);

    private static string Dedent(string code)
    {
        var lines = code.Replace("\r", "", StringComparison.Ordinal).Split('\n').ToList();
        while (lines.Count > 0 && string.IsNullOrWhiteSpace(lines[0])) lines.RemoveAt(0);
        while (lines.Count > 0 && string.IsNullOrWhiteSpace(lines[^1])) lines.RemoveAt(lines.Count - 1);
        var indent = lines.Where(l => l.Trim().Length > 0).Select(l => l.Length - l.TrimStart().Length).DefaultIfEmpty(0).Min();
        return string.Join("\n", lines.Select(l => l.Length >= indent ? l[indent..].TrimEnd() : l.Trim()));
    }

    private static string Indent(string code) => string.Join("\n", code.Split('\n').Select(l => "    " + l));
}
