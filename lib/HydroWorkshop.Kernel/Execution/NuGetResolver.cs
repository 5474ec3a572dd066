using System.IO.Compression;
using System.Xml.Linq;

namespace HydroWorkshop.Kernel.Execution;

/// <summary>
/// Resolves <c>#r "nuget: Name, Version"</c> offline: the package and its dependencies are looked up in the
/// local package folders (<c>$NUGET_PACKAGES</c>, <c>~/.nuget/packages</c>, <c>/opt/nuget/packages</c>) and
/// their best-matching <c>lib/&lt;tfm&gt;</c> assemblies returned. Nothing is downloaded. A kernel session holds
/// one version of each package; a .NET Interactive extension package is replaced by what it builds on.
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

    /// <summary>The packages this kernel session referenced, each with the one version it got: a second file of an
    /// assembly (FSharp.Core 10.1.300 for Deedle, 10.1.403 for Plotly.NET) would clash in the script's references.</summary>
    private readonly Dictionary<string, Version> loaded = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The assembly paths of the package and its dependencies not referenced earlier in this session.
    /// Throws <see cref="FileNotFoundException"/> naming the package, the version and the folders searched, or
    /// <see cref="NuGetVersionConflictException"/> when the session holds another version.</summary>
    /// <param name="name">The package id (any case).</param>
    /// <param name="version">Exact (<c>6.0.0</c>), a range (<c>[6.0, 7.0)</c>), a wildcard (<c>6.*</c>) or null (the highest
    /// installed).</param>
    public NuGetResolution Resolve(string name, string? version)
    {
        var chosen = new Dictionary<string, Version>(StringComparer.OrdinalIgnoreCase);
        var assemblies = new List<string>();
        var notes = new List<string>();
        Add(name, version, requiredBy: null, chosen, assemblies, notes);
        // Only a complete resolution counts: a failed one leaves the session as it was.
        foreach (var (id, chosenVersion) in chosen) loaded[id] = chosenVersion;
        PackageAssemblyLoader.Register(assemblies);
        return new NuGetResolution(assemblies, notes);
    }

    /// <summary>Forgets the session's packages (after the script restarted without their references).</summary>
    public void Forget() => loaded.Clear();

    private void Add(string name, string? version, string? requiredBy, Dictionary<string, Version> chosen, List<string> assemblies,
        List<string> notes)
    {
        if (chosen.ContainsKey(name)) return;
        var exact = requiredBy is null;
        // In #r "nuget: Name, 1.2" a plain version means exactly that one; in a nuspec it is a minimum.
        var range = exact && version is { Length: > 0 } && version.Trim()[0] is not ('[' or '(') && !version.Contains('*')
            ? new NuGetVersionRange(ParseVersion(version), true, ParseVersion(version), true)
            : NuGetVersionRange.Parse(version);
        if (loaded.TryGetValue(name, out var earlier))
        {
            // A dependency takes a newer version than its range allows rather than a second copy (.NET loads it).
            if (range.Contains(earlier) || (!exact && (range.Minimum is null || earlier >= range.Minimum))) return;
            throw new NuGetVersionConflictException(exact
                ? $"NuGet package '{name}' version {version} cannot be loaded: version {Display(earlier)} was loaded earlier in this kernel session, "
                  + "which holds one version of each package. Restart the kernel to use another version."
                : $"NuGet package '{requiredBy}' needs '{name}' {range}, but version {Display(earlier)} was loaded earlier in this kernel session, "
                  + $"which holds one version of each package. Restart the kernel and load '{requiredBy}' first.");
        }
        var package = FindPackage(name, range, exact);
        if (package is null)
        {
            // Framework packages (System.*, Microsoft.NETCore.*) are part of the runtime already.
            if (!exact && IsFrameworkPackage(name)) return;
            var wanted = version is null ? "any version" : $"version {version}";
            var available = Versions(name).ToArray();
            throw new FileNotFoundException(
                $"NuGet package '{name}' ({wanted}) is not in the local package folders ({string.Join(", ", packageFolders.Concat(feeds))})"
                + (requiredBy is null ? "" : $", needed by '{requiredBy}'")
                + (available.Length > 0 ? $"; installed versions: {string.Join(", ", available)}" : "")
                +
                    ". The kernel resolves packages offline: restore the package in any project first (dotnet restore), then run the cell again.");
        }
        var (folder, chosenVersion) = package.Value;
        chosen[name] = chosenVersion;
        var lib = Path.Combine(folder, "lib");
        var framework = Directory.Exists(lib) ? Frameworks.FirstOrDefault(f => Directory.Exists(Path.Combine(lib, f))) : null;
        var dependencies = Dependencies(folder, framework).ToList();
        // A .NET Interactive extension (Plotly.NET.Interactive, ...) plugs into Microsoft.DotNet.Interactive, which this
        // kernel does not host: what it builds on is loaded, the extension is not, and the cell still runs.
        var isExtension = !IsDotNetInteractive(name) && dependencies.Any(d => IsDotNetInteractive(d.Name));
        if (!isExtension && framework is not null)
            assemblies.AddRange(Directory.GetFiles(Path.Combine(lib, framework), "*.dll").Order(StringComparer.Ordinal));
        foreach (var (dependency, dependencyRange) in dependencies)
        {
            if (isExtension && IsDotNetInteractive(dependency)) continue;
            Add(dependency, dependencyRange, name, chosen, assemblies, notes);
        }
        if (isExtension)
        {
            var kept = dependencies.Where(d => !IsDotNetInteractive(d.Name))
                .Select(d => chosen.TryGetValue(d.Name, out var v) || loaded.TryGetValue(d.Name, out v) ? $"{d.Name} {Display(v)}" : null)
                .OfType<string>();
            notes.Add(
                $"{name} {Display(chosenVersion)} is a .NET Interactive extension (it plugs into Microsoft.DotNet.Interactive, which this kernel "
                + $"does not host): loaded what it builds on ({string.Join(", ", kept)}), not the extension itself. "
                + "This kernel displays Plotly.NET charts (offline) and Deedle frames by itself.");
        }
    }

    private static bool IsDotNetInteractive(string id) =>
        id.Equals("Microsoft.DotNet.Interactive", StringComparison.OrdinalIgnoreCase)
        || id.StartsWith("Microsoft.DotNet.Interactive.", StringComparison.OrdinalIgnoreCase);

    private static bool IsFrameworkPackage(string name) =>
        name.StartsWith("System.", StringComparison.OrdinalIgnoreCase)
            || name.StartsWith("Microsoft.NETCore.", StringComparison.OrdinalIgnoreCase)
        || name.Equals("NETStandard.Library", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("runtime.", StringComparison.OrdinalIgnoreCase);

    private IEnumerable<string> Versions(string name) =>
        packageFolders.Select(f => Path.Combine(f, name.ToLowerInvariant())).Where(Directory.Exists)
            .SelectMany(Directory.GetDirectories).Select(Path.GetFileName).OfType<string>().Distinct();

    /// <summary>
    /// The package folder and version chosen in <paramref name="range"/>: the highest version in it. NuGet's restore
    /// takes the lowest, but it sees every package at once; a notebook adds packages cell by cell, and the highest
    /// version leaves room for the next package's range (Deedle's FSharp.Core [10.1.201, 11) then Plotly.NET's
    /// 10.1.403 and up share one copy). A dependency whose range has no installed version gets the lowest above
    /// its minimum, else the highest installed; a <c>#r</c>'s own package gets nothing (the caller names what is
    /// installed). A folder holding only the .nupkg (an offline feed such as /opt/nuget/packages) is extracted once
    /// into the kernel's cache.
    /// </summary>
    private (string Folder, Version Version)? FindPackage(string name, NuGetVersionRange range, bool exact)
    {
        var id = name.ToLowerInvariant();
        var candidates = packageFolders.Select(f => Path.Combine(f, id)).Where(Directory.Exists)
            .SelectMany(Directory.GetDirectories)
            .Select(d => (Folder: d, Version: ParseVersion(Path.GetFileName(d)), Extracted: Directory.Exists(Path.Combine(d, "lib"))))
            .Where(c => c.Extracted || File.Exists(Path.Combine(c.Folder, $"{id}.nuspec"))
                || Directory.GetFiles(c.Folder, "*.nupkg").Length > 0)
            .Concat(FeedPackages(id))
            // Same version in several folders: the extracted one wins.
            .OrderBy(c => c.Version).ThenBy(c => c.Extracted).ToList();
        if (candidates.Count == 0) return null;
        var chosen = candidates.LastOrDefault(c => range.Contains(c.Version));
        if (chosen.Folder is null)
        {
            if (exact) return null;
            chosen = candidates.FirstOrDefault(c => range.Minimum is null || c.Version >= range.Minimum);
            if (chosen.Folder is null) chosen = candidates[^1];
        }
        return (chosen.Extracted ? chosen.Folder : Extract(chosen.Folder, id), chosen.Version);
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
        var target = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "hydroworkshop-kernel",
            "nuget", id, version);
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
                var destination = Path.GetFullPath(Path.Combine(temporary,
                    isNuspec ? $"{id}.nuspec" : Uri.UnescapeDataString(entry.FullName)));
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

    private static Version ParseVersion(string text) => NuGetVersionRange.ParseVersion(text);

    private static string Display(Version version) => NuGetVersionRange.Display(version);

    private static IEnumerable<(string Name, string? Range)> Dependencies(string folder, string? framework)
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
