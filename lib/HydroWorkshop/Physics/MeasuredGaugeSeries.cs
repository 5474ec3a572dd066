using System.Globalization;

namespace HydroWorkshop.Physics;

/// <summary>
/// Water-depth time series measured at gauges, e.g. <c>building_gauges_h.txt</c> of the Soares-Frazão and Zech (2007)
/// isolated-building dam-break experiment: two header lines (gauge names; column titles), then tab-separated rows
/// <c>t (s), h (m) per gauge</c>, CRLF or LF line ends.
/// </summary>
public sealed class MeasuredGaugeSeries
{
    private MeasuredGaugeSeries(string[] names, double[] times, double[][] depths)
    {
        GaugeNames = names;
        Times = times;
        Depths = depths;
    }

    /// <summary>Gauge names in file order, e.g. G1..G6.</summary>
    public IReadOnlyList<string> GaugeNames { get; }

    /// <summary>Measurement times (s), <c>[time]</c>.</summary>
    public double[] Times { get; }

    /// <summary>Measured depth (m) per gauge, <c>[gauge][time]</c>.</summary>
    public double[][] Depths { get; }

    /// <summary>The depth series (m) of gauge <paramref name="name"/>.</summary>
    public double[] Depth(string name)
    {
        for (var g = 0; g < GaugeNames.Count; g++)
            if (string.Equals(GaugeNames[g], name, StringComparison.OrdinalIgnoreCase)) return Depths[g];
        throw new KeyNotFoundException($"gauge '{name}' is not in the file (gauges: {string.Join(", ", GaugeNames)})");
    }

    /// <summary>Reads a gauge file; errors name the file, line and column.</summary>
    public static MeasuredGaugeSeries Read(string path)
    {
        var lines = File.ReadAllLines(path);
        if (lines.Length < 3) throw new InvalidDataException(
            $"{path}: expected two header lines and data rows, found {lines.Length} lines");
        var names = lines[0].Split('\t', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (names.Length == 0) throw new InvalidDataException($"{path}, line 1: no gauge names");
        var times = new List<double>();
        var depths = Enumerable.Range(0, names.Length).Select(_ => new List<double>()).ToArray();
        for (var n = 2; n < lines.Length; n++)
        {
            var line = lines[n].Trim();
            if (line.Length == 0) continue;
            var fields = line.Split('\t');
            if (fields.Length != names.Length + 1)
                throw new InvalidDataException(
                    $"{path}, line {n + 1}: expected {names.Length + 1} tab-separated fields (time and {names.Length} gauges), found {fields.Length}");
            times.Add(Parse(fields[0], path, n, "t (s)"));
            for (var g = 0; g < names.Length; g++) depths[g].Add(Parse(fields[g + 1], path, n, names[g]));
        }
        return new MeasuredGaugeSeries(names, times.ToArray(), depths.Select(d => d.ToArray()).ToArray());
    }

    private static double Parse(string field, string path, int lineIndex, string column)
    {
        if (!double.TryParse(field.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
            throw new InvalidDataException($"{path}, line {lineIndex + 1}, column '{column}': '{field}' is not a number");
        return value;
    }
}
