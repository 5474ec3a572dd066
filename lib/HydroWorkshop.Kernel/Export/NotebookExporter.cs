using System.Text;
using System.Text.Json;
using HydroWorkshop.Kernel.Execution;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace HydroWorkshop.Kernel.Export;

/// <summary>
/// Turns a notebook of this kernel into a .NET 10 file-based app (<c>dotnet run notebook.cs</c>), for people who
/// prefer scripts. Cells are Roslyn script submissions; a C# file is not, so the exporter rewrites what differs:
/// <list type="bullet">
/// <item>every <c>using</c> directive moves to the top, every type declaration to the end (C# wants top-level
/// statements before types);</item>
/// <item>a cell's last expression (the notebook shows its value) becomes <c>DisplayResult(() =&gt; expr);</c>, and
/// <c>display</c>/<c>HTML</c>/<c>Markdown</c> map to <see cref="HydroWorkshop.Common.NotebookDisplay"/>, which prints
/// text and saves figures as HTML files outside a notebook;</item>
/// <item><c>#r "nuget: Name, Version"</c> becomes <c>#:package Name@Version</c>, <c>#!time</c> a stopwatch, and the
/// library (also when a cell says <c>#r "nuget: HydroWorkshop"</c>) a <c>#:project</c> reference; markdown cells
/// become comments.</item>
/// </list>
/// What a file cannot express is refused with the cell and line: <c>#r "file.dll"</c>, <c>#load</c>, and a variable
/// declared again in a later cell (a script allows it, one C# scope does not).
/// </summary>
public static class NotebookExporter
{
    /// <summary>The workshop library's package id; the app references the library's project instead.</summary>
    private const string LibraryPackage = "HydroWorkshop";

    /// <summary>Exports <paramref name="notebookPath"/> to <paramref name="outputPath"/> (atomically); the
    /// <c>#:project</c> path is made relative to the output file. Returns the output path.</summary>
    public static string ExportFile(string notebookPath, string outputPath, string projectPath)
    {
        if (!File.Exists(notebookPath)) throw new FileNotFoundException($"notebook not found: {notebookPath}", notebookPath);
        var outputFolder = Path.GetDirectoryName(Path.GetFullPath(outputPath))!;
        Directory.CreateDirectory(outputFolder);
        var relativeProject = Path.GetRelativePath(outputFolder, Path.GetFullPath(projectPath)).Replace('\\', '/');
        var code = Export(File.ReadAllText(notebookPath), Path.GetFileName(notebookPath), relativeProject);
        var temporary = outputPath + ".partial";
        File.WriteAllText(temporary, code, new UTF8Encoding(false));
        File.Move(temporary, outputPath, overwrite: true);
        return outputPath;
    }

