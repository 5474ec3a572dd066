using System.Globalization;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Microsoft.CodeAnalysis;

namespace HydroWorkshop.Kernel.Execution;

/// <summary>
/// Documentation of runtime assemblies that the reference pack documents under another name. The kernel compiles
/// against the runtime's implementation assemblies; most have a reference assembly of the same name whose .xml
/// holds the docs, but <c>System.Private.CoreLib</c> (Math, String, DateTime, List&lt;T&gt;, Task, ...) has none: its
/// types are documented in the .xml of the reference assembly that declares them (System.Runtime, System.Collections,
/// ...). The reference assemblies' type tables (metadata only, about 0.2 s once) say which file that is.
/// </summary>
internal sealed class ReferencePackDocumentation : DocumentationProvider
{
    private readonly string folder;
    private readonly Lazy<Dictionary<string, string>> xmlOfType;

    private ReferencePackDocumentation(string folder)
    {
        this.folder = folder;
        xmlOfType = new(() => MapTypes(folder));
    }

    private static readonly Lock CacheLock = new();
    private static ReferencePackDocumentation? cached;

    /// <summary>The provider for the reference pack folder <paramref name="folder"/> (…/ref/net10.0), shared.</summary>
    public static ReferencePackDocumentation Of(string folder)
    {
        lock (CacheLock)
        {
            if (cached?.folder != folder) cached = new ReferencePackDocumentation(folder);
            return cached;
        }
    }

    protected override string? GetDocumentationForSymbol(string documentationMemberID, CultureInfo preferredCulture,
        CancellationToken cancellationToken = default)
    {
        foreach (var type in ContainingTypeNames(documentationMemberID))
        {
            if (xmlOfType.Value.TryGetValue(type, out var xml)) return XmlDocumentation.Of(xml).Member(documentationMemberID);
        }
        return null;
    }

    /// <summary>The type part of a documentation id, longest first: <c>M:System.Environment.SpecialFolder.X</c> gives
    /// <c>System.Environment.SpecialFolder</c>, then <c>System.Environment</c> (a nested type's name is dotted too).</summary>
    internal static IEnumerable<string> ContainingTypeNames(string documentationMemberId)
    {
        if (documentationMemberId.Length < 3 || documentationMemberId[1] != ':') yield break;
        var name = documentationMemberId[2..];
        var parameters = name.IndexOf('(');
        if (parameters >= 0) name = name[..parameters];
        if (documentationMemberId[0] == 'T') yield return name;
        for (var dot = name.LastIndexOf('.'); dot > 0; dot = name.LastIndexOf('.'))
        {
            name = name[..dot];
            yield return name;
        }
    }

    private static Dictionary<string, string> MapTypes(string folder)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var dll in Directory.EnumerateFiles(folder, "*.dll").Order(StringComparer.Ordinal))
        {
            var xml = Path.ChangeExtension(dll, ".xml");
            if (!File.Exists(xml)) continue;
            try
            {
                using var pe = new PEReader(File.OpenRead(dll));
                if (!pe.HasMetadata) continue;
                var reader = pe.GetMetadataReader();
                foreach (var handle in reader.TypeDefinitions)
                {
                    // The first reference assembly that declares a type documents it (a type is declared in one).
                    map.TryAdd(FullName(reader, reader.GetTypeDefinition(handle)), xml);
                }
            }
            catch (Exception e) when (e is IOException or BadImageFormatException or UnauthorizedAccessException)
            {
                KernelLog.Debug($"reference assembly '{dll}' unreadable: {e.Message}");
            }
        }
        return map;
    }

    private static string FullName(MetadataReader reader, TypeDefinition type)
    {
        var name = reader.GetString(type.Name);
        var declaring = type.GetDeclaringType();
        if (!declaring.IsNil) return FullName(reader, reader.GetTypeDefinition(declaring)) + "." + name;
        var ns = reader.GetString(type.Namespace);
        return ns.Length == 0 ? name : ns + "." + name;
    }

    public override bool Equals(object? obj) => obj is ReferencePackDocumentation other && other.folder == folder;

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(folder);
}
