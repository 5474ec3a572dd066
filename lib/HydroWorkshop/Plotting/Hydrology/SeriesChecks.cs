namespace HydroWorkshop.Plotting;

/// <summary>Argument checks for the hydrology charts, with messages that name the chart and the series.</summary>
internal static class SeriesChecks
{
    public static void NotEmpty<T>(string chart, string series, T[]? values)
    {
        if (values is null) throw new ArgumentNullException(series, $"{chart}: {series} is null");
        if (values.Length == 0) throw new ArgumentException($"{chart}: {series} is empty (nothing to draw)", series);
    }

    public static void SameLength<TA, TB>(string chart, string nameA, TA[] a, string nameB, TB[]? b)
    {
        if (b is not null && a.Length != b.Length)
            throw new ArgumentException($"{chart}: {nameB} has {b.Length} values but {nameA} has {a.Length}", nameB);
    }

    /// <summary>A map <c>[y, x]</c> must hold ny·nx values; ±∞ is an error (NaN is a gap).</summary>
    public static void Grid(string chart, string name, float[]? values, int ny, int nx, int frames = 1)
    {
        if (ny <= 0 || nx <= 0) throw new ArgumentOutOfRangeException(nameof(ny),
            $"{chart}: the grid must be at least 1x1, got ny={ny}, nx={nx}");
        if (values is null) throw new ArgumentNullException(name, $"{chart}: {name} is null");
        var expected = (long)frames * ny * nx;
        if (values.Length != expected)
            throw new ArgumentException(frames == 1
                ? $"{chart}: {name} has {values.Length} values but [y, x] = [{ny}, {nx}] needs {expected}"
                : $"{chart}: {name} has {values.Length} values but [time, y, x] = [{frames}, {ny}, {nx}] needs {expected}", name);
        for (var i = 0; i < values.Length; i++)
        {
            if (!float.IsInfinity(values[i])) continue;
            var cell = i % (ny * nx);
            var where = frames == 1 ? "" : $"t={i / (ny * nx)}, ";
            throw new ArgumentException(
                $"{chart}: {name}[{where}y={cell / nx}, x={cell % nx}] is {values[i]} (NaN draws as a gap; infinities are an error)", name);
        }
    }

    public static double[] CellCentres(int n, double spacing) => Enumerable.Range(0, n).Select(i => (i + 0.5) * spacing).ToArray();
}
