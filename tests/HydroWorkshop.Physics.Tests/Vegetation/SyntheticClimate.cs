using HydroWorkshop.Physics.Vegetation;

namespace HydroWorkshop.Physics.Tests.Vegetation;

/// <summary>Synthetic European-like daily forcing for the vegetation tests: a sinusoidal seasonal temperature (coldest
/// mid-January, warmest mid-July) and seeded showers; precipitation in m/day like the real data set.</summary>
internal static class SyntheticClimate
{
    public static readonly DateOnly Start = new(2001, 1, 1);

    /// <summary>Daily mean temperature (°C) on day <paramref name="day"/> from <see cref="Start"/>.</summary>
    public static float Temperature(int day, double mean = 9, double amplitude = 11) =>
        (float)(mean + amplitude * Math.Sin(2 * Math.PI * (Start.AddDays(day).DayOfYear - 105) / 365.0));

    /// <summary>Seeded showers (m/day) with mean <paramref name="meanMm"/> mm/day: rain on about half of the days.</summary>
    public static float[] Showers(int days, double meanMm, int seed)
    {
        var random = new Random(seed);
        var rain = new float[days];
        for (int t = 0; t < days; t++)
            rain[t] = random.NextDouble() < 0.5 ? (float)(-Math.Log(1 - random.NextDouble()) * 2 * meanMm / 1000) : 0f;
        return rain;
    }

    /// <summary>Forcing of a single row of cells, each with its own precipitation series (m/day) and the same
    /// temperature series (°C), at <paramref name="latitude"/>.</summary>
    public static VegetationForcing Cells(float[][] precipitation, float[] temperature, float latitude = 50.5f)
    {
        int days = temperature.Length, columns = precipitation.Length;
        var p = new float[days * columns];
        var t = new float[days * columns];
        for (int d = 0; d < days; d++)
            for (int c = 0; c < columns; c++)
            {
                p[d * columns + c] = precipitation[c][d];
                t[d * columns + c] = temperature[d];
            }
        return VegetationForcing.FromMetresPerDay(p, t, days, 1, columns, [latitude], Start);
    }

    /// <summary>Seasonal temperature series of <paramref name="days"/> days.</summary>
    public static float[] Seasonal(int days, double mean = 9, double amplitude = 11) =>
        Enumerable.Range(0, days).Select(d => Temperature(d, mean, amplitude)).ToArray();

    /// <summary>Mean of a [time, 0, column] series over the days whose month is in <paramref name="months"/>.</summary>
    public static double MonthlyMean(float[,,] values, int column, params int[] months)
    {
        double sum = 0; int count = 0;
        for (int t = 0; t < values.GetLength(0); t++)
            if (months.Contains(Start.AddDays(t).Month)) { sum += values[t, 0, column]; count++; }
        return sum / count;
    }
}
