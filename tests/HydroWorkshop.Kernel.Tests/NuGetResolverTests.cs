using System.IO.Compression;
using HydroWorkshop.Kernel.Execution;
using Xunit;

namespace HydroWorkshop.Kernel.Tests;

public sealed class NuGetResolverTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("hw-nuget-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    private void Package(string id, string version, string[] frameworks, string? dependency = null)
    {
        var folder = Path.Combine(root, id.ToLowerInvariant(), version);
        foreach (var framework in frameworks)
        {
            Directory.CreateDirectory(Path.Combine(folder, "lib", framework));
            File.WriteAllText(Path.Combine(folder, "lib", framework, id + ".dll"), framework);
        }
        var dependencies = dependency is null ? "" : $"""<dependencies><group targetFramework="net8.0"><dependency id="{dependency}" version="1.0.0" /></group></dependencies>""";
        File.WriteAllText(Path.Combine(folder, id.ToLowerInvariant() + ".nuspec"),
            $"""<?xml version="1.0"?><package xmlns="http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd"><metadata><id>{id}</id><version>{version}</version>{dependencies}</metadata></package>""");
    }

    [Fact]
    public void Resolve_SeveralFrameworks_PicksNewestCompatibleAndDependencies()
    {
        Package("Gauges", "2.0.0", ["netstandard2.0", "net8.0", "net472"], dependency: "Units");
        Package("Units", "1.2.0", ["netstandard2.0"]);
        var assemblies = new NuGetResolver([root]).Resolve("Gauges", "2.0.0");
        Assert.Equal(2, assemblies.Count);
        Assert.EndsWith(Path.Combine("lib", "net8.0", "Gauges.dll"), assemblies[0], StringComparison.Ordinal);
        Assert.EndsWith(Path.Combine("units", "1.2.0", "lib", "netstandard2.0", "Units.dll"), assemblies[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_NoVersion_HighestInstalled()
    {
        Package("Gauges", "1.0.0", ["net8.0"]);
        Package("Gauges", "1.10.0", ["net8.0"]);
        Assert.Contains(Path.Combine("1.10.0", "lib"), Assert.Single(new NuGetResolver([root]).Resolve("Gauges", null)), StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_MissingVersion_ErrorNamesPackageFoldersAndInstalledVersions()
    {
        Package("Gauges", "1.0.0", ["net8.0"]);
        var error = Assert.Throws<FileNotFoundException>(() => new NuGetResolver([root]).Resolve("Gauges", "9.9.9"));
        Assert.Contains("'Gauges' (version 9.9.9)", error.Message, StringComparison.Ordinal);
        Assert.Contains(root, error.Message, StringComparison.Ordinal);
        Assert.Contains("installed versions: 1.0.0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_OnlyNupkgInFeedFolder_ExtractsLib()
    {
        var id = "hw-test-feed-" + Guid.NewGuid().ToString("N")[..8];
        var folder = Path.Combine(root, id, "1.0.0");
        Directory.CreateDirectory(folder);
        using (var zip = ZipFile.Open(Path.Combine(folder, $"{id}.1.0.0.nupkg"), ZipArchiveMode.Create))
        {
            using (var writer = new StreamWriter(zip.CreateEntry("lib/net8.0/Feed.dll").Open())) writer.Write("dll");
            using (var writer = new StreamWriter(zip.CreateEntry($"{id}.nuspec").Open())) writer.Write("<package><metadata><id>x</id></metadata></package>");
        }
        var assembly = Assert.Single(new NuGetResolver([root]).Resolve(id, "1.0.0"));
        Assert.Equal("dll", File.ReadAllText(assembly));
        Directory.Delete(Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(assembly)!)!)!, recursive: true);
    }

    [Fact]
    public void Resolve_FlatFeedOfNupkgFiles_PicksHighestVersionAndExtractsIt()
    {
        var id = "hw-test-flat-" + Guid.NewGuid().ToString("N")[..8];
        var feed = Path.Combine(root, "flat");
        Directory.CreateDirectory(feed);
        foreach (var version in new[] { "0.1.9", "0.1.10", "0.1.10.5" })
        {
            using var zip = ZipFile.Open(Path.Combine(feed, $"{id}.{version}.nupkg"), ZipArchiveMode.Create);
            using (var writer = new StreamWriter(zip.CreateEntry("lib/net10.0/Flat.dll").Open())) writer.Write(version);
            using (var writer = new StreamWriter(zip.CreateEntry($"{id}.nuspec").Open())) writer.Write("<package><metadata><id>x</id></metadata></package>");
        }
        var resolver = new NuGetResolver([Path.Combine(root, "empty")]);
        Assert.Throws<FileNotFoundException>(() => resolver.Resolve(id, null));
        resolver.AddFeed(feed);

        var assembly = Assert.Single(resolver.Resolve(id, null));

        Assert.Equal("0.1.10.5", File.ReadAllText(assembly));   // numeric order: 0.1.10.5 > 0.1.10 > 0.1.9
        Assert.Equal("0.1.9", File.ReadAllText(Assert.Single(resolver.Resolve(id, "0.1.9"))));
        Directory.Delete(Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(assembly)!)!)!)!, recursive: true);
    }
}
