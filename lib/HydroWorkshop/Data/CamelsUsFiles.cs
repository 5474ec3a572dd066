using System.Globalization;

namespace HydroWorkshop.Data;

/// <summary>Parsers for the two CAMELS-US time-series formats (forcing and streamflow).</summary>
public static class CamelsUsFiles
{
    /// <summary>The forcing variables under their canonical (Daymet) spelling; other products differ only in case.</summary>
    public static readonly IReadOnlyList<string> ForcingVariables =
        ["dayl(s)", "prcp(mm/day)", "srad(W/m2)", "swe(mm)", "tmax(C)", "tmin(C)", "vp(Pa)"];

    internal static string CanonicalForcingName(string name) =>
        ForcingVariables.FirstOrDefault(v => v.Equals(name, StringComparison.OrdinalIgnoreCase)) ?? name;

    /// <summary>A forcing file: header (latitude, elevation in m, area in m2) and the daily rows.</summary>
    internal sealed record Forcing(double Latitude, double Elevation, double AreaSquareMetres, DailySeriesBuilder Rows);

    /// <summary>Reads a <c>*_lump_*_forcing_leap.txt</c> file: 3 header numbers, a column-name line, then
    /// <c>Year Mnth Day Hr v1 v2 ...</c> separated by spaces and/or tabs.</summary>
    internal static Forcing ReadForcing(string path)
    {
        using var reader = new StreamReader(path);
        var header = ReadHeader(reader, path);
        var namesLine = reader.ReadLine() ?? throw new DataFileException(path, 4, "", "file ends before the column-name line");
        var names = namesLine.Split(TextRows.Whitespace, StringSplitOptions.RemoveEmptyEntries);
        if (names.Length < 5 || !names[0].Equals("Year", StringComparison.OrdinalIgnoreCase)
            || !names[1].StartsWith("Mn", StringComparison.OrdinalIgnoreCase))
            throw new DataFileException(path, 4, namesLine, "expected column names 'Year Mnth Day Hr ...'");
        var variables = names[4..].Select(CanonicalForcingName).ToArray();

        var rows = new DailySeriesBuilder(path, variables);
        Span<Range> fields = stackalloc Range[names.Length + 1];
        Span<float> values = stackalloc float[variables.Length];
        var number = 4;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (line.AsSpan().Trim().IsEmpty) continue;
            var span = line.AsSpan();
            var count = TextRows.Split(span, fields, TextRows.Whitespace, mergeSeparators: true);
            if (count != names.Length)
                throw new DataFileException(path, number, line,
                    $"expected {names.Length} fields, found {(count > names.Length ? "more" : count.ToString(CultureInfo.InvariantCulture))}");
            var date = TextRows.ParseDate(
                TextRows.ParseInt(span[fields[0]], path, number, line, "year"),
                TextRows.ParseInt(span[fields[1]], path, number, line, "month"),
                TextRows.ParseInt(span[fields[2]], path, number, line, "day"), path, number, line);
            for (var k = 0; k < variables.Length; k++)
                values[k] = TextRows.ParseFloat(span[fields[4 + k]], path, number, line, variables[k]);
            rows.Add(date, values, number);
        }
        return new Forcing(header[0], header[1], header[2], rows);
    }

    /// <summary>The basin area (m²) in the third header line of a forcing file, without reading its rows.</summary>
    internal static double ReadForcingArea(string path)
    {
        using var reader = new StreamReader(path);
        return ReadHeader(reader, path)[2];
    }

    /// <summary>The three header lines of a forcing file: latitude, elevation (m), area (m², positive).</summary>
    private static double[] ReadHeader(TextReader reader, string path)
    {
        var header = new double[3];
        string[] what = ["latitude", "elevation", "area (m2)"];
        for (var k = 0; k < 3; k++)
        {
            var line = reader.ReadLine() ?? throw new DataFileException(path, k + 1, "", $"file ends before the {what[k]} header line");
            if (!double.TryParse(line.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out header[k]))
                throw new DataFileException(path, k + 1, line, $"header line {k + 1} should hold the {what[k]}");
        }
        if (header[2] <= 0) throw new DataFileException(path, 3, header[2].ToString(CultureInfo.InvariantCulture),
            "basin area must be positive");
        return header;
    }

    /// <summary>Reads a <c>*_streamflow_qc.txt</c> file (<c>gauge year month day discharge flag</c>, discharge in ft3/s)
    /// into a single column "discharge(ft3/s)"; -999, other negative values and flag M become NaN.</summary>
    internal static DailySeriesBuilder ReadStreamflow(string path, string gauge)
    {
        var rows = new DailySeriesBuilder(path, ["discharge(ft3/s)"]);
        Span<Range> fields = stackalloc Range[7];
        Span<float> value = stackalloc float[1];
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            var span = line.AsSpan();
            if (span.Trim().IsEmpty) continue;
            var count = TextRows.Split(span, fields, TextRows.Whitespace, mergeSeparators: true);
            if (count is < 5 or > 6)
                throw new DataFileException(path, number, line, "expected 'gauge year month day discharge flag'");
            if (!span[fields[0]].SequenceEqual(gauge))
                throw new DataFileException(path, number, line, $"gauge id '{span[fields[0]]}' differs from the file's gauge {gauge}");
            var date = TextRows.ParseDate(
                TextRows.ParseInt(span[fields[1]], path, number, line, "year"),
                TextRows.ParseInt(span[fields[2]], path, number, line, "month"),
                TextRows.ParseInt(span[fields[3]], path, number, line, "day"), path, number, line);
            var q = TextRows.ParseFloat(span[fields[4]], path, number, line, "discharge");
            var flag = count == 6 ? span[fields[5]] : default;
            if (flag.Length > 0 && !(flag.SequenceEqual("A") || flag.SequenceEqual("A:e") || flag.SequenceEqual("M")
                || flag.SequenceEqual("P") || flag.SequenceEqual("P:e") || flag.SequenceEqual("A:<")))
                throw new DataFileException(path, number, line, $"unknown quality flag '{flag}' (expected A, A:e or M)");
            value[0] = q < 0 || flag.SequenceEqual("M") ? float.NaN : q;
            rows.Add(date, value, number);
        }
        return rows;
    }
}
