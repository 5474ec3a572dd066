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
}
