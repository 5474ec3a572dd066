namespace HydroWorkshop.Data.Synthetic;

/// <summary>How many synthetic basins, which days, which seed.</summary>
public sealed record SyntheticCamelsOptions
{
    /// <summary>Number of basins (a few dozen by default).</summary>
    public int Basins { get; init; } = 32;

    /// <summary>First and last day of the forcing record (22 years by default).</summary>
    public DateOnly Start { get; init; } = new(1989, 1, 1);
    public DateOnly End { get; init; } = new(2010, 12, 31);

    /// <summary>Same seed, same files, byte for byte.</summary>
    public ulong Seed { get; init; } = 42;

    /// <summary>Fraction of basins with a gap of missing discharge (-999, flag M), as in real records.</summary>
    public double GapFraction { get; init; } = 0.3;

    public int Days => End.DayNumber - Start.DayNumber + 1;

    internal void Validate()
    {
        if (Basins is < 1 or > 9999) throw new ArgumentOutOfRangeException(nameof(Basins), $"between 1 and 9999 basins (got {Basins})");
        if (Days < 30) throw new ArgumentException($"the record must span at least 30 days (got {Start:yyyy-MM-dd}..{End:yyyy-MM-dd})");
        if (GapFraction is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(GapFraction), "GapFraction must lie in [0, 1]");
    }
}
