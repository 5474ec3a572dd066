using System.Collections;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace HydroWorkshop.Plotting;

/// <summary>
/// Writes Plotly JSON. Non-finite numbers become <c>null</c> (plotly.js shows a gap, never a zero); dates become
/// plotly's <c>yyyy-MM-dd HH:mm:ss</c> strings; <c>[y, x]</c> arrays become nested rows. The default encoder
/// escapes <c>&lt;</c>, so the JSON can sit inside an HTML <c>&lt;script&gt;</c> element as is.
/// </summary>
public static class PlotlyJson
{
    internal static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.Default, SkipValidation = false };

    /// <summary>Serialises a value (a <see cref="PlotlyObject"/>, array, number, ...) to JSON text.</summary>
    public static string Serialize(object? value, int significantDigits = 0)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions)) Write(writer, value, significantDigits);
        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>Writes one value; <paramref name="significantDigits"/> &gt; 0 rounds doubles (smaller files).</summary>
    public static void Write(Utf8JsonWriter writer, object? value, int significantDigits = 0)
    {
        switch (value)
        {
            case null: writer.WriteNullValue(); break;
            case string s: writer.WriteStringValue(s); break;
            case bool b: writer.WriteBooleanValue(b); break;
            case double d: WriteNumber(writer, d, significantDigits); break;
            case float f: if (float.IsFinite(f)) writer.WriteNumberValue(f); else writer.WriteNullValue(); break;
            case int i: writer.WriteNumberValue(i); break;
            case long l: writer.WriteNumberValue(l); break;
            case decimal m: writer.WriteNumberValue(m); break;
            case byte u8: writer.WriteNumberValue(u8); break;
            case DateTime t: writer.WriteStringValue(FormatDate(t)); break;
            case DateOnly day: writer.WriteStringValue(day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)); break;
            case Enum e: writer.WriteStringValue(JsonNamingPolicy.CamelCase.ConvertName(e.ToString())); break;
            case PlotlyList list: Write(writer, list.Items, significantDigits); break;
            case PlotlyObject o: WriteObject(writer, o, significantDigits); break;
            case TypedArray a: WriteTypedArray(writer, a); break;
            case JsonElement element: element.WriteTo(writer); break;
            case double[] ds: writer.WriteStartArray(); foreach (var d in ds) WriteNumber(writer, d,
                significantDigits); writer.WriteEndArray(); break;
            case float[] fs: writer.WriteStartArray(); foreach (var f in fs) Write(writer, f, 0); writer.WriteEndArray(); break;
            case double[,] grid: WriteGrid(writer, grid.GetLength(0), grid.GetLength(1), (r, c) => grid[r, c], significantDigits); break;
            case float[,] grid: WriteGrid(writer, grid.GetLength(0), grid.GetLength(1), (r, c) => grid[r, c], significantDigits); break;
            case IDictionary<string, object?> map:
                writer.WriteStartObject();
                foreach (var (key, item) in map) { writer.WritePropertyName(key); Write(writer, item, significantDigits); }
                writer.WriteEndObject();
                break;
            case IEnumerable sequence:
                writer.WriteStartArray();
                foreach (var item in sequence) Write(writer, item, significantDigits);
                writer.WriteEndArray();
                break;
            default:
                throw new ArgumentException(
                    $"cannot write a {value.GetType().Name} as Plotly JSON; use numbers, strings, dates, arrays, PlotlyObject or TypedArray");
        }
    }

    /// <summary>Plotly's date string: date only at midnight, else with time (milliseconds when present).</summary>
    public static string FormatDate(DateTime t) =>
        t.TimeOfDay == TimeSpan.Zero ? t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
        : t.Millisecond == 0 ? t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)
        : t.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture);

    /// <summary>Rounds to <paramref name="digits"/> significant digits so the shortest round-trip text is short.</summary>
    public static double RoundSignificant(double value, int digits)
    {
        if (digits <= 0 || value == 0 || !double.IsFinite(value)) return value;
        var magnitude = (int)Math.Floor(Math.Log10(Math.Abs(value)));
        var decimals = digits - 1 - magnitude;
        if (decimals > 15) return Math.Round(value, 15);
        if (decimals >= 0)
        {
            var scale = Math.Pow(10, decimals);
            return Math.Round(value * scale) / scale;
        }
        var divisor = Math.Pow(10, -decimals);
        return Math.Round(value / divisor) * divisor;
    }

    private static void WriteNumber(Utf8JsonWriter writer, double d, int significantDigits)
    {
        if (!double.IsFinite(d)) writer.WriteNullValue();
        else writer.WriteNumberValue(RoundSignificant(d, significantDigits));
    }

    private static void WriteGrid(Utf8JsonWriter writer, int rows, int columns, Func<int, int, double> at, int significantDigits)
    {
        writer.WriteStartArray();
        for (var r = 0; r < rows; r++)
        {
            writer.WriteStartArray();
            for (var c = 0; c < columns; c++) WriteNumber(writer, at(r, c), significantDigits);
            writer.WriteEndArray();
        }
        writer.WriteEndArray();
    }

    private static void WriteObject(Utf8JsonWriter writer, PlotlyObject o, int significantDigits)
    {
        writer.WriteStartObject();
        foreach (var (key, item) in o.Attributes)
        {
            writer.WritePropertyName(key);
            Write(writer, item, significantDigits);
        }
        writer.WriteEndObject();
    }

    private static void WriteTypedArray(Utf8JsonWriter writer, TypedArray a)
    {
        writer.WriteStartObject();
        writer.WriteString("dtype", a.DType);
        writer.WriteString("bdata", a.ToBase64());
        if (a.Shape.Length > 1) writer.WriteString("shape", string.Join(",", a.Shape));
        writer.WriteEndObject();
    }
}
