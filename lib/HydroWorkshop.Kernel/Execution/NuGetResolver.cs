using System.IO.Compression;
using System.Xml.Linq;

namespace HydroWorkshop.Kernel.Execution;

/// <summary>
/// Resolves <c>#r "nuget: Name, Version"</c> offline: the package and its dependencies are looked up in the
/// local package folders (<c>$NUGET_PACKAGES</c>, <c>~/.nuget/packages</c>, <c>/opt/nuget/packages</c>) and
/// their best-matching <c>lib/&lt;tfm&gt;</c> assemblies returned. Nothing is downloaded.
/// </summary>
public sealed class NuGetResolver(IReadOnlyList<string> packageFolders)
{
    /// <summary>Target frameworks this runtime can load, best first.</summary>
    private static readonly string[] Frameworks =
    [
        "net10.0", "net9.0", "net8.0", "net7.0", "net6.0", "net5.0", "netcoreapp3.1", "netcoreapp3.0",
        "netcoreapp2.1", "netstandard2.1", "netstandard2.0", "netstandard1.6", "netstandard1.3", "netstandard1.1", "netstandard1.0",
    ];

    public IReadOnlyList<string> PackageFolders => packageFolders;

    private readonly List<string> feeds = [];

    /// <summary>Folders of .nupkg files (<c>#i "nuget: folder"</c>), searched besides the package folders.</summary>
    public IReadOnlyList<string> Feeds => feeds;

    /// <summary>Adds a flat folder of <c>id.version.nupkg</c> files, e.g. the kit's out/nuget.</summary>
    public void AddFeed(string folder)
    {
        var full = Path.GetFullPath(folder);
        if (!feeds.Contains(full)) feeds.Add(full);
    }

    public static NuGetResolver Default()
    {
        var folders = new List<string>();
        if (Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } custom) folders.Add(custom);
        folders.Add(Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages"));
        folders.Add("/opt/nuget/packages");
        return new NuGetResolver(folders.Distinct().ToArray());
    }

    /// <summary>The assembly paths of the package and its dependencies. Throws
    /// <see cref="FileNotFoundException"/> naming the package, the version and the folders searched.</summary>
    public IReadOnlyList<string> Resolve(string name, string? version)
    {
        var assemblies = new List<string>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        Add(name, version, exact: true, assemblies, seen);
        return assemblies;
    }

    private void Add(string name, string? version, bool exact, List<string> assemblies, HashSet<string> seen)
    {
        if (!seen.Add(name)) return;
        var folder = FindPackage(name, version, exact);
        if (folder is null)
        {
            // Framework packages (System.*, Microsoft.NETCore.*) are part of the runtime already.
            if (!exact && IsFrameworkPackage(name)) return;
            var wanted = version is null ? "any version" : $"version {version}";
            var available = Versions(name).ToArray();
            throw new FileNotFoundException(
                $"NuGet package '{name}' ({wanted}) is not in the local package folders ({string.Join(", ", packageFolders.Concat(feeds))})"
                + (available.Length > 0 ? $"; installed versions: {string.Join(", ", available)}" : "")
                + ". The kernel resolves packages offline: restore the package in any project first (dotnet restore), then run the cell again.");
        }
        var lib = Path.Combine(folder, "lib");
        if (Directory.Exists(lib))
        {
            var framework = Frameworks.FirstOrDefault(f => Directory.Exists(Path.Combine(lib, f)));
            if (framework is not null) assemblies.AddRange(Directory.GetFiles(Path.Combine(lib, framework), "*.dll").Order(StringComparer.Ordinal));
            foreach (var (dependency, minimum) in Dependencies(folder, framework)) Add(dependency, minimum, exact: false, assemblies, seen);
        }
    }

    private static bool IsFrameworkPackage(string name) =>
        name.StartsWith("System.", StringComparison.OrdinalIgnoreCase) || name.StartsWith("Microsoft.NETCore.", StringComparison.OrdinalIgnoreCase)
        || name.Equals("NETStandard.Library", StringComparison.OrdinalIgnoreCase) || name.StartsWith("runtime.", StringComparison.OrdinalIgnoreCase);

    private IEnumerable<string> Versions(string name) =>
        packageFolders.Select(f => Path.Combine(f, name.ToLowerInvariant())).Where(Directory.Exists)
            .SelectMany(Directory.GetDirectories).Select(Path.GetFileName).OfType<string>().Distinct();

    /// <summary>The exact version, else (for dependencies, whose version is a minimum) the lowest installed
    /// version not below it, else the highest installed. A folder holding only the .nupkg (an offline feed
    /// such as /opt/nuget/packages) is extracted once into the kernel's cache.</summary>
    private string? FindPackage(string name, string? version, bool exact)
    {
        var id = name.ToLowerInvariant();
        var candidates = packageFolders.Select(f => Path.Combine(f, id)).Where(Directory.Exists)
            .SelectMany(Directory.GetDirectories)
            .Select(d => (Folder: d, Version: ParseVersion(Path.GetFileName(d)), Extracted: Directory.Exists(Path.Combine(d, "lib"))))
            .Where(c => c.Extracted || File.Exists(Path.Combine(c.Folder, $"{id}.nuspec")) || Directory.GetFiles(c.Folder, "*.nupkg").Length > 0)
            .Concat(FeedPackages(id))
            // Same version in several folders: the extracted one wins.
            .OrderBy(c => c.Version).ThenBy(c => c.Extracted).ToList();
        if (candidates.Count == 0) return null;
        (string Folder, Version Version, bool Extracted) chosen;
        if (version is null) chosen = candidates[^1];
        else
        {
            var wanted = ParseVersion(version);
            chosen = candidates.LastOrDefault(c => c.Version == wanted);
            if (chosen.Folder is null)
            {
                if (exact) return null;
                chosen = candidates.FirstOrDefault(c => c.Version >= wanted);
                if (chosen.Folder is null) chosen = candidates[^1];
            }
        }
        return chosen.Extracted ? chosen.Folder : Extract(chosen.Folder, id);
    }