    /// <summary>The app's source for the notebook JSON <paramref name="notebookJson"/>.</summary>
    public static string Export(string notebookJson, string notebookName, string projectReference)
    {
        var cells = ReadCells(notebookJson, notebookName);
        var usings = new List<string>();
        var body = new StringBuilder();
        var types = new StringBuilder();
        var packages = new List<string>();
        var declared = new Dictionary<string, int>(StringComparer.Ordinal);
        var codeCell = 0;
        foreach (var (kind, source) in cells)
        {
            if (kind == "markdown")
            {
                body.Append('\n');
                foreach (var line in source.Replace("\r\n", "\n").TrimEnd('\n').Split('\n')) body.Append(("// " + line).TrimEnd())
                    .Append('\n');
                continue;
            }
            if (kind != "code") continue;
            codeCell++;
            var cellName = $"{notebookName} code cell {codeCell}";
            var magics = CellMagics.Parse(source);
            if (magics.Errors.Count > 0) throw new NotebookExportException($"{cellName}, {magics.Errors[0]}");
            // The library itself comes from the #:project line (the notebooks reference its package for .NET Interactive).
            packages.AddRange(magics.Packages.Where(p => !p.Name.Trim().Equals(LibraryPackage, StringComparison.OrdinalIgnoreCase))
                .Select(p => p.Version is null ? $"#:package {p.Name}@*" : $"#:package {p.Name}@{p.Version}"));
            var tree = CSharpSyntaxTree.ParseText(magics.Code, ScriptSetup.ParseOptions);
            var root = (CompilationUnitSyntax)tree.GetRoot();
            if (root.GetDiagnostics().FirstOrDefault(d => d.Severity == DiagnosticSeverity.Error) is { } error)
                throw new NotebookExportException(
                    $"{cellName}, line {error.Location.GetLineSpan().StartLinePosition.Line + 1}: {error.GetMessage()}");
            foreach (var directive in root.DescendantNodes(descendIntoTrivia: true).OfType<DirectiveTriviaSyntax>())
            {
                if (directive is ReferenceDirectiveTriviaSyntax or LoadDirectiveTriviaSyntax)
                    throw new NotebookExportException(
                        $"{cellName}, line {directive.GetLocation().GetLineSpan().StartLinePosition.Line + 1}: " +
                        $"'{directive.ToString().Trim()}' has no file-based-app equivalent (use a NuGet package or the library project)");
            }
            usings.AddRange(root.Usings.Select(u => u.WithoutTrivia().ToFullString()));
            body.Append($"\n// ---- cell {codeCell} ----\n");
            var timer = $"cellClock{codeCell}";
            if (magics.Timed) body.Append($"var {timer} = System.Diagnostics.Stopwatch.StartNew();\n");
            var members = root.Members;
            for (var m = 0; m < members.Count; m++)
            {
                var member = members[m];
                switch (member)
                {
                    case BaseTypeDeclarationSyntax or DelegateDeclarationSyntax or BaseNamespaceDeclarationSyntax:
                        types.Append('\n').Append(member.ToFullString().Trim('\n', '\r')).Append('\n');
                        break;
                    case MethodDeclarationSyntax method:
                        // A script method becomes a local function of the top-level statements: no access modifiers there.
                        var modifiers = SyntaxFactory.TokenList(method.Modifiers.Where(t => !t.IsKind(SyntaxKind.PublicKeyword)
                            && !t.IsKind(SyntaxKind.PrivateKeyword) && !t.IsKind(SyntaxKind.InternalKeyword)
                            && !t.IsKind(SyntaxKind.ProtectedKeyword)));
                        body.Append(method.WithModifiers(modifiers).ToFullString().Trim('\n', '\r')).Append('\n');
                        break;
                    case GlobalStatementSyntax { Statement: ExpressionStatementSyntax expression } when m == members.Count - 1
                        && expression.SemicolonToken.IsMissing:
                        var leading = expression.GetLeadingTrivia().ToFullString().Trim('\n', '\r');
                        if (leading.Length > 0) body.Append(leading).Append('\n');
                        body.Append("DisplayResult(() => ").Append(expression.Expression.WithoutTrivia().ToFullString()).Append(");\n");
                        break;
                    case FieldDeclarationSyntax field:
                        CheckNames(field.Declaration.Variables.Select(v => v.Identifier), declared, codeCell, cellName);
                        body.Append(field.ToFullString().Trim('\n', '\r')).Append('\n');
                        break;
                    case GlobalStatementSyntax global:
                        CheckDeclarations(global.Statement, declared, codeCell, cellName);
                        body.Append(global.ToFullString().Trim('\n', '\r')).Append('\n');
                        break;
                    default:
                        body.Append(member.ToFullString().Trim('\n', '\r')).Append('\n');
                        break;
                }
            }
            if (magics.Timed) body.Append($"Console.WriteLine($\"Wall time: {{{timer}.Elapsed.TotalMilliseconds:F1}} ms\");\n");
        }
        return Assemble(notebookName, projectReference, packages, usings, body.ToString(), types.ToString());
    }

