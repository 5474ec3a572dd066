namespace HydroWorkshop.Data;

/// <summary>
/// Collects dated rows (in any order, with gaps) and lays them out on one daily calendar; days without a row
/// stay NaN. Joining by date rather than by row is what keeps misaligned files correct.
/// </summary>
internal sealed class DailySeriesBuilder
{
    private readonly string path;
    private readonly string[] names;
    private readonly List<int> dayNumbers = new(8192);
    private readonly List<int> lines = new(8192);
    private readonly List<float>[] columns;

    public DailySeriesBuilder(string path, IReadOnlyList<string> names)
    {
        this.path = path;
        this.names = names.ToArray();
        columns = names.Select(_ => new List<float>(8192)).ToArray();
    }

    public int Count => dayNumbers.Count;

    public IReadOnlyList<string> Names => names;

    /// <summary>Adds one row; <paramref name="values"/> in the order of the names.</summary>
    public void Add(DateOnly date, ReadOnlySpan<float> values, int line)
    {
        dayNumbers.Add(date.DayNumber);
        lines.Add(line);
        for (var k = 0; k < columns.Length; k++) columns[k].Add(values[k]);
    }

    public DateOnly? First => Count == 0 ? null : DateOnly.FromDayNumber(dayNumbers.Min());
    public DateOnly? Last => Count == 0 ? null : DateOnly.FromDayNumber(dayNumbers.Max());

    /// <summary>Writes the rows into NaN-initialised arrays spanning <paramref name="start"/>.. + days;
    /// rows outside that span are ignored; a date seen twice is an error naming both lines.</summary>
    public Dictionary<string, float[]> Layout(DateOnly start, int days)
    {
        var result = new Dictionary<string, float[]>(StringComparer.OrdinalIgnoreCase);
        var arrays = new float[columns.Length][];
        for (var k = 0; k < columns.Length; k++)
        {
            arrays[k] = new float[days];
            Array.Fill(arrays[k], float.NaN);
            if (!result.TryAdd(names[k], arrays[k]))
                throw new DataFileException(path, $"column '{names[k]}' appears twice");
        }
        var seenAt = new int[days];
        for (var r = 0; r < dayNumbers.Count; r++)
        {
            var day = dayNumbers[r] - start.DayNumber;
            if (day < 0 || day >= days) continue;
            if (seenAt[day] != 0)
                throw new DataFileException(path, lines[r], DateOnly.FromDayNumber(dayNumbers[r]).ToString("yyyy-MM-dd"),
                    $"date repeated (first on line {seenAt[day]})");
            seenAt[day] = lines[r];
            for (var k = 0; k < columns.Length; k++) arrays[k][day] = columns[k][r];
        }
        return result;
    }
}
