using System.Text.Json;
using HydroWorkshop.Common;
using HydroWorkshop.Kernel.Export;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace HydroWorkshop.Kernel.Tests;

public class NotebookExporterTests
{
    /// <summary>An nbformat 4 notebook with the given cells ("md:" prefix = markdown).</summary>
    internal static string Notebook(params string[] cells) => JsonSerializer.Serialize(new
    {
        cells = cells.Select(c => c.StartsWith("md:", StringComparison.Ordinal)
            ? (object)new { cell_type = "markdown", metadata = new { }, source = SplitLines(c[3..]) }
            : new { cell_type = "code", metadata = new { }, source = SplitLines(c), outputs = Array.Empty<object>(),
                execution_count = (int?)null }),
        metadata = new { kernelspec = new { name = "hydroworkshop-csharp" } },
        nbformat = 4,
        nbformat_minor = 5,
    });

    private static string[] SplitLines(string text)
    {
        var lines = text.Split('\n');
        return lines.Select((line, i) => i < lines.Length - 1 ? line + "\n" : line).ToArray();
    }

    /// <summary>Compiles an exported app as a console program against the framework, the workshop library and TorchSharp;
    /// returns the error diagnostics (empty when it compiles). The #! and #: lines are the SDK's, not the compiler's.</summary>
    internal static IReadOnlyList<string> CompileErrors(string app)
    {
        var code = string.Join('\n',
            app.Split('\n')
                .Select(l => l.StartsWith("#!", StringComparison.Ordinal) || l.StartsWith("#:", StringComparison.Ordinal) ? "" : l));
        var tree = CSharpSyntaxTree.ParseText(code, new CSharpParseOptions(LanguageVersion.Latest));
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "netstandard.dll"
                or "mscorlib.dll")
            .Append(typeof(NotebookDisplay).Assembly.Location)
            .Append(typeof(TorchSharp.torch).Assembly.Location)
            .Distinct()
            .Select(p => MetadataReference.CreateFromFile(p));
        var compilation = CSharpCompilation.Create("exported", [tree], references,
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));
        return compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()).ToList();
    }

    [Fact]
    public void Export_UsingsTypesAndLastExpression_CompilesAsFileBasedApp()
    {
        var app = NotebookExporter.Export(Notebook(
            "md:# Gauges\nA *markdown* cell.",
            "using System.Text.Json;\nrecord Gauge(string Id, double Discharge);\nvar gauges = new List<Gauge> { new(\"G1\", 3.5) };",
            "using System.Numerics;\ndouble Total(IEnumerable<Gauge> g) => g.Sum(x => x.Discharge);\nvar doubled = Total(gauges) * 2 + (double)Complex.One.Real;\ndoubled",
            "Console.WriteLine(JsonSerializer.Serialize(gauges))"), "gauges.ipynb", "../lib/HydroWorkshop/HydroWorkshop.csproj");

        Assert.Empty(CompileErrors(app));
        var lines = app.Split('\n');
        var firstStatement = Array.FindIndex(lines, l => l.StartsWith("var gauges", StringComparison.Ordinal));
        Assert.True(Array.FindLastIndex(lines, l => l.StartsWith("using ", StringComparison.Ordinal)) < firstStatement,
            "usings come first");
        Assert.True(Array.FindIndex(lines, l => l.StartsWith("record Gauge", StringComparison.Ordinal)) > Array.FindIndex(lines,
            l => l.Contains("Total(gauges)", StringComparison.Ordinal)), "types come last");
        Assert.Contains("using System.Numerics;", lines);
        Assert.Contains("DisplayResult(() => doubled);", lines);
        Assert.Contains("DisplayResult(() => Console.WriteLine(JsonSerializer.Serialize(gauges)));", lines);
        Assert.Contains("// # Gauges", lines);
        Assert.Contains("// A *markdown* cell.", lines);
        Assert.Contains("#:project ../lib/HydroWorkshop/HydroWorkshop.csproj", lines);
        Assert.Contains("#:property PublishAot=false", lines);
        Assert.Equal("#!/usr/bin/env dotnet", lines[0]);
    }

    [Fact]
    public void Export_TorchSharpCells_CompileWithTheEngineFromTheLibraryProject()
    {
        // TorchSharp and the platform's libtorch package are the library project's package references: the app gets
        // them through #:project (as any project referencing lib/HydroWorkshop does), not from packages of its own.
        var app = NotebookExporter.Export(Notebook(
            "using TorchSharp;\nusing static TorchSharp.torch;\nmanual_seed(1);\nvar linear = nn.Linear(3, 1);",
            "linear.forward(ones(2, 3)).shape"), "engine.ipynb", "../lib/HydroWorkshop/HydroWorkshop.csproj");

        Assert.Empty(CompileErrors(app));
        var lines = app.Split('\n');
        Assert.Contains("#:project ../lib/HydroWorkshop/HydroWorkshop.csproj", lines);
        Assert.DoesNotContain(lines, l => l.StartsWith("#:package", StringComparison.Ordinal));
        Assert.DoesNotContain("HydroWorkshop.Torch", app, StringComparison.Ordinal);
    }

    [Fact]
    public void Export_AnyNotebook_LoadsTheEngineWithTheKitsSettingsBeforeTheFirstCell()
    {
        // Without them an exported notebook printed "Could not initialize NNPACK!" thousands of times on AMD EPYC machines.
        var app = NotebookExporter.Export(Notebook("using static TorchSharp.torch;\nvar first = ones(2, 3);"), "t.ipynb", "lib.csproj");

        var load = app.IndexOf("global::HydroWorkshop.Engine.EngineInfo.LoadForNotebook(", StringComparison.Ordinal);
        Assert.True(load > 0, "the app loads the engine as the kernel does (EngineInfo.LoadForNotebook)");
        Assert.True(load < app.IndexOf("var first = ones(2, 3);", StringComparison.Ordinal), "before the first cell");
        Assert.Empty(CompileErrors(app));
    }

    [Fact]
    public void Export_LibraryPackageReference_ProjectReferenceOnly()
    {
        var app = NotebookExporter.Export(Notebook("#r \"nuget: HydroWorkshop\"\nvar mode = WorkshopMode.Describe();"), "t.ipynb",
            "lib.csproj");
        Assert.Contains("#:project lib.csproj\n", app, StringComparison.Ordinal);
        Assert.DoesNotContain("#:package", app, StringComparison.Ordinal);
        Assert.Empty(CompileErrors(app));
    }

    [Fact]
    public void Export_TimeAndNuGetMagics_StopwatchAndPackageDirective()
    {
        var app = NotebookExporter.Export(Notebook("#!time\n#r \"nuget: CsvHelper, 33.0.1\"\n#r \"nuget: YamlDotNet\"\nvar slow = 42;"),
            "t.ipynb", "lib.csproj");
        Assert.Contains("#:package CsvHelper@33.0.1\n", app, StringComparison.Ordinal);
        Assert.Contains("#:package YamlDotNet@*\n", app, StringComparison.Ordinal);
        Assert.Contains("var cellClock1 = System.Diagnostics.Stopwatch.StartNew();", app, StringComparison.Ordinal);
        Assert.Contains("Console.WriteLine($\"Wall time: {cellClock1.Elapsed.TotalMilliseconds:F1} ms\");", app, StringComparison.Ordinal);
        Assert.DoesNotContain("#!time", app, StringComparison.Ordinal);
        Assert.Empty(CompileErrors(app));
    }

    [Fact]
    public void Export_ScriptMethodWithAccessModifier_BecomesLocalFunction()
    {
        var app = NotebookExporter.Export(Notebook("public static double Square(double x) => x * x;\nSquare(3)"), "m.ipynb", "lib.csproj");
        Assert.Contains("static double Square(double x) => x * x;", app, StringComparison.Ordinal);
        Assert.DoesNotContain("public static double Square", app, StringComparison.Ordinal);
        Assert.Empty(CompileErrors(app));
    }

    [Fact]
    public void Export_VariableDeclaredAgain_ErrorNamesBothCells()
    {
        var error = Assert.Throws<NotebookExportException>(() => NotebookExporter.Export(
            Notebook("var discharge = 1.0;", "md:text", "var (discharge, depth) = (2.0, 0.5);"), "again.ipynb", "lib.csproj"));
        Assert.Contains("again.ipynb code cell 2, line 1", error.Message, StringComparison.Ordinal);
        Assert.Contains("'discharge' is declared again (first in code cell 1)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Export_DllReferenceOrLoad_RefusedWithCellAndLine()
    {
        var error = Assert.Throws<NotebookExportException>(() => NotebookExporter.Export(
            Notebook("var a = 1;", "// helpers\n#load \"helpers.csx\"\nvar b = 2;"), "load.ipynb", "lib.csproj"));
        Assert.Contains("load.ipynb code cell 2, line 2", error.Message, StringComparison.Ordinal);
        Assert.Contains("#load", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Export_SyntaxErrorOrUnknownMagic_NamesCell()
    {
        var syntax = Assert.Throws<NotebookExportException>(() => NotebookExporter.Export(Notebook("var ok = 1;", "var broken = (1 + ;"),
            "s.ipynb", "lib.csproj"));
        Assert.Contains("s.ipynb code cell 2, line 1", syntax.Message, StringComparison.Ordinal);
        var magic = Assert.Throws<NotebookExportException>(() => NotebookExporter.Export(Notebook("#!whatever\nvar x = 1;"), "u.ipynb",
            "lib.csproj"));
        Assert.Contains("u.ipynb code cell 1, line 1: unsupported magic '#!whatever'", magic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Export_NotANotebook_ClearError()
    {
        Assert.Contains("x.ipynb is not a notebook",
            Assert.Throws<NotebookExportException>(() => NotebookExporter.Export("{ nope", "x.ipynb", "l.csproj")).Message,
            StringComparison.Ordinal);
        Assert.Contains("has no 'cells' array",
            Assert.Throws<NotebookExportException>(() => NotebookExporter.Export("{}", "y.ipynb", "l.csproj")).Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public void ExportFile_ProjectPathRelativeToApp_NoPartialFileLeft()
    {
        var folder = Directory.CreateTempSubdirectory("hw-export-").FullName;
        try
        {
            var notebook = Path.Combine(folder, "notebooks", "a.ipynb");
            Directory.CreateDirectory(Path.GetDirectoryName(notebook)!);
            File.WriteAllText(notebook, Notebook("var a = 1;"));
            var app = NotebookExporter.ExportFile(notebook, Path.Combine(folder, "out", "exported", "a.cs"),
                Path.Combine(folder, "lib", "HydroWorkshop", "HydroWorkshop.csproj"));
            Assert.Contains("#:project ../../lib/HydroWorkshop/HydroWorkshop.csproj\n", File.ReadAllText(app), StringComparison.Ordinal);
            Assert.Equal(["a.cs"], Directory.GetFiles(Path.GetDirectoryName(app)!).Select(Path.GetFileName));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Export_WorkshopNotebooks_CompileAsFileBasedApps()
    {
        var notebooks = ProjectPaths.FindRepositoryRoot() is { } root
            ? Directory.GetFiles(Path.Combine(root, "notebooks"), "*.ipynb", SearchOption.AllDirectories) : [];
        Assert.NotEmpty(notebooks);
        foreach (var notebook in notebooks)
        {
            var app = NotebookExporter.Export(File.ReadAllText(notebook), Path.GetFileName(notebook),
                "../lib/HydroWorkshop/HydroWorkshop.csproj");
            var errors = CompileErrors(app);
            Assert.True(errors.Count == 0,
                $"{Path.GetFileName(notebook)} exported does not compile:\n{string.Join('\n', errors.Take(10))}");
        }
    }
}
