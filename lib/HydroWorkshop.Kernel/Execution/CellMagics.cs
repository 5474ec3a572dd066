using System.Text;
using System.Text.RegularExpressions;

namespace HydroWorkshop.Kernel.Execution;

/// <summary>
/// The .NET Interactive cell syntax the kernel understands before Roslyn sees the code: <c>#!csharp</c>
/// (ignored), <c>#!time</c> (prints the wall time), <c>#r "nuget: Name, Version"</c> (resolved offline) and
/// <c>#!export notebook.ipynb [app.cs]</c> (the notebook as a .NET file-based app, see <see cref="Export.NotebookExporter"/>),
/// <c>#i "nuget: folder"</c> (a folder of .nupkg files; a feed URL is noted and skipped: the kernel resolves offline).
/// Handled lines become blank lines so Roslyn's line numbers stay those of the cell. Another .NET Interactive
/// kernel's cell (<c>#!fsharp</c>, <c>#!pwsh</c>, ...) is an error that says this kernel runs C# only.
/// </summary>
public sealed partial class CellMagics
{
    private CellMagics(string code, bool timed, IReadOnlyList<NuGetDirective> packages, IReadOnlyList<string> errors,
        IReadOnlyList<string>? export)
    {
        Code = code;
        Timed = timed;
        Packages = packages;
        Errors = errors;
        Export = export;
    }

    /// <summary>The code for Roslyn (same length and line count as the cell).</summary>
    public string Code { get; }

    public bool Timed { get; }

    public IReadOnlyList<NuGetDirective> Packages { get; }

    /// <summary>Unknown magics, each naming its line.</summary>
    public IReadOnlyList<string> Errors { get; }

    /// <summary>The arguments of an <c>#!export</c> line (notebook, optional output), or null without one.</summary>
    public IReadOnlyList<string>? Export { get; }

    public static readonly string[] Supported = ["#!csharp", "#!c#", "#!time", "#!export notebook.ipynb [app.cs]",
        "#r \"nuget: Name, Version\"", "#i \"nuget: folder\""];

    public static CellMagics Parse(string cell)
    {
        var code = new StringBuilder(cell.Length);
        var timed = false;
        var packages = new List<NuGetDirective>();
        var feeds = new List<NuGetFeedDirective>();
        var errors = new List<string>();
        var notes = new List<string>();
        List<string>? export = null;
        var lineNumber = 0;
        var position = 0;
        while (position <= cell.Length)
        {
            lineNumber++;
            var end = cell.IndexOf('\n', position);
            var lineEnd = end < 0 ? cell.Length : end;
            var line = cell[position..lineEnd];
            var trimmed = line.Trim();
            var handled = true;
            if (trimmed is "#!csharp" or "#!c#" or "#!C#") { }
            else if (trimmed == "#!time") timed = true;
            else if (trimmed == "#!export" || trimmed.StartsWith("#!export ", StringComparison.Ordinal))
            {
                export = [.. trimmed["#!export".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    .Select(a => a.Trim('"'))];
                if (export.Count is < 1 or > 2) errors.Add($"line {lineNumber}: usage: #!export notebook.ipynb [app.cs]");
            }
            else if (NuGetReference().Match(trimmed) is { Success: true } match)
            {
                var version = match.Groups["version"].Success ? match.Groups["version"].Value.Trim() : null;
                packages.Add(new NuGetDirective(match.Groups["name"].Value.Trim(),
                    string.IsNullOrEmpty(version) ? null : version, lineNumber));
            }
            else if (NuGetFeed().Match(trimmed) is { Success: true } feed)
            {
                var source = feed.Groups["source"].Value.Trim();
                if (Uri.TryCreate(source, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
                    notes.Add(
                        $"line {lineNumber}: #i \"nuget: {source}\" skipped: this kernel resolves packages offline, from the local NuGet cache and folders of .nupkg files");
                else feeds.Add(new NuGetFeedDirective(source, lineNumber));
            }
            else if (OtherKernels.Contains(trimmed.Split(' ')[0]))
            {
                errors.Add(
                    $"line {lineNumber}: '{trimmed.Split(' ')[0]}' starts a cell for another .NET Interactive kernel; this kernel runs C# only (#!csharp)");
            }
            else if (trimmed.StartsWith("#!", StringComparison.Ordinal)
                && !(lineNumber == 1 && trimmed.StartsWith("#!/", StringComparison.Ordinal)))
            {
                errors.Add($"line {lineNumber}: unsupported magic '{trimmed.Split(' ')[0]}' (supported: {string.Join(", ", Supported)})");
            }
            else handled = false;
            // Blank out handled lines but keep their length: cursor positions (complete, inspect) stay valid.
            code.Append(handled ? new string(' ', line.TrimEnd('\r').Length) + (line.EndsWith('\r') ? "\r" : "") : line);
            if (end < 0) break;
            code.Append('\n');
            position = end + 1;
        }
        return new CellMagics(code.ToString(), timed, packages, errors, export) { Feeds = feeds, Notes = notes };
    }

    [GeneratedRegex("""^#r\s+"nuget:\s*(?<name>[^,"]+)(,\s*(?<version>[^"]*))?"\s*$""", RegexOptions.IgnoreCase)]
    private static partial Regex NuGetReference();

    [GeneratedRegex("""^#i\s+"nuget:\s*(?<source>[^"]+)"\s*$""", RegexOptions.IgnoreCase)]
    private static partial Regex NuGetFeed();

    /// <summary>The <c>#i "nuget: folder"</c> lines: local folders of .nupkg files to resolve packages from.</summary>
    public IReadOnlyList<NuGetFeedDirective> Feeds { get; init; } = [];

    /// <summary>Lines accepted but without effect here (an online package source), each saying why: printed with the cell's
    /// output.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>The cell markers of .NET Interactive's other kernels.</summary>
    private static readonly HashSet<string> OtherKernels = new(StringComparer.OrdinalIgnoreCase)
    {
        "#!fsharp", "#!f#", "#!pwsh", "#!powershell", "#!javascript", "#!js", "#!html", "#!markdown", "#!md", "#!sql", "#!kql",
        "#!mermaid", "#!http", "#!python", "#!r", "#!value", "#!vscode",
    };
}

/// <summary>A <c>#i "nuget: folder"</c> line: a folder of .nupkg files (e.g. the kit's out/nuget).</summary>
public sealed record NuGetFeedDirective(string Folder, int Line);

/// <summary>A <c>#r "nuget: Name, Version"</c> line; <see cref="Version"/> null means the highest installed.</summary>
public sealed record NuGetDirective(string Name, string? Version, int Line);
