using HydroWorkshop.Kernel.Execution;
using Xunit;

namespace HydroWorkshop.Kernel.Tests;

public class CellMagicsTests
{
    [Fact]
    public void Parse_CsharpAndTime_BlankedKeepingPositions()
    {
        var cell = "#!csharp\n#!time\nvar x = 1;";
        var magics = CellMagics.Parse(cell);
        Assert.True(magics.Timed);
        Assert.Equal(cell.Length, magics.Code.Length);
        Assert.Equal(cell.IndexOf("var", StringComparison.Ordinal), magics.Code.IndexOf("var", StringComparison.Ordinal));
        Assert.Equal(3, magics.Code.Split('\n').Length);
        Assert.Empty(magics.Errors);
    }

    [Fact]
    public void Parse_NuGetReference_NameVersionAndLine()
    {
        var magics = CellMagics.Parse("// gauges\n#r \"nuget: CsvHelper, 33.0.1\"\n#r \"nuget:YamlDotNet\"");
        Assert.Equal(new NuGetDirective("CsvHelper", "33.0.1", 2), magics.Packages[0]);
        Assert.Equal(new NuGetDirective("YamlDotNet", null, 3), magics.Packages[1]);
        Assert.DoesNotContain("nuget", magics.Code, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NuGetFeed_FolderAndLineBlanked()
    {
        var magics = CellMagics.Parse("#i \"nuget: ../out/nuget\"\n#r \"nuget: HydroWorkshop\"\nvar x = 1;");

        var feed = Assert.Single(magics.Feeds);
        Assert.Equal(("../out/nuget", 1), (feed.Folder, feed.Line));
        Assert.Equal("HydroWorkshop", Assert.Single(magics.Packages).Name);
        Assert.Empty(magics.Errors);
        Assert.StartsWith(new string(' ', "#i \"nuget: ../out/nuget\"".Length) + "\n", magics.Code, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_PathReference_LeftForRoslyn()
    {
        var magics = CellMagics.Parse("#r \"lib/Gauges.dll\"\n#load \"helpers.csx\"");
        Assert.Empty(magics.Packages);
        Assert.Contains("#r \"lib/Gauges.dll\"", magics.Code, StringComparison.Ordinal);
        Assert.Contains("#load", magics.Code, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnknownMagic_ErrorNamesLineAndMagic()
    {
        var magics = CellMagics.Parse("1\n#!fsharp\n2");
        var error = Assert.Single(magics.Errors);
        Assert.Contains("line 2", error, StringComparison.Ordinal);
        Assert.Contains("#!fsharp", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Export_ArgumentsKeptLineBlanked()
    {
        var magics = CellMagics.Parse("#!export 01-lstm.ipynb out/01.cs\nvar after = 1;");
        Assert.Equal(["01-lstm.ipynb", "out/01.cs"], magics.Export);
        Assert.DoesNotContain("export", magics.Code, StringComparison.Ordinal);
        Assert.Empty(magics.Errors);
        Assert.Null(CellMagics.Parse("var x = 1;").Export);
        Assert.Contains("line 1: usage: #!export notebook.ipynb [app.cs]", CellMagics.Parse("#!export").Errors);
    }

    [Fact]
    public void Parse_NuGetFeedUrl_NotedNotAFeed()
    {
        var magics = CellMagics.Parse("#!csharp\n#i \"nuget: https://api.nuget.org/v3/index.json\"\n#r \"nuget: Deedle, 8.1.0\"");

        Assert.Empty(magics.Feeds);
        Assert.Empty(magics.Errors);
        var note = Assert.Single(magics.Notes);
        Assert.StartsWith("line 2: #i \"nuget: https://api.nuget.org/v3/index.json\" skipped", note, StringComparison.Ordinal);
        Assert.Equal(new NuGetDirective("Deedle", "8.1.0", 3), Assert.Single(magics.Packages));
    }

    [Theory]
    [InlineData("#!fsharp")]
    [InlineData("#!pwsh")]
    [InlineData("#!javascript")]
    public void Parse_OtherDotNetInteractiveKernel_ErrorSaysCSharpOnly(string marker)
    {
        var error = Assert.Single(CellMagics.Parse($"{marker}\nlet x = 1").Errors);
        Assert.Equal($"line 1: '{marker}' starts a cell for another .NET Interactive kernel; this kernel runs C# only (#!csharp)", error);
    }
}
