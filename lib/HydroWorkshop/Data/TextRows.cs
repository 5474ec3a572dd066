using System.Globalization;

namespace HydroWorkshop.Data;

/// <summary>Small, allocation-light helpers for the whitespace- and delimiter-separated text files of CAMELS and Caravan.</summary>
internal static class TextRows
{
    public static readonly char[] Whitespace = [' ', '\t'];

    /// <summary>Splits <paramref name="line"/> into at most <paramref name="fields"/>.Length fields; returns the
    /// field count, or fields.Length + 1 when there are more fields than room.</summary>
    public static int Split(ReadOnlySpan<char> line, Span<Range> fields, ReadOnlySpan<char> separators, bool mergeSeparators)
    {
        var count = 0;
        var start = 0;
        for (var i = 0; i <= line.Length; i++)
        {
            var atEnd = i == line.Length;
            if (!atEnd && separators.IndexOf(line[i]) < 0) continue;
            if (!(mergeSeparators && i == start))
            {
                if (count == fields.Length) return fields.Length + 1;
                fields[count++] = new Range(start, i);
            }
            start = i + 1;
        }
        return count;
    }

    public static bool TryFloat(ReadOnlySpan<char> text, out float value)
    {
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
        {
            value = (float)d;
            return true;
        }
        value = float.NaN;
        return false;
    }

    public static float ParseFloat(ReadOnlySpan<char> text, string path, int line, string wholeLine, string what)
    {
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)) return (float)d;
        throw new DataFileException(path, line, wholeLine, $"{what} '{text}' is not a number");
    }

    public static int ParseInt(ReadOnlySpan<char> text, string path, int line, string wholeLine, string what)
    {
        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v)) return v;
        throw new DataFileException(path, line, wholeLine, $"{what} '{text}' is not an integer");
    }

    public static DateOnly ParseDate(int year, int month, int day, string path, int line, string wholeLine)
    {
        if (year < 1 || month < 1 || month > 12 || day < 1 || day > DateTime.DaysInMonth(Math.Clamp(year, 1, 9999), month))
            throw new DataFileException(path, line, wholeLine, $"{year:D4}-{month:D2}-{day:D2} is not a date");
        return new DateOnly(year, month, day);
    }

    /// <summary>Parses an ISO date (yyyy-MM-dd, optionally followed by a time that is ignored).</summary>
    public static DateOnly ParseIsoDate(ReadOnlySpan<char> text, string path, int line, string wholeLine)
    {
        var date = text.Length > 10 ? text[..10] : text;
        if (DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
        throw new DataFileException(path, line, wholeLine, $"'{text}' is not a date (yyyy-MM-dd)");
    }
}
