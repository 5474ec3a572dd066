using System.Collections.Concurrent;
using System.Globalization;
using System.Xml.Linq;
using Microsoft.CodeAnalysis;

namespace HydroWorkshop.Kernel.Execution;

/// <summary>Reads an assembly's XML documentation file on first use (for inspect's summaries). Roslyn's own
/// XmlDocumentationProvider lives in the Workspaces package, which the kernel does not need otherwise.
/// One instance per file (<see cref="Of"/>): a restarted session or a second reference to the same assembly
/// does not parse the file again.</summary>
internal sealed class XmlDocumentation : DocumentationProvider
{
    private static readonly ConcurrentDictionary<string, XmlDocumentation> Files = new(StringComparer.Ordinal);

    private readonly string path;
    private readonly Lazy<Dictionary<string, string>> members;

    private XmlDocumentation(string path)
    {
        this.path = path;
        members = new(() => Load(path));
    }

    /// <summary>The documentation in <paramref name="path"/> (an existing .xml file).</summary>
    public static XmlDocumentation Of(string path) => Files.GetOrAdd(Path.GetFullPath(path), p => new XmlDocumentation(p));

    /// <summary>The <c>&lt;member&gt;</c> element of documentation id <paramref name="documentationMemberId"/>
    /// (e.g. <c>M:System.Math.Clamp(System.Double,System.Double,System.Double)</c>), or null.</summary>
    public string? Member(string documentationMemberId) => members.Value.GetValueOrDefault(documentationMemberId);

    protected override string? GetDocumentationForSymbol(string documentationMemberID, CultureInfo preferredCulture,
        CancellationToken cancellationToken = default) =>
        Member(documentationMemberID);

    private static Dictionary<string, string> Load(string path)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            foreach (var member in XDocument.Load(path).Descendants("member"))
            {
                if ((string?)member.Attribute("name") is { } name) result[name] = member.ToString();
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Xml.XmlException)
        {
            KernelLog.Debug($"documentation '{path}' unreadable: {e.Message}");
        }
        return result;
    }

    public override bool Equals(object? obj) => obj is XmlDocumentation other && other.path == path;

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(path);
}
