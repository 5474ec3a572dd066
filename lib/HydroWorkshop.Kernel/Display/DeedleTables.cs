using System.Globalization;
using System.Net;
using System.Reflection;
using System.Text;
using System.Text.Json.Nodes;

namespace HydroWorkshop.Kernel.Display;

/// <summary>
/// Deedle data frames (<c>Frame&lt;R, C&gt;</c>) and series (<c>Series&lt;K, V&gt;</c>) as compact tables: column
/// names, row keys, the first <see cref="HeadRows"/> and last <see cref="TailRows"/> rows of a long one and its size
/// ("100000 rows × 3 columns"), as <c>text/html</c> and <c>text/plain</c>. Only the rows shown are read (by position),
/// so a frame of millions of rows displays as fast as a small one; a generic object formatter would walk the whole
/// object graph instead (.NET Interactive's shows a 9.8 MB tree).
/// </summary>
/// <remarks>By reflection, like <see cref="PlotlyNetCharts"/>: Deedle 8 pins FSharp.Core 10.1, and the kernel must
/// not choose the notebook's FSharp.Core or Deedle version.</remarks>
public static class DeedleTables
{
    /// <summary>Up to this many rows (columns) everything is shown; beyond, head and tail.</summary>
    public const int MaxFullRows = 20;

    public const int HeadRows = 10;

    public const int TailRows = 5;

    /// <summary>Longest text of one cell, characters (a nested series or a long string is cut).</summary>
    public const int MaxCellLength = 60;

    private const string Ellipsis = "…";
    private const string Missing = "<missing>";

    /// <summary>The MIME bundle of a Deedle frame or series; null for any other value.</summary>
    public static JsonObject? Format(object value)
    {
        var type = value.GetType();
        if (GenericBase(type, "Deedle.Frame`2") is { } frameType) return FormatFrame(value, frameType);
        if (GenericBase(type, "Deedle.Series`2") is { } seriesType) return FormatSeries(value, seriesType);
        return null;
    }

    private static Type? GenericBase(Type? type, string definition)
    {
        for (; type is not null; type = type.BaseType)
            if (type.IsGenericType && type.GetGenericTypeDefinition().FullName == definition) return type;
        return null;
    }

    private static JsonObject FormatFrame(object frame, Type frameType)
    {
        var name = MimeFormatter.FriendlyName(frameType);
        var rowCount = (int)frameType.GetProperty("RowCount")!.GetValue(frame)!;
        var columnCount = (int)frameType.GetProperty("ColumnCount")!.GetValue(frame)!;
        var size = $"{rowCount} rows × {columnCount} columns";
        try
        {
            var columns = Positions(columnCount);
            var columnKeys = ((System.Collections.IEnumerable)frameType.GetProperty("ColumnKeys")!.GetValue(frame)!)
                .Cast<object?>().ToArray();
            var header = columns.Select(c => c is int i ? CellText(columnKeys[i]) : Ellipsis).ToArray();
            var rowKeyAt = frameType.GetMethod("GetRowKeyAt", [typeof(int)])!;
            var rowAt = frameType.GetMethods().First(m => m.Name == "GetRowAt" && m.IsGenericMethodDefinition)
                .MakeGenericMethod(typeof(object));
            var rows = new List<(string Key, string[] Cells)>();
            foreach (var r in Positions(rowCount))
            {
                if (r is not int row)
                {
                    rows.Add((Ellipsis, [.. columns.Select(_ => Ellipsis)]));
                    continue;
                }
                var series = rowAt.Invoke(frame, [row])!;
                var tryGetAt = series.GetType().GetMethod("TryGetAt", [typeof(int)])!;
                rows.Add((CellText(rowKeyAt.Invoke(frame, [row])),
                    [.. columns.Select(c => c is int column ? OptionalText(tryGetAt.Invoke(series, [column])) : Ellipsis)]));
            }
            return Bundle($"{name}: {size}", header, rows, size);
        }
        catch (Exception e) when (e is TargetInvocationException or InvalidCastException or MissingMethodException
            or NullReferenceException)
        {
            return new JsonObject { ["text/plain"] = $"{name}: {size} (the cells could not be read: {(e.InnerException ?? e).Message})" };
        }
    }

