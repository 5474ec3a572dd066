using System.Globalization;
using System.Xml.Linq;
using Microsoft.CodeAnalysis;

namespace HydroWorkshop.Kernel.Execution;

/// <summary>Reads an assembly's XML documentation file on first use (for inspect's summaries). Roslyn's own
/// XmlDocumentationProvider lives in the Workspaces package, which the kernel does not need otherwise.</summary>
internal sealed class XmlDocumentation(string path) : DocumentationProvider
{
    private readonly Lazy<Dictionary<string, string>> members = new(() => Load(path));

    protected override string? GetDocumentationForSymbol(string documentationMemberID, CultureInfo preferredCulture, CancellationToken cancellationToken = default) =>
        members.Value.GetValueOrDefault(documentationMemberID);

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
        catch (Exception e) when (e is IOException or System.Xml.XmlException)
        {
            KernelLog.Debug($"documentation '{path}' unreadable: {e.Message}");
        }
        return result;
    }

    public override bool Equals(object? obj) => obj is XmlDocumentation other && other.Path == Path;

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Path);

    private string Path => path;
}
