namespace HydroWorkshop.Data;

/// <summary>
/// The daily record of one basin as read from disk: every variable on one calendar, day 0 = <see cref="Start"/>,
/// missing values as NaN (never filled). Discharge is in mm/day whatever the file's unit.
/// </summary>
public sealed class BasinRecord
{
    private readonly Dictionary<string, float[]> series;

    public BasinRecord(string basinId, DateOnly start, int days, IReadOnlyDictionary<string, float[]> variables,
        double? latitude = null, double? elevation = null, double? areaSquareMetres = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(basinId);
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        BasinId = basinId;
        Start = start;
        Days = days;
        series = new Dictionary<string, float[]>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in variables)
        {
            if (values.Length != days)
                throw new ArgumentException($"basin {basinId}: variable '{name}' has {values.Length} values for {days} days",
                    nameof(variables));
            series[name] = values;
        }
        Latitude = latitude;
        Elevation = elevation;
        AreaSquareMetres = areaSquareMetres;
    }

    public string BasinId { get; }

    /// <summary>The first day of the record.</summary>
    public DateOnly Start { get; }

    /// <summary>Number of days, the length of every series.</summary>
    public int Days { get; }

    /// <summary>The last day of the record.</summary>
    public DateOnly End => Start.AddDays(Days - 1);

    /// <summary>Gauge latitude (degrees north) from the forcing header, when the format has one.</summary>
    public double? Latitude { get; }

    /// <summary>Gauge elevation (m) from the forcing header, when the format has one.</summary>
    public double? Elevation { get; }

    /// <summary>Basin area (m2) from the forcing header, when the format has one.</summary>
    public double? AreaSquareMetres { get; }

    /// <summary>Variable names, in file order.</summary>
    public IReadOnlyCollection<string> VariableNames => series.Keys;

    /// <summary>The series of <paramref name="name"/> (case-insensitive), <c>[day]</c>; errors list the valid names.</summary>
    public float[] this[string name] => series.TryGetValue(name, out var values)
        ? values
        : throw new KeyNotFoundException($"basin {BasinId} has no variable '{name}'; valid names: {string.Join(", ", series.Keys)}");

    public bool Contains(string name) => series.ContainsKey(name);

    /// <summary>The day index of <paramref name="date"/> (may lie outside 0..Days-1).</summary>
    public int DayOf(DateOnly date) => date.DayNumber - Start.DayNumber;

    /// <summary>The value of <paramref name="name"/> on <paramref name="date"/>, NaN when missing or outside the record.</summary>
    public float ValueOn(string name, DateOnly date)
    {
        var day = DayOf(date);
        return day >= 0 && day < Days ? this[name][day] : float.NaN;
    }

    public override string ToString() => $"basin {BasinId}: {Days} days {Start:yyyy-MM-dd} .. {End:yyyy-MM-dd}, {series.Count} variables";
}