    private static string Assemble(string notebookName, string projectReference, List<string> packages, List<string> usings,
        string body, string types)
    {
        var app = new StringBuilder();
        app.Append("#!/usr/bin/env dotnet\n");
        app.Append($"// {notebookName}, exported by the HydroWorkshop kernel as a .NET file-based app. Run it with:\n");
        app.Append($"//   dotnet run {Path.ChangeExtension(notebookName, ".cs")}          (HYDRO_FAST=1 for the short version)\n");
        app.Append("// Figures are saved as HTML files (their paths are printed); other outputs are printed.\n");
        app.Append($"#:project {projectReference}\n");
        // File-based apps default to native AOT, which needs the ILCompiler packages (not on every NuGet feed) and
        // trims the reflection the library's JSON relies on: the export runs as an ordinary JIT-compiled app.
        app.Append("#:property PublishAot=false\n");
        foreach (var package in packages.Distinct(StringComparer.Ordinal)) app.Append(package).Append('\n');
        app.Append('\n');
        foreach (var directive in ScriptSetup.DefaultImports.Select(ns => $"using {ns};").Concat(usings).Distinct(StringComparer.Ordinal))
            app.Append(directive).Append('\n');
        app.Append("using static NotebookGlobals;\n\n");
        app.Append(
            $"NotebookDisplay.FigureFolder ??= WorkshopMode.OutputFolder(\"exported\", \"{Path.GetFileNameWithoutExtension(notebookName)}\");\n");
        // The kernel loads the engine with the kit's settings before the first cell (EnginePreparation): NNPACK off while
        // oneDNN is on (else each small convolution prints a line on AMD EPYC), the allocator settings. The app does the same.
        app.Append("// The engine with the kit's settings, as the kernel loads it before the first cell (docs/articles/engine.md).\n");
        app.Append("global::HydroWorkshop.Engine.EngineInfo.LoadForNotebook(global::System.Console.Error.WriteLine);\n");
        app.Append(body);
        app.Append(types);
        app.Append("""

            /// <summary>The notebook's display helpers outside a notebook: values are printed, figures saved as HTML.</summary>
            static class NotebookGlobals
            {
                public static INotebookDisplayHandle display(object? value) => NotebookDisplay.Display(value);
                public static string HTML(string html) => html;
                public static string Markdown(string markdown) => markdown;
                /// <summary>A cell's last expression: shown when it has a value.</summary>
                public static void DisplayResult<T>(Func<T> value) => NotebookDisplay.Display(value());
                public static void DisplayResult(Action statement) => statement();
            }

            """);
        return app.ToString();
    }

    /// <summary>Refuses a variable declared again at the top level of a later cell, naming both cells.</summary>
    private static void CheckDeclarations(StatementSyntax statement, Dictionary<string, int> declared, int cell, string cellName)
    {
        IEnumerable<SyntaxToken> names = statement switch
        {
            LocalDeclarationStatementSyntax local => local.Declaration.Variables.Select(v => v.Identifier),
            ExpressionStatementSyntax { Expression: AssignmentExpressionSyntax { Left: DeclarationExpressionSyntax declaration } } =>
                declaration.DescendantNodes().OfType<SingleVariableDesignationSyntax>().Select(d => d.Identifier),
            ExpressionStatementSyntax { Expression: AssignmentExpressionSyntax { Left: TupleExpressionSyntax tuple } } =>
                tuple.DescendantNodes().OfType<SingleVariableDesignationSyntax>().Select(d => d.Identifier),
            _ => [],
        };
        CheckNames(names, declared, cell, cellName);
    }

    private static void CheckNames(IEnumerable<SyntaxToken> names, Dictionary<string, int> declared, int cell, string cellName)
    {
        foreach (var name in names)
        {
            if (declared.TryGetValue(name.ValueText, out var first))
                throw new NotebookExportException($"{cellName}, line {name.GetLocation().GetLineSpan().StartLinePosition.Line + 1}: " +
                    $"'{name.ValueText}' is declared again (first in code cell {first}); a notebook allows that, one C# file does not: rename one");
            declared[name.ValueText] = cell;
        }
    }

    private static List<(string Kind, string Source)> ReadCells(string notebookJson, string notebookName)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(notebookJson);
        }
        catch (JsonException e)
        {
            throw new NotebookExportException($"{notebookName} is not a notebook (JSON): {e.Message}");
        }
        using (document)
        {
            if (!document.RootElement.TryGetProperty("cells", out var cells) || cells.ValueKind != JsonValueKind.Array)
                throw new NotebookExportException($"{notebookName} has no 'cells' array: not an nbformat 4 notebook");
            return cells.EnumerateArray().Select(cell =>
            {
                var kind = cell.TryGetProperty("cell_type", out var type) ? type.GetString() ?? "" : "";
                var source = cell.TryGetProperty("source", out var text)
                    ? text.ValueKind == JsonValueKind.Array ? string.Concat(text.EnumerateArray().Select(line => line.GetString()))
                        : text.GetString() ?? ""
                    : "";
                return (kind, source);
            }).ToList();
        }
    }
}

/// <summary>A notebook that cannot become a C# file; the message names the cell and line.</summary>
public sealed class NotebookExportException(string message) : Exception(message);
