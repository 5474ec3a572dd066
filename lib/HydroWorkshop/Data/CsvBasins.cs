namespace HydroWorkshop.Data;

/// <summary>
/// Basins as one CSV per basin (<c>&lt;basin&gt;.csv</c>: a <c>date</c> column in yyyy-MM-dd, then one column per
/// variable, empty fields missing) plus attribute CSVs with a <c>gauge_id</c> column. This is Caravan's format
/// (<see cref="Caravan"/>) and the way to bring your own basins.
/// </summary>
public sealed class CsvBasins : IBasinSource
{
    private readonly Dictionary<string, string> files;
    private readonly Lazy<AttributeTable> attributes;

    /// <param name="timeSeriesFolder">Folder of <c>&lt;basin&gt;.csv</c> files, or one such file (a single basin).</param>
    /// <param name="attributeFiles">Attribute CSVs (comma separated, first column gauge_id); may be empty.</param>
    /// <param name="dischargeName">The column of observed discharge in mm/day.</param>
    /// <param name="description">How messages name this source.</param>
    public CsvBasins(string timeSeriesFolder, IEnumerable<string> attributeFiles, string dischargeName = "streamflow",
        string? description = null)
    {
        if (File.Exists(timeSeriesFolder) && timeSeriesFolder.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
            files = new Dictionary<string, string>(StringComparer.Ordinal) { [Path.GetFileNameWithoutExtension(timeSeriesFolder)] =
                timeSeriesFolder };
        else if (Directory.Exists(timeSeriesFolder))
            files = Directory.GetFiles(timeSeriesFolder, "*.csv").ToDictionary(f => Path.GetFileNameWithoutExtension(f),
                StringComparer.Ordinal);
        else throw new DirectoryNotFoundException($"time-series folder '{timeSeriesFolder}' does not exist (nor is it a <basin>.csv file)");
        TimeSeriesFolder = timeSeriesFolder;
        if (files.Count == 0) throw new FileNotFoundException($"{timeSeriesFolder} holds no <basin>.csv file");
        BasinIds = files.Keys.Order(StringComparer.Ordinal).ToArray();
        var attributeList = attributeFiles.ToArray();
        foreach (var f in attributeList.Where(f => !File.Exists(f))) throw new FileNotFoundException($"attribute file '{f}' does not exist",
            f);
        attributes = new Lazy<AttributeTable>(() => attributeList.Length == 0 ? AttributeTable.Empty
            : AttributeTable.Read(attributeList, ','));
        var firstHeader = File.ReadLines(files[BasinIds[0]]).FirstOrDefault()
            ?? throw new DataFileException(files[BasinIds[0]], "file is empty");
        VariableNames = ParseHeader(files[BasinIds[0]], firstHeader)[1..];
        DischargeName = dischargeName;
        Description = description ?? $"CSV basins in {timeSeriesFolder}";
    }

    public string TimeSeriesFolder { get; }
    public string Description { get; }
    public IReadOnlyList<string> BasinIds { get; }
    public IReadOnlyList<string> VariableNames { get; }
    public string DischargeName { get; }
    public AttributeTable Attributes => attributes.Value;

    public BasinRecord ReadBasin(string basinId)
    {
        if (!files.TryGetValue(basinId, out var path))
            throw new FileNotFoundException(
                $"basin '{basinId}': no {basinId}.csv in {TimeSeriesFolder} ({files.Count} basins there, e.g. {string.Join(", ", BasinIds.Take(5))})");
        return ReadFile(basinId, path);
    }

    /// <summary>Reads one basin CSV: header <c>date,v1,v2,...</c>; empty fields and "nan" are missing.</summary>
    public static BasinRecord ReadFile(string basinId, string path)
    {
        using var reader = new StreamReader(path);
        var headerLine = reader.ReadLine() ?? throw new DataFileException(path, "file is empty");
        var header = ParseHeader(path, headerLine);
        var names = header[1..];
        var rows = new DailySeriesBuilder(path, names);
        Span<Range> fields = stackalloc Range[header.Length + 1];
        var values = new float[names.Length];
        var number = 1;
        while (reader.ReadLine() is { } line)
        {
            number++;
            var span = line.AsSpan();
            if (span.Trim().IsEmpty) continue;
            var count = TextRows.Split(span, fields, [','], mergeSeparators: false);
            if (count != header.Length)
                throw new DataFileException(path, number, line,
                    $"expected {header.Length} fields, found {(count > header.Length ? "more" : count.ToString(System.Globalization.CultureInfo.InvariantCulture))}");
            var date = TextRows.ParseIsoDate(span[fields[0]].Trim(), path, number, line);
            for (var k = 0; k < names.Length; k++)
            {
                var text = span[fields[k + 1]].Trim();
                values[k] = text.IsEmpty || text.Equals("nan", StringComparison.OrdinalIgnoreCase)
                    || text.Equals("NA", StringComparison.Ordinal)
                    ? float.NaN
                    : TextRows.ParseFloat(text, path, number, line, names[k]);
            }
            rows.Add(date, values, number);
        }
        if (rows.Count == 0) throw new DataFileException(path, "file has a header but no rows");
        var start = rows.First!.Value;
        var days = rows.Last!.Value.DayNumber - start.DayNumber + 1;
        return new BasinRecord(basinId, start, days, rows.Layout(start, days));
    }

    private static string[] ParseHeader(string path, string headerLine)
    {
        var header = headerLine.Split(',').Select(h => h.Trim()).ToArray();
        if (header.Length < 2 || !header[0].Equals("date", StringComparison.OrdinalIgnoreCase))
            throw new DataFileException(path, 1, headerLine, "the first column must be 'date' followed by the variables");
        return header;
    }
}
