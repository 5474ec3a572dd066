using System.Globalization;

namespace HydroWorkshop.Data;

/// <summary>
/// Static basin attributes joined by gauge id from several delimited files (CAMELS: <c>camels_*.txt</c>, <c>;</c>;
/// Caravan: <c>attributes_*.csv</c>, <c>,</c>). Numeric columns come back as floats (empty = NaN); categorical
/// columns (any non-numeric value) are rejected by <see cref="Values"/> unless asked for as one indicator per
/// category, <c>"geol_1st_class=Metamorphics"</c>.
/// </summary>
public sealed class AttributeTable
{
    private readonly Dictionary<string, Column> columns = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> order = [];
    private readonly HashSet<string> basins = new(StringComparer.Ordinal);

    private sealed class Column(string name, string file)
    {
        public string Name { get; } = name;
        public string File { get; } = file;
        public Dictionary<string, string> Raw { get; } = new(StringComparer.Ordinal);
        public bool Numeric { get; set; } = true;
    }

    /// <summary>An empty table (a data source without attributes).</summary>
    public static AttributeTable Empty { get; } = new();

    /// <summary>Attribute names in file order.</summary>
    public IReadOnlyList<string> Names => order;

    /// <summary>Gauge ids that appear in at least one file.</summary>
    public IReadOnlyCollection<string> BasinIds => basins;

    /// <summary>The files read, for messages.</summary>
    public List<string> Files { get; } = [];

    /// <summary>Reads and joins <paramref name="files"/>; each has a header row whose first column is the gauge id.</summary>
    public static AttributeTable Read(IEnumerable<string> files, char separator)
    {
        var table = new AttributeTable();
        foreach (var file in files) table.ReadFile(file, separator);
        return table;
    }

    private void ReadFile(string path, char separator)
    {
        Files.Add(path);
        using var reader = new StreamReader(path);
        var headerLine = reader.ReadLine() ?? throw new DataFileException(path, "file is empty (expected a header row)");
        var header = headerLine.Split(separator).Select(h => h.Trim()).ToArray();
        if (header.Length > 0 && header[^1].Length == 0) header = header[..^1];   // a trailing separator
        if (header.Length < 2 || !header[0].Equals("gauge_id", StringComparison.OrdinalIgnoreCase))
            throw new DataFileException(path, 1, headerLine, $"the first column must be 'gauge_id' (separator '{separator}')");
        var fileColumns = new Column?[header.Length];
        for (var c = 1; c < header.Length; c++)
        {
            // A column seen in an earlier file (gauge_lat in two files, or a second attribute folder) keeps that
            // file's values and takes only the basins it lacks: the first file wins.
            if (columns.TryGetValue(header[c], out var seen)) { fileColumns[c] = seen; continue; }
            fileColumns[c] = new Column(header[c], path);
            columns[header[c]] = fileColumns[c]!;
            order.Add(header[c]);
        }
        var number = 1;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (line.Trim().Length == 0) continue;
            var fields = line.Split(separator);
            if (fields.Length < header.Length)
                throw new DataFileException(path, number, line, $"expected {header.Length} fields, found {fields.Length}");
            var gauge = fields[0].Trim();
            basins.Add(gauge);
            for (var c = 1; c < header.Length; c++)
            {
                if (fileColumns[c] is not { } column) continue;
                var text = fields[c].Trim();
                if (!column.Raw.TryAdd(gauge, text)) continue;
                if (text.Length > 0 && column.Numeric && !double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
                    column.Numeric = false;
            }
        }
    }

    /// <summary>True when every value of <paramref name="name"/> is a number or empty.</summary>
    public bool IsNumeric(string name) => Find(name).Numeric;

    /// <summary>The categorical (non-numeric) attribute names.</summary>
    public IEnumerable<string> CategoricalNames => order.Where(n => !columns[n].Numeric);

    /// <summary>The raw text of one cell, or null when the basin has no row for it.</summary>
    public string? Text(string basinId, string name) => Find(name).Raw.TryGetValue(basinId, out var t) ? t : null;

    /// <summary>
    /// The attributes of <paramref name="basinIds"/>, <c>[basin, attribute]</c> row-major. A name <c>"attr=category"</c>
    /// gives 1 where the categorical attribute equals the category and 0 elsewhere. Missing basins or values
    /// are errors that list them (no silent filling).
    /// </summary>
    public float[] Values(IReadOnlyList<string> basinIds, IReadOnlyList<string> names)
    {
        var result = new float[basinIds.Count * names.Count];
        var problems = new List<string>();
        for (var a = 0; a < names.Count; a++)
        {
            var (name, category) = SplitIndicator(names[a]);
            var column = Find(name);
            if (category is null && !column.Numeric)
            {
                var categories = column.Raw.Values.Where(v => v.Length > 0).Distinct().Order(StringComparer.Ordinal).Take(12);
                throw new ArgumentException(
                    $"attribute '{name}' ({Path.GetFileName(column.File)}) is categorical (values: {string.Join(", ", categories.Select(c => $"'{c}'"))}...); " +
                    $"ask for one indicator per category, e.g. '{name}={column.Raw.Values.First(v => v.Length > 0)}', or choose a numeric attribute", nameof(names));
            }
            for (var b = 0; b < basinIds.Count; b++)
            {
                if (!column.Raw.TryGetValue(basinIds[b], out var text))
                {
                    problems.Add($"basin {basinIds[b]} has no row in {Path.GetFileName(column.File)} (attribute '{name}')");
                    continue;
                }
                float value;
                if (category is not null) value = text.Equals(category, StringComparison.Ordinal) ? 1f : 0f;
                else if (text.Length == 0) { problems.Add(
                    $"basin {basinIds[b]}: attribute '{name}' is empty in {Path.GetFileName(column.File)}"); continue; }
                else value = (float)double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
                result[b * names.Count + a] = value;
            }
        }
        if (problems.Count > 0)
            throw new InvalidDataException(
                $"{problems.Count} missing attribute value(s): {string.Join("; ", problems.Distinct().Take(10))}" +
                (problems.Count > 10 ? "; ..." : "") + ". Choose other attributes or basins (values are never filled in silently).");
        return result;
    }

    private static (string Name, string? Category) SplitIndicator(string requested)
    {
        var eq = requested.IndexOf('=');
        return eq < 0 ? (requested.Trim(), null) : (requested[..eq].Trim(), requested[(eq + 1)..].Trim());
    }

    private Column Find(string name)
    {
        if (columns.TryGetValue(name, out var column)) return column;
        var close = order.Where(n => n.Contains(name, StringComparison.OrdinalIgnoreCase)
            || name.Contains(n, StringComparison.OrdinalIgnoreCase)).Take(8).ToList();
        throw new KeyNotFoundException(
            $"unknown attribute '{name}'" + (close.Count > 0 ? $" (did you mean {string.Join(", ", close)}?)" : "") +
            $"; {order.Count} valid names: {string.Join(", ", order.Take(60))}{(order.Count > 60 ? ", ..." : "")}" +
            (Files.Count > 0 ? $" (from {string.Join(", ", Files.Select(Path.GetFileName))})" : " (no attribute files were found)"));
    }
}
