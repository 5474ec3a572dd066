namespace HydroWorkshop.Plotting.Tests;

internal static class TestData
{
    public static DateTime[] Days(int n) => Enumerable.Range(0, n).Select(d => new DateTime(2000, 1, 1).AddDays(d)).ToArray();

    public static double[] Wave(int n, double phase = 0) => Enumerable.Range(0, n).Select(i => 5 + 3 * Math.Sin(0.1 * i + phase)).ToArray();

    /// <summary>[time, y, x] depth stack: a front moving in +x.</summary>
    public static float[] Stack(int frames, int ny, int nx, double lag = 1)
    {
        var depth = new float[frames * ny * nx];
        for (var t = 0; t < frames; t++)
            for (var j = 0; j < ny; j++)
                for (var i = 0; i < nx; i++)
                    depth[(t * ny + j) * nx + i] = (float)Math.Max(0, 0.4 * (1 - i / (lag * (2 + nx * (t + 1.0) / frames))));
        return depth;
    }

    /// <summary>Daily discharge (mm/day) with recessions after storms: positive, skewed, 0.2 to about 8.</summary>
    public static double[] Discharge(int n, int seed = 1)
    {
        var random = new Random(seed);
        var q = new double[n];
        var store = 1.0;
        for (var i = 0; i < n; i++)
        {
            if (random.NextDouble() < 0.08) store += 2 + 4 * random.NextDouble();
            store *= 0.9;
            q[i] = 0.2 + store + 0.3 * Math.Sin(2 * Math.PI * i / 365);
        }
        return q;
    }

    /// <summary>Daily precipitation (mm/day): mostly dry, showers up to about 40.</summary>
    public static double[] Rain(int n, int seed = 3)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, n).Select(_ => random.NextDouble() < 0.3 ? 40 * Math.Pow(random.NextDouble(), 2) : 0).ToArray();
    }

    /// <summary>A loss falling exponentially from <paramref name="first"/> to <paramref name="last"/> over n epochs.</summary>
    public static double[] Loss(int n, double first, double last) =>
        Enumerable.Range(0, n).Select(i => first * Math.Pow(last / first, i / (n - 1.0))).ToArray();
}
