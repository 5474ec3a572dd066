using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace HydroWorkshop.Tests.Architecture;

/// <summary>
/// The lines of a C# file that are too long. A line may run past the limit only where a string literal makes it so:
/// when the line starts with the literal (after an optional operator such as <c>+</c> or <c>??</c> and opening
/// brackets), or when it lies inside a string that spans lines (verbatim <c>@"</c>, raw <c>"""</c>, interpolated), whose
/// text is data. Roslyn's parser (the kernel's compiler) finds the literals.
/// </summary>
public static partial class SourceLines
{
    /// <summary>1-based numbers of the lines longer than <paramref name="limit"/> characters that are not allowed to be.</summary>
    public static IEnumerable<int> TooLong(string text, int limit)
    {
        var lines = text.Split('\n');
        var inside = LinesInsideStrings(text);
        for (var n = 0; n < lines.Length; n++)
        {
            var line = lines[n].TrimEnd('\r').TrimStart('\uFEFF');
            if (line.Length <= limit || inside.Contains(n) || LiteralFirst().IsMatch(line)) continue;
            yield return n + 1;
        }
    }

    /// <summary>0-based numbers of the lines after the first line of a string literal that spans lines, up to its last.</summary>
    public static HashSet<int> LinesInsideStrings(string text)
    {
        var tree = CSharpSyntaxTree.ParseText(text);
        var root = tree.GetRoot();
        var spans = root.DescendantTokens()
            .Where(t => t.IsKind(SyntaxKind.StringLiteralToken) || t.IsKind(SyntaxKind.MultiLineRawStringLiteralToken))
            .Select(t => t.Span)
            .Concat(root.DescendantNodes().OfType<InterpolatedStringExpressionSyntax>().Select(s => s.Span));
        var inside = new HashSet<int>();
        foreach (var span in spans)
        {
            var lines = tree.GetLineSpan(span);
            for (var n = lines.StartLinePosition.Line + 1; n <= lines.EndLinePosition.Line; n++) inside.Add(n);
        }
        return inside;
    }

    [GeneratedRegex("""^\s*(?:(?:\+|\?\?|\?|:|&&|\|\|)\s+)?[\[(]*[$@]*["]""")]
    private static partial Regex LiteralFirst();
}
