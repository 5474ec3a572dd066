using System.IO.Compression;
using HydroWorkshop.Kernel.Execution;
using Xunit;

namespace HydroWorkshop.Kernel.Tests;

public sealed class NuGetResolverTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("hw-nuget-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    private void Package(string id, string version, string[] frameworks, string? dependency = null) =>
        Package(id, version, frameworks, dependency is null ? [] : [(dependency, "1.0.0")]);

    /// <summary>A package folder as the NuGet cache holds one: lib/&lt;tfm&gt;/Id.dll (its text is the version) and a
    /// nuspec whose net8.0 group lists <paramref name="dependencies"/> (id, version range).</summary>
    private void Package(string id, string version, string[] frameworks, (string Id, string Range)[] dependencies)
    {
        var folder = Path.Combine(root, id.ToLowerInvariant(), version);
        foreach (var framework in frameworks)
        {
            Directory.CreateDirectory(Path.Combine(folder, "lib", framework));
            File.WriteAllText(Path.Combine(folder, "lib", framework, id + ".dll"), version);
        }
        Directory.CreateDirectory(folder);
        var group = string.Concat(dependencies.Select(d => $"""<dependency id="{d.Id}" version="{d.Range}" />"""));
        var xml = dependencies.Length == 0 ? "" : $"""<dependencies><group targetFramework="net8.0">{group}</group></dependencies>""";
        File.WriteAllText(Path.Combine(folder, id.ToLowerInvariant() + ".nuspec"),
            $"""<?xml version="1.0"?><package xmlns="http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd"><metadata><id>{id}</id><version>{version}</version>{xml}</metadata></package>""");
    }

    private static string VersionOf(string assembly) => File.ReadAllText(assembly);

    [Fact]
    public void Resolve_SeveralFrameworks_PicksNewestCompatibleAndDependencies()
    {
        Package("Gauges", "2.0.0", ["netstandard2.0", "net8.0", "net472"], dependency: "Units");
        Package("Units", "1.2.0", ["netstandard2.0"]);
        var assemblies = new NuGetResolver([root]).Resolve("Gauges", "2.0.0").Assemblies;
        Assert.Equal(2, assemblies.Count);
        Assert.EndsWith(Path.Combine("lib", "net8.0", "Gauges.dll"), assemblies[0], StringComparison.Ordinal);
        Assert.EndsWith(Path.Combine("units", "1.2.0", "lib", "netstandard2.0", "Units.dll"), assemblies[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_NoVersion_HighestInstalled()
    {
        Package("Gauges", "1.0.0", ["net8.0"]);
        Package("Gauges", "1.10.0", ["net8.0"]);
        Assert.Contains(Path.Combine("1.10.0", "lib"), Assert.Single(new NuGetResolver([root]).Resolve("Gauges", null).Assemblies),
            StringComparison.Ordinal);
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
            using (var writer = new StreamWriter(zip.CreateEntry($"{id}.nuspec").Open())) writer.Write(
                "<package><metadata><id>x</id></metadata></package>");
        }
        var assembly = Assert.Single(new NuGetResolver([root]).Resolve(id, "1.0.0").Assemblies);
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
            using (var writer = new StreamWriter(zip.CreateEntry($"{id}.nuspec").Open())) writer.Write(
                "<package><metadata><id>x</id></metadata></package>");
        }
        var resolver = new NuGetResolver([Path.Combine(root, "empty")]);
        Assert.Throws<FileNotFoundException>(() => resolver.Resolve(id, null));
        resolver.AddFeed(feed);

        var assembly = Assert.Single(resolver.Resolve(id, null).Assemblies);

        Assert.Equal("0.1.10.5", File.ReadAllText(assembly));   // numeric order: 0.1.10.5 > 0.1.10 > 0.1.9
        var otherSession = new NuGetResolver([Path.Combine(root, "empty")]);   // a session holds one version of a package
        otherSession.AddFeed(feed);
        Assert.Equal("0.1.9", File.ReadAllText(Assert.Single(otherSession.Resolve(id, "0.1.9").Assemblies)));
        Directory.Delete(Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(assembly)!)!)!)!,
            recursive: true);
    }

    [Fact]
    public void Resolve_DependencyRange_HighestInstalledVersionInsideIt()
    {
        Package("FSharp.Core", "10.1.300", ["netstandard2.1"]);
        Package("FSharp.Core", "10.1.403", ["netstandard2.1"]);
        Package("FSharp.Core", "11.0.101", ["netstandard2.1"]);
        Package("Deedle", "8.1.0", ["net10.0"], [("FSharp.Core", "[10.1.201, 11.0.0)")]);

        var assemblies = new NuGetResolver([root]).Resolve("Deedle", "8.1.0").Assemblies;

        Assert.Equal(["8.1.0", "10.1.403"], assemblies.Select(VersionOf));
    }

    [Fact]
    public void Resolve_SecondPackageSharingADependency_ReferencesItOnce()
    {
        Package("FSharp.Core", "10.1.300", ["netstandard2.1"]);
        Package("FSharp.Core", "10.1.403", ["netstandard2.1"]);
        Package("Deedle", "8.1.0", ["net10.0"], [("FSharp.Core", "[10.1.201, 11.0.0)")]);
        Package("Plotly.NET", "6.0.0", ["netstandard2.0"], [("FSharp.Core", "10.1.403")]);
        var session = new NuGetResolver([root]);

        var deedle = session.Resolve("Deedle", "8.1.0").Assemblies;
        var plotly = session.Resolve("Plotly.NET", "6.0.0").Assemblies;
        var again = session.Resolve("Deedle", "8.1.0").Assemblies;

        Assert.Contains(deedle, a => a.EndsWith("FSharp.Core.dll", StringComparison.Ordinal) && VersionOf(a) == "10.1.403");
        Assert.EndsWith("Plotly.NET.dll", Assert.Single(plotly), StringComparison.Ordinal);
        Assert.Empty(again);
    }

    [Fact]
    public void Resolve_OtherVersionOfALoadedPackage_ConflictNamesBothVersions()
    {
        Package("Deedle", "8.0.0", ["net10.0"]);
        Package("Deedle", "8.1.0", ["net10.0"]);
        var session = new NuGetResolver([root]);
        session.Resolve("Deedle", "8.1.0");

        var error = Assert.Throws<NuGetVersionConflictException>(() => session.Resolve("Deedle", "8.0.0"));

        Assert.Contains("'Deedle' version 8.0.0", error.Message, StringComparison.Ordinal);
        Assert.Contains("version 8.1.0 was loaded earlier", error.Message, StringComparison.Ordinal);
        session.Forget();
        Assert.Equal("8.0.0", VersionOf(Assert.Single(session.Resolve("Deedle", "8.0.0").Assemblies)));
    }

    [Fact]
    public void Resolve_DependencyNeedsNewerThanLoaded_ConflictNamesThePackageToLoadFirst()
    {
        Package("FSharp.Core", "10.1.300", ["netstandard2.1"]);
        Package("FSharp.Core", "10.1.403", ["netstandard2.1"]);
        Package("Plotly.NET", "6.0.0", ["netstandard2.0"], [("FSharp.Core", "10.1.403")]);
        var session = new NuGetResolver([root]);
        session.Resolve("FSharp.Core", "10.1.300");

        var error = Assert.Throws<NuGetVersionConflictException>(() => session.Resolve("Plotly.NET", "6.0.0"));

        Assert.Contains("'Plotly.NET' needs 'FSharp.Core' >= 10.1.403, but version 10.1.300", error.Message, StringComparison.Ordinal);
        Assert.Contains("load 'Plotly.NET' first", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_FailedResolution_LeavesTheSessionAsItWas()
    {
        Package("Plotly.NET", "6.0.0", ["netstandard2.0"], [("DynamicObj", "[8.0.0, 9.0.0)")]);
        var session = new NuGetResolver([root]);
        Assert.Throws<FileNotFoundException>(() => session.Resolve("Plotly.NET", "6.0.0"));
        Package("DynamicObj", "8.0.0", ["netstandard2.0"]);

        Assert.Equal(2, session.Resolve("Plotly.NET", "6.0.0").Assemblies.Count);
    }

    [Fact]
    public void Resolve_DotNetInteractiveExtension_LoadsWhatItBuildsOnNotItselfWithANote()
    {
        Package("Plotly.NET", "6.0.0", ["netstandard2.0"]);
        Package("Microsoft.DotNet.Interactive", "1.0.0-beta.26120.1", ["netstandard2.1"]);
        Package("Microsoft.DotNet.Interactive.Formatting", "1.0.0-beta.26120.1", ["netstandard2.1"]);
        Package("Plotly.NET.Interactive", "6.0.0", ["netstandard2.1"],
            [("Microsoft.DotNet.Interactive", "1.0.0-beta.26120.1"), ("Microsoft.DotNet.Interactive.Formatting", "1.0.0-beta.26120.1"),
                ("Plotly.NET", "[6.0.0, 7.0.0)")]);

        var resolution = new NuGetResolver([root]).Resolve("Plotly.NET.Interactive", "6.0.0");

        Assert.EndsWith("Plotly.NET.dll", Assert.Single(resolution.Assemblies), StringComparison.Ordinal);
        var note = Assert.Single(resolution.Notes);
        Assert.Contains("Plotly.NET.Interactive 6.0.0 is a .NET Interactive extension", note, StringComparison.Ordinal);
        Assert.Contains("(Plotly.NET 6.0.0)", note, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("6.*", "6.2.0")]
    [InlineData("[6.0, 6.2)", "6.1.0")]
    [InlineData("6.1", "6.1.0")]
    public void Resolve_VersionSpellings_ChooseAmongInstalled(string version, string expected)
    {
        foreach (var v in new[] { "5.9.0", "6.1.0", "6.2.0", "7.0.0" }) Package("Gauges", v, ["net8.0"]);
        Assert.Equal(expected, VersionOf(Assert.Single(new NuGetResolver([root]).Resolve("Gauges", version).Assemblies)));
    }
}
