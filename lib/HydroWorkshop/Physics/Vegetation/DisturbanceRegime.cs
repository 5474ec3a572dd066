namespace HydroWorkshop.Physics.Vegetation;

/// <summary>How often and how hard disturbances strike, and the seeded draw of the events. Rates are per cell and year
/// of the 0.5° grid; severities are fractions of a whole cell (≈ 55 × 35 km), so they stand for the share of the cell
/// that is hit, which keeps them far below 1. WHY rare, patchy events: they give the target LAI drops that no forcing
/// explains, the part a ConvLSTM cannot learn from weather, so the notebook can show that error floor.</summary>
public sealed record DisturbanceRegime
{
    /// <summary>Expected windstorms per cell and year (a patch covers several cells, so a cell is hit more often).</summary>
    public double StormRate { get; init; } = 0.003;

    /// <summary>Expected fire ignitions per cell and year; an ignition only burns cells that are dry on its day.</summary>
    public double FireRate { get; init; } = 0.002;

    /// <summary>Expected clear-cuts per cell and year (single cells; forest cells only lose leaves).</summary>
    public double ClearCutRate { get; init; } = 0.004;

    /// <summary>No disturbances at all (for controlled experiments and tests).</summary>
    public static DisturbanceRegime None { get; } = new() { StormRate = 0, FireRate = 0, ClearCutRate = 0 };

    /// <summary>Draws the events of a simulation of <paramref name="days"/> days from <paramref name="start"/> on a
    /// <paramref name="rows"/> × <paramref name="columns"/> grid. The same seed gives the same list (System.Random with a
    /// seed is stable across .NET versions); the list is sorted by day.</summary>
    public IReadOnlyList<Disturbance> Draw(int days, int rows, int columns, DateOnly start, int seed)
    {
        if (days < 0 || rows <= 0 || columns <= 0)
            throw new ArgumentException($"grid must be non-empty and days non-negative; got days {days}, rows {rows}, columns {columns}");
        var random = new Random(seed);
        double cellYears = rows * columns * days / 365.25;
        var events = new List<Disturbance>();
        Add(events, random, DisturbanceKind.Storm, StormRate * cellYears, days, rows, columns, start);
        Add(events, random, DisturbanceKind.Fire, FireRate * cellYears, days, rows, columns, start);
        Add(events, random, DisturbanceKind.ClearCut, ClearCutRate * cellYears, days, rows, columns, start);
        return events.OrderBy(e => e.Day).ThenBy(e => e.Row).ThenBy(e => e.Column).ToList();
    }

    static void Add(List<Disturbance> events, Random random, DisturbanceKind kind, double expected, int days, int rows, int columns,
        DateOnly start)
    {
        int count = Poisson(random, expected);
        for (int i = 0; i < count; i++)
        {
            int day = DrawDay(random, kind, days, start);
            if (day < 0) continue;
            int row = random.Next(rows), column = random.Next(columns);
            (double radius, double severity) = kind switch
            {
                DisturbanceKind.Storm => (1.0 + 1.5 * random.NextDouble(), 0.2 + 0.3 * random.NextDouble()),
                DisturbanceKind.Fire => (1.5 * random.NextDouble(), 0.3 + 0.4 * random.NextDouble()),
                _ => (0.0, 0.15 + 0.2 * random.NextDouble()),
            };
            events.Add(new Disturbance(day, row, column, radius, kind, severity));
        }
    }

    /// <summary>A day in the kind's season (storms October-March, fires June-September, clear-cuts any time), or −1 when
    /// the run holds no such day.</summary>
    static int DrawDay(Random random, DisturbanceKind kind, int days, DateOnly start)
    {
        if (days == 0) return -1;
        for (int attempt = 0; attempt < 1000; attempt++)
        {
            int day = random.Next(days);
            int month = start.AddDays(day).Month;
            bool inSeason = kind switch
            {
                DisturbanceKind.Storm => month is >= 10 or <= 3,
                DisturbanceKind.Fire => month is >= 6 and <= 9,
                _ => true,
            };
            if (inSeason) return day;
        }
        return -1;
    }

    /// <summary>Knuth's Poisson sampler (fine for the small means here; the product underflows only past ~700).</summary>
    static int Poisson(Random random, double mean)
    {
        if (mean <= 0) return 0;
        if (mean > 500) return (int)Math.Round(mean);
        double limit = Math.Exp(-mean), product = random.NextDouble();
        int count = 0;
        while (product > limit) { count++; product *= random.NextDouble(); }
        return count;
    }
}
