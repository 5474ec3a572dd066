using System.Globalization;

namespace HydroWorkshop.Data.Grids;

/// <summary>
/// A daily discharge series of one gauge from a two-column CSV (<c>datetime,discharge</c>, as the GRDC station series
/// of the Rhine–Meuse data set: discharge/Discharge_&lt;gauge&gt;.csv). Dates are ISO <c>YYYY-MM-DD</c> or US
/// <c>M/D/YYYY</c> (Borgharen's file); values in m³/s. Negative values (GRDC writes -999) and empty or "NA" cells are
/// missing (NaN): discharge is never below zero.
/// </summary>
public sealed class GrdcDischarge
{
    private static readonly string[] DateFormats = ["yyyy-MM-dd", "M/d/yyyy"];

    private GrdcDischarge(string path, string gauge, DateOnly[] dates, float[] values)
    {
        Path = path;
        Gauge = gauge;
        Dates = dates;
        Values = values;
    }

    public string Path { get; }

    /// <summary>The gauge's name from the file name: "Discharge_lobith.csv" gives "lobith".</summary>
    public string Gauge { get; }

    /// <summary>The days of the file, strictly increasing (not necessarily without gaps).</summary>
    public DateOnly[] Dates { get; }

    /// <summary>Discharge (m³/s) on each of <see cref="Dates"/>; NaN where missing.</summary>
    public float[] Values { get; }

    /// <summary>Days with a value (not NaN).</summary>
    public int ValidCount => Values.Count(v => !float.IsNaN(v));

    /// <summary>Reads a discharge file; errors name the file and line.</summary>
    public static GrdcDischarge Read(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"discharge file '{path}' does not exist", path);
        var name = System.IO.Path.GetFileNameWithoutExtension(path);
        var gauge = name.StartsWith("Discharge_", StringComparison.OrdinalIgnoreCase) ? name["Discharge_".Length..] : name;
        var dates = new List<DateOnly>();
        var values = new List<float>();
        using var reader = new StreamReader(path);
        var header = reader.ReadLine();
        if (header is null) throw new DataFileException(path, "the file is empty");
        var columns = header.Split(',').Select(c => c.Trim().Trim('"').ToLowerInvariant()).ToArray();
        if (columns is not ["datetime" or "date", "discharge" or "value" or "q"])
            throw new DataFileException(path, 1, header, "expected the header 'datetime,discharge'");
        var lineNumber = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            var comma = line.IndexOf(',');
            if (comma < 0 || line.IndexOf(',', comma + 1) >= 0) throw new DataFileException(path, lineNumber, line,
                "expected two columns, date and discharge");
            var dateText = line[..comma].Trim().Trim('"');
            if (!DateOnly.TryParseExact(dateText, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                throw new DataFileException(path, lineNumber, line, "the date is neither YYYY-MM-DD nor M/D/YYYY");
            if (dates.Count > 0 && date <= dates[^1])
                throw new DataFileException(path, lineNumber, line, $"date {date:yyyy-MM-dd} does not follow {dates[^1]:yyyy-MM-dd}");
            var valueText = line[(comma + 1)..].Trim().Trim('"');
            float value;
            if (valueText.Length == 0 || valueText.Equals("NA", StringComparison.OrdinalIgnoreCase)
                || valueText.Equals("NaN", StringComparison.OrdinalIgnoreCase))
                value = float.NaN;
            else if (!float.TryParse(valueText, NumberStyles.Float, CultureInfo.InvariantCulture, out value))
                throw new DataFileException(path, lineNumber, line, "the discharge is not a number");
            dates.Add(date);
            values.Add(value < 0 ? float.NaN : value);
        }
        if (dates.Count == 0) throw new DataFileException(path, "the file has a header but no values");
        return new GrdcDischarge(path, gauge, dates.ToArray(), values.ToArray());
    }

    /// <summary>Discharge (m³/s) for every day from <paramref name="from"/> to <paramref name="to"/> (both included),
    /// NaN on days the file lacks or marks missing; [days].</summary>
    public float[] Daily(DateOnly from, DateOnly to)
    {
        if (to < from) throw new ArgumentException($"period ends ({to:yyyy-MM-dd}) before it starts ({from:yyyy-MM-dd})");
        var axis = new DateOnly[to.DayNumber - from.DayNumber + 1];
        for (var i = 0; i < axis.Length; i++) axis[i] = from.AddDays(i);
        return AlignTo(axis);
    }

    /// <summary>Discharge (m³/s) on each day of <paramref name="axis"/> (e.g. a forcing file's time axis), NaN where
    /// absent; [axis.Count].</summary>
    public float[] AlignTo(IReadOnlyList<DateOnly> axis)
    {
        var result = new float[axis.Count];
        for (var i = 0; i < axis.Count; i++)
        {
            var index = Array.BinarySearch(Dates, axis[i]);
            result[i] = index >= 0 ? Values[index] : float.NaN;
        }
        return result;
    }

    public override string ToString() =>
        $"{Gauge}: {Dates.Length} days {Dates[0]:yyyy-MM-dd}..{Dates[^1]:yyyy-MM-dd}, {Dates.Length - ValidCount} missing";
}
