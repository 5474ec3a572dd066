using System.Text.RegularExpressions;

namespace HydroWorkshop.Tests.Architecture;

/// <summary>
/// The lines of a C# file that are too long. A line may run past the limit only where a string literal makes it so:
/// when the line starts with the literal (after an optional operator such as <c>+</c> or <c>??</c> and opening
/// brackets), or when it lies inside a string that spans lines (verbatim <c>@"</c>, raw <c>"""</c>), whose text is
/// data. A scanner that knows comments, char literals, the string forms and interpolation holes finds the latter.
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
        var inside = new HashSet<int>();
        new Scanner(text, inside).Code(0, inHole: false);
        return inside;
    }

    [GeneratedRegex("""^\s*(?:(?:\+|\?\?|\?|:|&&|\|\|)\s+)?[\[(]*[$@]*["]""")]
    private static partial Regex LiteralFirst();

    private sealed class Scanner(string s, HashSet<int> inside)
    {
        private readonly int[] lineStarts = [0, .. s.Select((c, i) => (c, i)).Where(p => p.c == '\n').Select(p => p.i + 1)];

        /// <summary>Scans code from <paramref name="i"/>; in an interpolation hole, up to its closing brace (returns the
        /// index after it), else to the end.</summary>
        public int Code(int i, bool inHole)
        {
            var depth = 0;
            while (i < s.Length)
            {
                var c = s[i];
                if (c == '/' && At(i + 1, '/')) i = End(s.IndexOf('\n', i));
                else if (c == '/' && At(i + 1, '*')) i = End(s.IndexOf("*/", i + 2, StringComparison.Ordinal)) + 2;
                else if (c == '\'') i = CharLiteral(i);
                else if (StringStarts(i)) i = StringLiteral(i);
                else if (c == '#' && AtLineStart(i)) i = End(s.IndexOf('\n', i));
                else if (inHole && c is '(' or '[' or '{') { depth++; i++; }
                else if (inHole && c is ')' or ']') { depth--; i++; }
                else if (inHole && c == '}' && depth-- == 0) return i + 1;
                else if (inHole && c == ':' && depth == 0 && !At(i + 1, ':') && !At(i - 1, ':')) return End(s.IndexOf('}', i)) + 1;
                else i++;
            }
            return i;
        }

        private int StringLiteral(int start)
        {
            var i = start;
            var dollars = 0;
            var verbatim = false;
            for (; s[i] != '"'; i++)
            {
                if (s[i] == '$') dollars++;
                else verbatim = true;
            }
            var quotes = 0;
            while (At(i + quotes, '"')) quotes++;
            int end;
            if (quotes >= 3) end = End(s.IndexOf(new string('"', quotes), i + quotes, StringComparison.Ordinal)) + quotes;
            else
            {
                i++;
                while (true)
                {
                    if (i >= s.Length) { end = i; break; }
                    var c = s[i];
                    if (c == '"' && verbatim && At(i + 1, '"')) i += 2;
                    else if (c == '"') { end = i + 1; break; }
                    else if (c == '\\' && !verbatim) i += 2;
                    else if (c == '\n' && !verbatim) { end = i; break; }
                    else if (dollars > 0 && c == '{' && At(i + 1, '{')) i += 2;
                    else if (dollars > 0 && c == '{') i = Code(i + 1, inHole: true);
                    else i++;
                }
            }
            var first = LineOf(start);
            var last = LineOf(Math.Max(start, end - 1));
            for (var n = first + 1; n <= last; n++) inside.Add(n);
            return end;
        }

        private int CharLiteral(int i)
        {
            for (i++; i < s.Length && s[i] != '\'' && s[i] != '\n'; i++)
            {
                if (s[i] == '\\') i++;
            }
            return i + 1;
        }

        private bool StringStarts(int i)
        {
            while (i < s.Length && s[i] is '$' or '@') i++;
            return At(i, '"');
        }

        private bool AtLineStart(int i)
        {
            while (--i >= 0 && s[i] is ' ' or '\t') { }
            return i < 0 || s[i] == '\n';
        }

        private bool At(int i, char c) => i >= 0 && i < s.Length && s[i] == c;

        private int End(int found) => found < 0 ? s.Length : found;

        private int LineOf(int i)
        {
            var found = Array.BinarySearch(lineStarts, i);
            return found >= 0 ? found : ~found - 1;
        }
    }
}
