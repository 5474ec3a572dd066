namespace HydroWorkshop.Physics.Vegetation;

/// <summary>Daily gridded weather that drives <see cref="VegetationModel"/> and <see cref="SimpleVegetationModel"/>:
/// precipitation (kept in mm/day) and daily mean temperature (°C), flat row-major [time, y, x], with one latitude per
/// row. WHY its own type: the Rhine-Meuse files store precipitation in m/day, and a factor-1000 slip would silently
/// turn every cell into a desert or a swamp; the factories check units and shapes once, naming the offending value.</summary>
public sealed class VegetationForcing
{
    /// <summary>Precipitation (mm/day), flat [time, y, x].</summary>
    public float[] PrecipitationMm { get; }

    /// <summary>Daily mean air temperature (°C), flat [time, y, x].</summary>
    public float[] Temperature { get; }

    /// <summary>Latitude (°N) of each row, [y].</summary>
    public float[] Latitudes { get; }

    /// <summary>Date of time index 0.</summary>
    public DateOnly Start { get; }

    /// <summary>Number of days.</summary>
    public int Days { get; }

    /// <summary>Number of rows (y).</summary>
    public int Rows { get; }

    /// <summary>Number of columns (x).</summary>
    public int Columns { get; }

    /// <summary>Cells per day (rows × columns).</summary>
    public int Cells => Rows * Columns;

    VegetationForcing(float[] precipitationMm, float[] temperature, float[] latitudes, DateOnly start, int days, int rows, int columns)
    {
        PrecipitationMm = precipitationMm; Temperature = temperature; Latitudes = latitudes;
        Start = start; Days = days; Rows = rows; Columns = columns;
    }

    /// <summary>Forcing from the data set's units: precipitation in m/day (as in the Rhine-Meuse netCDF files) and
    /// temperature in °C, both [time, y, x]; <paramref name="latitudes"/> [y] in °N.</summary>
    public static VegetationForcing FromMetresPerDay(float[,,] precipitation, float[,,] temperature, float[] latitudes, DateOnly start)
    {
        ArgumentNullException.ThrowIfNull(precipitation);
        ArgumentNullException.ThrowIfNull(temperature);
        int days = precipitation.GetLength(0), rows = precipitation.GetLength(1), columns = precipitation.GetLength(2);
        if (temperature.GetLength(0) != days || temperature.GetLength(1) != rows || temperature.GetLength(2) != columns)
            throw new ArgumentException(
                $"temperature is [{temperature.GetLength(0)}, {temperature.GetLength(1)}, {temperature.GetLength(2)}], precipitation [{days}, {rows}, {columns}]: they must match",
                nameof(temperature));
        return FromMetresPerDay(Flatten(precipitation), Flatten(temperature), days, rows, columns, latitudes, start);
    }

    /// <summary>Forcing from flat row-major [time, y, x] arrays: precipitation in m/day, temperature in °C.</summary>
    public static VegetationForcing FromMetresPerDay(float[] precipitation, float[] temperature, int days, int rows, int columns,
        float[] latitudes, DateOnly start)
    {
        ArgumentNullException.ThrowIfNull(precipitation);
        ArgumentNullException.ThrowIfNull(temperature);
        ArgumentNullException.ThrowIfNull(latitudes);
        if (days <= 0 || rows <= 0 || columns <= 0)
            throw new ArgumentException($"shape [{days}, {rows}, {columns}] must be positive in every dimension");
        long expected = (long)days * rows * columns;
        if (precipitation.Length != expected)
            throw new ArgumentException(
                $"precipitation has {precipitation.Length} values, shape [{days}, {rows}, {columns}] needs {expected}",
                nameof(precipitation));
        if (temperature.Length != expected)
            throw new ArgumentException($"temperature has {temperature.Length} values, shape [{days}, {rows}, {columns}] needs {expected}",
                nameof(temperature));
        if (latitudes.Length != rows)
            throw new ArgumentException($"latitudes has {latitudes.Length} values, one per row ({rows}) is needed", nameof(latitudes));
        for (int r = 0; r < rows; r++)
            if (!float.IsFinite(latitudes[r]) || Math.Abs(latitudes[r]) > 90)
                throw new ArgumentOutOfRangeException(nameof(latitudes), $"latitudes[{r}] = {latitudes[r]} is not within -90..90 °N");
        var millimetres = new float[precipitation.Length];
        for (int i = 0; i < precipitation.Length; i++)
        {
            float p = precipitation[i], t = temperature[i];
            if (!float.IsFinite(p) || p < 0)
                throw new ArgumentOutOfRangeException(nameof(precipitation),
                    $"precipitation{Index(i, rows, columns)} = {p}: must be finite and non-negative (m/day)");
            if (p > 1)
                throw new ArgumentOutOfRangeException(nameof(precipitation),
                    $"precipitation{Index(i, rows, columns)} = {p} m/day is over a metre a day: pass m/day (the data set's unit), not mm/day");
            if (!float.IsFinite(t) || t < -80 || t > 60)
                throw new ArgumentOutOfRangeException(nameof(temperature),
                    $"temperature{Index(i, rows, columns)} = {t}: must be a daily mean in °C within -80..60 (Kelvin? subtract 273.15)");
            millimetres[i] = p * 1000f;
        }
        return new VegetationForcing(millimetres, (float[])temperature.Clone(), (float[])latitudes.Clone(), start, days, rows, columns);
    }

    /// <summary>The date of time index <paramref name="day"/>.</summary>
    public DateOnly DateOf(int day) => Start.AddDays(day);

    /// <summary>Mean annual temperature (°C) and precipitation (mm/year) per cell, flat [y, x]: the climate the land-cover
    /// map is drawn from.</summary>
    public (double[] MeanTemperature, double[] AnnualPrecipitation) Climatology()
    {
        var temperature = new double[Cells];
        var precipitation = new double[Cells];
        for (int t = 0; t < Days; t++)
            for (int c = 0; c < Cells; c++)
            {
                temperature[c] += Temperature[t * Cells + c];
                precipitation[c] += PrecipitationMm[t * Cells + c];
            }
        for (int c = 0; c < Cells; c++)
        {
            temperature[c] /= Days;
            precipitation[c] *= 365.25 / Days;
        }
        return (temperature, precipitation);
    }

    static string Index(int flat, int rows, int columns) =>
        $"[{flat / (rows * columns)}, {flat / columns % rows}, {flat % columns}]";

    static float[] Flatten(float[,,] values)
    {
        var flat = new float[values.Length];
        Buffer.BlockCopy(values, 0, flat, 0, values.Length * sizeof(float));
        return flat;
    }
}
