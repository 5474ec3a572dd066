namespace HydroWorkshop.FloodData;

/// <summary>
/// Random terrain of the kind the D-HYDRO dike-breach simulations (Bentivoglio et al. 2023) ran on: 2D Perlin gradient
/// noise (random unit gradients on a square lattice, quintic fade) scaled by an amplitude. Like their generator, the
/// lattice has <c>frequency</c> cells across the domain, drawn between 4 and 12, and the amplitude is drawn between 1 and 6,
/// which gave, over 48 maps, elevations within ±3.7 m, standard deviations of 0.22–1.28 m and a lag-1 autocorrelation along
/// x of 0.87–0.99; their 90 DEMs: −4.2..4.5 m, 0.21–1.24 m, 0.89–0.98. Cell (0, 0) sits on a lattice point, so its elevation
/// is 0 m, as in their DEMs. Maps are row-major <c>[y, x]</c>, row 0 the southmost.
/// </summary>
public static class PerlinTerrain
{
    /// <summary>Range of the lattice frequency (lattice cells across the domain) that <see cref="Sample"/> draws from.</summary>
    public const double MinFrequency = 4, MaxFrequency = 12;
    /// <summary>Range of the amplitude (m per unit of noise) that <see cref="Sample"/> draws from.</summary>
    public const double MinAmplitude = 1, MaxAmplitude = 6;

    /// <summary>A terrain with frequency and amplitude drawn from their ranges, then the noise, all from
    /// <paramref name="random"/>.</summary>
    public static (float[] Elevation, double Frequency, double Amplitude) Sample(Random random, int rows, int columns)
    {
        ArgumentNullException.ThrowIfNull(random);
        var frequency = MinFrequency + (MaxFrequency - MinFrequency) * random.NextDouble();
        var amplitude = MinAmplitude + (MaxAmplitude - MinAmplitude) * random.NextDouble();
        return (Generate(random, rows, columns, frequency, amplitude), frequency, amplitude);
    }

    /// <summary>Elevation (m) <c>[rows, columns]</c>, rounded to 0.01 mm (the 5 decimals the DEM files hold), so a map
    /// read back from a file is the one that was simulated.</summary>
    /// <param name="random">Draws the lattice gradients.</param>
    /// <param name="rows">Cells along y.</param>
    /// <param name="columns">Cells along x.</param>
    /// <param name="frequency">Lattice cells across the domain (along the longer side); larger is rougher.</param>
    /// <param name="amplitude">Scale (m) of the noise, whose values lie within ±0.71.</param>
    public static float[] Generate(Random random, int rows, int columns, double frequency, double amplitude)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (rows < 1 || columns < 1) throw new ArgumentOutOfRangeException(nameof(rows),
            $"grid must have at least 1 x 1 cells (got {rows} x {columns})");
        if (!(frequency > 0) || !double.IsFinite(frequency)) throw new ArgumentOutOfRangeException(nameof(frequency), frequency,
            "lattice frequency must be positive");
        if (!double.IsFinite(amplitude)) throw new ArgumentOutOfRangeException(nameof(amplitude), amplitude,
            "amplitude must be finite (m)");
        var scale = frequency / Math.Max(rows, columns);
        var latticeX = (int)Math.Floor((columns - 1) * scale) + 2;
        var latticeY = (int)Math.Floor((rows - 1) * scale) + 2;
        var gradients = new (double X, double Y)[latticeX * latticeY];
        for (var k = 0; k < gradients.Length; k++)
        {
            var angle = 2 * Math.PI * random.NextDouble();
            gradients[k] = (Math.Cos(angle), Math.Sin(angle));
        }
        var elevation = new float[rows * columns];
        for (var row = 0; row < rows; row++)
            for (var column = 0; column < columns; column++)
            {
                var (x, y) = (column * scale, row * scale);
                var (i, j) = ((int)Math.Floor(x), (int)Math.Floor(y));
                var (fx, fy) = (x - i, y - j);
                double Corner(int di, int dj)
                {
                    var g = gradients[(j + dj) * latticeX + i + di];
                    return g.X * (fx - di) + g.Y * (fy - dj);
                }
                var (sx, sy) = (Fade(fx), Fade(fy));
                var south = Corner(0, 0) + sx * (Corner(1, 0) - Corner(0, 0));
                var north = Corner(0, 1) + sx * (Corner(1, 1) - Corner(0, 1));
                elevation[row * columns + column] = (float)Math.Round(amplitude * (south + sy * (north - south)), 5);
            }
        return elevation;
    }

    private static double Fade(double t) => t * t * t * (t * (6 * t - 15) + 10);
}
