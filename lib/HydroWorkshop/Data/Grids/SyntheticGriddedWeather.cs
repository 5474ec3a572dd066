using HydroWorkshop.Data.Synthetic;

namespace HydroWorkshop.Data.Grids;

/// <summary>Daily maps of a synthetic climate on a grid: precipitation (mm/day) and mean temperature (°C), each
/// [time * rows * columns], north-up, row-major.</summary>
public sealed record SyntheticMaps(float[] Precipitation, float[] Temperature);

/// <summary>
/// Weather as a video, made up but shaped like western Europe's: rain comes in storms, each a Gaussian blob of rain that
/// drifts east (Atlantic fronts, all year, more in winter: 3–6 cells wide, 1–2.5 cells a day) or sits for a day (summer
/// showers, a cell or two wide); mountains get more of it (orographic enhancement) and are colder (lapse rate). Temperature
/// is a seasonal cycle, warmer towards the sea and colder to the east in winter, plus a red-noise anomaly over the whole
/// map and a west–east tilt of its own. The terrain is <see cref="Elevation"/>. Deterministic by seed.
/// </summary>
public static class SyntheticGriddedWeather
{
    /// <summary>Long-term mean precipitation over the whole map, mm/day (the real Rhine–Meuse forcing: 2.9).</summary>
    public const double MeanPrecipitation = 2.9;

    private const double LapseRate = 0.0065;                     // °C per m
    private const double OrographicGain = 0.0006;                // extra rain per m of elevation (1,000 m: +60 %)

    /// <summary>A terrain for the Rhine–Meuse grid, m [rows * columns]: lowlands rising to the south, uplands (Ardennes,
    /// Eifel, Vosges, Black Forest, Swabian and Franconian hills) and the Alps along the southern rows east of the
    /// Jura; small seeded bumps on top.</summary>
    public static float[] Elevation(GridGeometry grid, ulong seed)
    {
        var random = SeededRandom.For(seed, 0xE1E7);
        (double Row, double Column, double Height, double Radius)[] hills =
        [
            (4.0, 4.5, 450, 1.3), (4.0, 6.5, 420, 1.0), (8.0, 6.0, 650, 1.0), (8.5, 8.5, 750, 1.0), (7.0, 11.5, 500, 1.4),
            (5.0, 13.5, 450, 1.5), (5.0, 16.0, 600, 1.2), (9.5, 4.0, 400, 1.5),
        ];
        var elevation = new float[grid.Cells];
        for (var r = 0; r < grid.Rows; r++)
            for (var c = 0; c < grid.Columns; c++)
            {
                var h = 10 + 30.0 * r;
                foreach (var hill in hills)
                {
                    var d2 = (r - hill.Row) * (r - hill.Row) + (c - hill.Column) * (c - hill.Column);
                    h += hill.Height * Math.Exp(-d2 / (2 * hill.Radius * hill.Radius));
                }
                // The Alps: from row 10 south, rising to the east of column 7.
                if (r >= 10) h += (r - 9) * 480 / (1 + Math.Exp(-(c - 8.0)));
                h += random.Normal(0, 40);
                elevation[r * grid.Columns + c] = (float)Math.Max(0, Math.Round(h));
            }
        return elevation;
    }