    /// <summary>The <c>id.version.nupkg</c> files of the feeds, as candidates whose "folder" is the file itself.</summary>
    private IEnumerable<(string Folder, Version Version, bool Extracted)> FeedPackages(string id) =>
        feeds.Where(Directory.Exists).SelectMany(feed => Directory.GetFiles(feed, "*.nupkg"))
            .Select(file => (File: file, Name: Path.GetFileNameWithoutExtension(file)))
            .Where(f => f.Name.StartsWith(id + ".", StringComparison.OrdinalIgnoreCase) && char.IsDigit(f.Name[id.Length + 1]))
            .Select(f => (f.File, ParseVersion(f.Name[(id.Length + 1)..]), false));

    /// <summary>Unzips a package's lib folder and nuspec from its .nupkg (a file, or the one in a package folder)
    /// into the kernel's cache.</summary>
    private static string Extract(string packageFolder, string id)
    {
        var isFile = File.Exists(packageFolder);
        var version = isFile ? Path.GetFileNameWithoutExtension(packageFolder)[(id.Length + 1)..] : Path.GetFileName(packageFolder);
        var target = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "hydroworkshop-kernel", "nuget", id, version);
        if (Directory.Exists(Path.Combine(target, "lib")) || File.Exists(Path.Combine(target, ".extracted"))) return target;
        var nupkg = isFile ? packageFolder : Directory.GetFiles(packageFolder, "*.nupkg").FirstOrDefault();
        if (nupkg is null) return packageFolder;
        var temporary = target + ".tmp-" + Environment.ProcessId;
        using (var archive = ZipFile.OpenRead(nupkg))
        {
            foreach (var entry in archive.Entries)
            {
                var isLib = entry.FullName.StartsWith("lib/", StringComparison.Ordinal) && entry.Name.Length > 0;
                var isNuspec = entry.FullName.EndsWith(".nuspec", StringComparison.Ordinal) && !entry.FullName.Contains('/');
                if (!isLib && !isNuspec) continue;
                var destination = Path.GetFullPath(Path.Combine(temporary, isNuspec ? $"{id}.nuspec" : Uri.UnescapeDataString(entry.FullName)));
                if (!destination.StartsWith(Path.GetFullPath(temporary), StringComparison.Ordinal)) continue; // no path traversal
                Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
                entry.ExtractToFile(destination, overwrite: true);
            }
        }
        File.WriteAllText(Path.Combine(temporary, ".extracted"), nupkg);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        try { Directory.Move(temporary, target); }
        catch (IOException) { Directory.Delete(temporary, recursive: true); } // another kernel extracted it first
        return target;
    }

    private static Version ParseVersion(string text)
    {
        var core = text.Trim('[', ']', '(', ')', ' ').Split(',')[0].Split('-', '+')[0];
        return Version.TryParse(core.Contains('.') ? core : core + ".0", out var v) ? v : new Version(0, 0);
    }

    private static IEnumerable<(string Name, string? Minimum)> Dependencies(string folder, string? framework)
    {
        var nuspec = Directory.GetFiles(folder, "*.nuspec").FirstOrDefault();
        if (nuspec is null) yield break;
        XDocument document;
        try { document = XDocument.Load(nuspec); }
        catch (System.Xml.XmlException) { yield break; }
        var groups = document.Descendants().Where(e => e.Name.LocalName == "group").ToList();
        IEnumerable<XElement> dependencies;
        if (groups.Count == 0) dependencies = document.Descendants().Where(e => e.Name.LocalName == "dependency");
        else
        {
            // The group of the chosen framework (".NETStandard2.0" spelled like "netstandard2.0"), else the first.
            var group = groups.FirstOrDefault(g => Normalize((string?)g.Attribute("targetFramework")) == framework) ?? groups[0];
            dependencies = group.Elements().Where(e => e.Name.LocalName == "dependency");
        }
        foreach (var dependency in dependencies)
        {
            if ((string?)dependency.Attribute("id") is { } id) yield return (id, (string?)dependency.Attribute("version"));
        }
    }

    private static string? Normalize(string? targetFramework)
    {
        if (targetFramework is null) return null;
        var t = targetFramework.ToLowerInvariant();
        if (t.StartsWith(".netstandard", StringComparison.Ordinal)) return "netstandard" + t[".netstandard".Length..];
        if (t.StartsWith(".netcoreapp", StringComparison.Ordinal)) return "netcoreapp" + t[".netcoreapp".Length..];
        if (t.StartsWith("net", StringComparison.Ordinal)) return t;
        return t;
    }
}
