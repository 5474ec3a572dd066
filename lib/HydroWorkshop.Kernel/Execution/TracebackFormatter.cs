using System.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Scripting;

namespace HydroWorkshop.Kernel.Execution;

/// <summary>Readable tracebacks: compile errors as <c>In[3] line 2, column 5: error CS0103 ...</c> with the
/// line and a caret; run-time errors with the cell frames (<c>In[3], line 2</c> and the source line) and
/// the library frames, without Roslyn's and the runtime's plumbing.</summary>
public static class TracebackFormatter
{
    private const string Red = "\u001b[0;31m";
    private const string Green = "\u001b[0;32m";
    private const string Reset = "\u001b[0m";

    public static CellError FromDiagnostics(IEnumerable<Diagnostic> diagnostics, Func<string, string[]?> sourceOfCell)
    {
        var errors = diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        var lines = new List<string>();
        foreach (var error in errors)
        {
            var span = error.Location.GetLineSpan();
            var where = error.Location.IsInSource
                ? $"{span.Path} line {span.StartLinePosition.Line + 1}, column {span.StartLinePosition.Character + 1}" : "";
            lines.Add($"{Red}{where}: error {error.Id}{Reset}: {error.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}");
            if (error.Location.IsInSource && sourceOfCell(span.Path) is { } source && span.StartLinePosition.Line < source.Length)
            {
                var text = source[span.StartLinePosition.Line].TrimEnd('\r');
                lines.Add($"    {text}");
                lines.Add($"    {new string(' ', Math.Min(span.StartLinePosition.Character, text.Length))}{Green}^{Reset}");
            }
        }
        var first = errors.FirstOrDefault();
        return new CellError("CompilationError",
            first is null ? "compilation failed" : $"{first.Id}: {first.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}",
            lines);
    }

    public static CellError FromException(Exception exception, Func<string, string[]?> sourceOfCell, bool interrupted)
    {
        if (exception is CompilationErrorException compile) return FromDiagnostics(compile.Diagnostics, sourceOfCell);
        var lines = new List<string>();
        var ename = exception.GetType().Name;
        lines.Add($"{Red}{ename}{Reset}: {exception.Message}");
        if (interrupted) lines.Add(
            "The cell was interrupted (the kernel is still running; variables defined before the interrupt are kept).");
        AddFrames(exception, sourceOfCell, lines);
        for (var inner = exception.InnerException; inner is not null; inner = inner.InnerException)
        {
            lines.Add($"{Red} ---> {inner.GetType().Name}{Reset}: {inner.Message}");
            AddFrames(inner, sourceOfCell, lines);
        }
        return new CellError(interrupted ? "KeyboardInterrupt" : ename, exception.Message, lines);
    }

    private static void AddFrames(Exception exception, Func<string, string[]?> sourceOfCell, List<string> lines)
    {
        foreach (var frame in new StackTrace(exception, fNeedFileInfo: true).GetFrames())
        {
            var method = frame.GetMethod();
            var type = method?.DeclaringType;
            var file = frame.GetFileName();
            var line = frame.GetFileLineNumber();
            if (file is not null && sourceOfCell(file) is { } source)
            {
                var text = line > 0 && line <= source.Length ? source[line - 1].Trim() : "";
                lines.Add($"{Green}{Path.GetFileName(file)}{Reset}, line {line}: {text}");
                continue;
            }
            var ns = type?.Namespace ?? "";
            if (type is null || ns.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal) || ns.StartsWith(
                "System.Runtime.CompilerServices", StringComparison.Ordinal)
                || ns.StartsWith("System.Threading.Tasks", StringComparison.Ordinal) || ns.StartsWith("System.Runtime.ExceptionServices",
                    StringComparison.Ordinal)
                || ns.StartsWith("HydroWorkshop.Kernel", StringComparison.Ordinal)) continue;
            var name = $"{Display(type)}.{method!.Name}";
            lines.Add(file is null ? $"   at {name}" : $"   at {name} in {file}:line {line}");
        }
    }

    private static string Display(Type type) =>
        type.FullName?.Replace('+', '.') ?? type.Name;
}