    private static JsonObject FormatSeries(object series, Type seriesType)
    {
        var name = MimeFormatter.FriendlyName(seriesType);
        var count = (int)seriesType.GetProperty("KeyCount")!.GetValue(series)!;
        var size = count == 1 ? "1 value" : $"{count} values";
        try
        {
            var keyAt = seriesType.GetMethod("GetKeyAt", [typeof(int)])!;
            var tryGetAt = seriesType.GetMethod("TryGetAt", [typeof(int)])!;
            var rows = Positions(count).Select(p => p is int i
                ? (CellText(keyAt.Invoke(series, [i])), new[] { OptionalText(tryGetAt.Invoke(series, [i])) })
                : (Ellipsis, new[] { Ellipsis })).ToList();
            return Bundle($"{name}: {size}", ["value"], rows, size);
        }
        catch (Exception e) when (e is TargetInvocationException or InvalidCastException or MissingMethodException
            or NullReferenceException)
        {
            return new JsonObject { ["text/plain"] = $"{name}: {size} (the values could not be read: {(e.InnerException ?? e).Message})" };
        }
    }

    /// <summary>The positions shown out of <paramref name="count"/>: all, or head, a gap (null) and tail.</summary>
    internal static IReadOnlyList<int?> Positions(int count) =>
        count <= MaxFullRows
            ? [.. Enumerable.Range(0, count).Select(i => (int?)i)]
            : [.. Enumerable.Range(0, HeadRows).Select(i => (int?)i), null,
                .. Enumerable.Range(count - TailRows, TailRows).Select(i => (int?)i)];

    /// <summary>Deedle's <c>OptionalValue&lt;T&gt;</c>: the value's text, or <c>&lt;missing&gt;</c>.</summary>
    private static string OptionalText(object? optional)
    {
        if (optional is null) return Missing;
        var type = optional.GetType();
        if (type.GetProperty("HasValue")?.GetValue(optional) is not true) return Missing;
        return CellText(type.GetProperty("Value")!.GetValue(optional));
    }

    /// <summary>Table cells: numbers to 6 significant digits, dates as ISO 8601, long text cut.</summary>
    private static string CellText(object? value)
    {
        var text = value switch
        {
            double d => d.ToString("G6", CultureInfo.InvariantCulture),
            float f => f.ToString("G6", CultureInfo.InvariantCulture),
            DateTime t => t.TimeOfDay == TimeSpan.Zero ? t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
                : t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            DateTimeOffset t => t.ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture),
            _ => MimeFormatter.PlainText(value),
        };
        text = text.ReplaceLineEndings(" ");
        return text.Length <= MaxCellLength ? text : text[..(MaxCellLength - 1)] + Ellipsis;
    }

    private static JsonObject Bundle(string title, string[] header, List<(string Key, string[] Cells)> rows, string size)
    {
        var html = new StringBuilder("<div class=\"hw-deedle\"><table><thead><tr><th></th>");
        foreach (var column in header) html.Append("<th>").Append(WebUtility.HtmlEncode(column)).Append("</th>");
        html.Append("</tr></thead><tbody>");
        foreach (var (key, cells) in rows)
        {
            html.Append("<tr><th>").Append(WebUtility.HtmlEncode(key)).Append("</th>");
            foreach (var cell in cells) html.Append("<td>").Append(WebUtility.HtmlEncode(cell)).Append("</td>");
            html.Append("</tr>");
        }
        html.Append("</tbody></table><p>").Append(size).Append("</p></div>");

        // Text: right-aligned columns, the key column left-aligned, as Deedle's own Format() prints.
        var keyWidth = rows.Select(r => r.Key.Length).DefaultIfEmpty(0).Max();
        var widths = header.Select((h, c) => rows.Select(r => r.Cells[c].Length).Append(h.Length).Max()).ToArray();
        var text = new StringBuilder(title);
        text.Append('\n').Append(new string(' ', keyWidth)).Append(string.Concat(header.Select((h, c) => "  " + h.PadLeft(widths[c]))));
        foreach (var (key, cells) in rows)
            text.Append('\n').Append(key.PadRight(keyWidth)).Append(string.Concat(cells.Select((v, c) => "  " + v.PadLeft(widths[c]))));
        return new JsonObject { ["text/html"] = html.ToString(), ["text/plain"] = text.ToString() };
    }
}
