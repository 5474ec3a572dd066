namespace HydroWorkshop.Plotting.Benchmarks;

/// <summary>Deterministic synthetic inputs of the benchmark sizes (no data files needed).</summary>
public static class SyntheticData
{
    /// <summary>A daily record of <paramref name="years"/> years: storms (mm/d) and a linear-reservoir response (m³/s).</summary>
    public static (DateTime[] Time, double[] Precipitation, double[] Observed, double[] Simulated) DailyRecord(int years, int seed = 1)
    {
        var random = new Random(seed);
        var n = (int)(years * 365.25);
        var time = Enumerable.Range(0, n).Select(d => new DateTime(1980, 10, 1).AddDays(d)).ToArray();
        var rain = new double[n];
        var observed = new double[n];
        var simulated = new double[n];
        double storeObserved = 20, storeSimulated = 20;
        for (var d = 0; d < n; d++)
        {
            var season = 1 + 0.6 * Math.Cos(2 * Math.PI * d / 365.25);
            rain[d] = random.NextDouble() < 0.3 * season ? Math.Round(-Math.Log(random.NextDouble()) * 8 * season, 1) : 0;
            storeObserved += rain[d];
            storeSimulated += 0.95 * rain[d];
            observed[d] = Math.Round(0.06 * storeObserved * (1 + 0.05 * (random.NextDouble() - 0.5)), 3);
            simulated[d] = Math.Round(0.055 * storeSimulated, 3);
            storeObserved -= 0.06 * storeObserved;
            storeSimulated -= 0.055 * storeSimulated;
        }
        // A gauge outage: missing observations are NaN and must show as a gap.
        for (var d = n / 3; d < n / 3 + 40 && d < n; d++) observed[d] = double.NaN;
        return (time, rain, observed, simulated);
    }

    /// <summary>A dam-break-like wave [time, y, x] on an ny x nx grid with a square obstacle; the "model" is the
    /// solver slightly delayed and smoothed.</summary>
    public static (float[] Solver, float[] Model, bool[] Obstacles, double[] Times) DepthStack(int frames, int ny, int nx)
    {
        var solver = new float[frames * ny * nx];
        var model = new float[solver.Length];
        var obstacles = new bool[ny * nx];
        for (var j = ny * 2 / 5; j < ny * 3 / 5; j++)
            for (var i = nx / 2; i < nx / 2 + nx / 16; i++) obstacles[j * nx + i] = true;
        for (var t = 0; t < frames; t++)
            for (var j = 0; j < ny; j++)
                for (var i = 0; i < nx; i++)
                {
                    var cell = j * nx + i;
                    if (obstacles[cell]) continue;
                    var front = 0.15 * nx + 0.8 * nx * t / Math.Max(1, frames - 1);
                    var wave = Math.Sin(0.3 * j + 0.1 * t) * 0.02;
                    var at = t * ny * nx + cell;
                    solver[at] = (float)Math.Max(0, 0.5 * (1 - i / front) + wave);
                    model[at] = (float)Math.Max(0, 0.5 * (1 - i / (front * 0.97)) + 0.8 * wave);
                }
        return (solver, model, obstacles, Enumerable.Range(0, frames).Select(t => t * 0.5).ToArray());
    }
}