    /// <summary>Generates <paramref name="days"/> days from <paramref name="start"/> on <paramref name="grid"/> over
    /// <paramref name="elevation"/> (m).</summary>
    public static SyntheticMaps Generate(GridGeometry grid, float[] elevation, DateOnly start, int days, ulong seed,
        CancellationToken cancellationToken = default)
    {
        var random = SeededRandom.For(seed, 0x3EA7);
        var cells = grid.Cells;
        var precipitation = new float[days * cells];
        var temperature = new float[days * cells];
        var storms = new List<Storm>();
        double anomaly = 0, tilt = 0;
        var field = new double[cells];
        for (var d = 0; d < days; d++)
        {
            if ((d & 127) == 0) cancellationToken.ThrowIfCancellationRequested();
            var doy = start.AddDays(d).DayOfYear;
            var winter = Math.Cos(2 * Math.PI * (doy - 15) / 365.25);                  // 1 in mid-January, -1 in mid-July
            // Fronts form over the western two thirds and drift east; a day sees about 0.5 new fronts in summer, 0.9 in winter.
            // Storm centres also fall a few cells beyond the map, so its edges get their share of rain.
            for (var k = Poisson(random, 0.7 + 0.2 * winter); k > 0; k--)
                storms.Add(new Storm(random.Uniform(-3, grid.Rows + 3), random.Uniform(-6, grid.Columns - 6), random.Uniform(3, 6) / 2,
                    random.Gamma(1.5, 6.0 / 1.5), random.Uniform(1, 2.5), random.Normal(0, 0.4), random.Uniform(0.8, 0.95)));
            // Summer showers: anywhere, a day long.
            for (var k = Poisson(random, 1.6 * Math.Max(0, -winter)); k > 0; k--)
                storms.Add(new Storm(random.Uniform(-1, grid.Rows + 1), random.Uniform(-1, grid.Columns + 1), random.Uniform(0.6, 1.3),
                    random.Gamma(1.2, 10.0 / 1.2), 0, 0, 0));
            Array.Clear(field);
            foreach (var s in storms)
                for (var r = 0; r < grid.Rows; r++)
                    for (var c = 0; c < grid.Columns; c++)
                    {
                        var d2 = (r - s.Row) * (r - s.Row) + (c - s.Column) * (c - s.Column);
                        field[r * grid.Columns + c] += s.Intensity * Math.Exp(-d2 / (2 * s.Radius * s.Radius));
                    }
            for (var k = storms.Count - 1; k >= 0; k--)
            {
                var s = storms[k];
                var moved = s with { Row = s.Row - s.Northward, Column = s.Column + s.Eastward, Intensity = s.Intensity * s.Persistence };
                if (moved.Intensity < 0.3 || moved.Column - 2 * moved.Radius > grid.Columns) storms.RemoveAt(k);
                else storms[k] = moved;
            }

            anomaly = 0.8 * anomaly + random.Normal(0, 1.6);
            tilt = 0.8 * tilt + random.Normal(0, 0.12);
            for (var i = 0; i < cells; i++)
            {
                var (r, c) = (i / grid.Columns, i % grid.Columns);
                var rain = field[i] * (1 + OrographicGain * elevation[i]);
                precipitation[d * cells + i] = rain < 0.1 ? 0f : (float)rain;
                var lon = grid.CellCentreX(c) - grid.CellCentreX(0);
                var lat = grid.CellCentreY(r);
                var mean = 11.5 - 0.25 * (lat - 50) - 0.1 * lon - LapseRate * elevation[i];
                var amplitude = 7.0 + 0.25 * lon;                                        // more continental to the east
                var t = mean - amplitude * winter + anomaly + tilt * (lon - 4) - 0.08 * Math.Min(rain, 25);
                temperature[d * cells + i] = (float)Math.Round(t, 2);
            }
        }
        // Scale the rain to the long-term mean (the storms' statistics set the pattern, this sets the amount).
        var scale = MeanPrecipitation / precipitation.Average(v => (double)v);
        for (var i = 0; i < precipitation.Length; i++) precipitation[i] = (float)Math.Round(precipitation[i] * scale, 2);
        return new SyntheticMaps(precipitation, temperature);
    }

    private sealed record Storm(double Row, double Column, double Radius, double Intensity, double Eastward, double Northward,
        double Persistence);

    private static int Poisson(SeededRandom random, double mean)
    {
        // Knuth's method: fine for the small means used here.
        var limit = Math.Exp(-Math.Max(0, mean));
        var k = 0;
        for (var p = random.NextDouble(); p > limit; p *= random.NextDouble()) k++;
        return k;
    }
}
