namespace HydroWorkshop.Data.Grids;

/// <summary>
/// One variable of a gridded file (netCDF-3 or netCDF-4), decoded: missing values (_FillValue, missing_value) are NaN,
/// scale_factor and add_offset applied, coordinates and the CF time axis read. Both <see cref="NetCdf3File"/> and
/// <see cref="NetCdf4File"/> give this type, through <see cref="GriddedFile.Read"/>.
/// </summary>
public sealed record GriddedVariable
{
    public required string Name { get; init; }

    /// <summary>The units attribute as written (the Rhine–Meuse forcing says "undefined": see its PROVENANCE.md), or null.</summary>
    public string? Units { get; init; }

    /// <summary>Dimension names, slowest first, e.g. [time, lat, lon].</summary>
    public required IReadOnlyList<string> DimensionNames { get; init; }

    /// <summary>Length of each dimension, e.g. [3652, 13, 17].</summary>
    public required IReadOnlyList<int> Shape { get; init; }

    /// <summary>The values, row-major over <see cref="Shape"/> (last dimension fastest); NaN where missing.</summary>
    public required float[] Data { get; init; }

    /// <summary>Cell-centre latitudes (°N) in file order: check <see cref="LatitudeDescending"/>. Null without a latitude axis.</summary>
    public double[]? Latitude { get; init; }

    /// <summary>Cell-centre longitudes (°E) in file order. Null without a longitude axis.</summary>
    public double[]? Longitude { get; init; }

    /// <summary>Dates of the time axis (decoded from CF "days/hours since ..."). Null without a time axis.</summary>
    public DateOnly[]? Time { get; init; }

    /// <summary>Which dimension is latitude, longitude and time (null where absent).</summary>
    public string? LatitudeDimension { get; init; }
    public string? LongitudeDimension { get; init; }
    public string? TimeDimension { get; init; }

    /// <summary>The variable's attributes as stored.</summary>
    public IReadOnlyList<NetCdfAttribute> Attributes { get; init; } = [];

    /// <summary>The file it came from.</summary>
    public string SourcePath { get; init; } = "";

    /// <summary>True when latitude decreases along its axis (row 0 is the north, as in PCRaster maps and images).</summary>
    public bool LatitudeDescending => Latitude is { Length: > 1 } lat && lat[0] > lat[^1];

    /// <summary>Rows of the grid (length of the latitude axis).</summary>
    public int Rows => Shape[Axis(LatitudeDimension, "latitude")];

    /// <summary>Columns of the grid (length of the longitude axis).</summary>
    public int Columns => Shape[Axis(LongitudeDimension, "longitude")];

    /// <summary>The regular north-up grid of the coordinates, or null when they are irregular or missing.</summary>
    public GridGeometry? Geometry => Latitude is null || Longitude is null ? null : GridGeometry.FromCentres(Latitude, Longitude);

    /// <summary>
    /// The same variable with latitude descending (north-up), so that row y of the maps is row y of a PCRaster map on the
    /// same grid; itself when already so. An ascending file (south first) is flipped along the latitude axis.
    /// </summary>
    public GriddedVariable NorthUp()
    {
        if (Latitude is null || LatitudeDescending || Latitude.Length < 2) return this;
        var axis = Axis(LatitudeDimension, "latitude");
        var outer = Shape.Take(axis).Aggregate(1L, (n, d) => n * d);
        var count = Shape[axis];
        var inner = (int)Shape.Skip(axis + 1).Aggregate(1L, (n, d) => n * d);
        var flipped = new float[Data.Length];
        for (var o = 0L; o < outer; o++)
            for (var i = 0; i < count; i++)
                Array.Copy(Data, (o * count + i) * inner, flipped, (o * count + count - 1 - i) * inner, inner);
        return this with { Data = flipped, Latitude = Latitude.Reverse().ToArray() };
    }

    /// <summary>The map [y, x] at time index <paramref name="t"/> of a [time, y, x] variable (a copy).</summary>
    public float[] Map(int t)
    {
        if (Shape.Count != 3) throw new InvalidOperationException(
            $"'{Name}' has shape [{string.Join(", ", Shape)}]; Map(t) needs [time, y, x]");
        ArgumentOutOfRangeException.ThrowIfNegative(t);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(t, Shape[0]);
        var cells = Shape[1] * Shape[2];
        return Data.AsSpan(t * cells, cells).ToArray();
    }

    /// <summary>The time indices from <paramref name="from"/> to <paramref name="to"/> (both included).</summary>
    public Range TimeRange(DateOnly from, DateOnly to)
    {
        if (Time is null) throw new InvalidOperationException($"'{Name}' ({SourcePath}) has no time axis");
        var start = Array.FindIndex(Time, d => d >= from);
        var end = Array.FindLastIndex(Time, d => d <= to);
        if (start < 0 || end < start) throw new ArgumentException(
            $"'{Name}' has no dates in {from:yyyy-MM-dd}..{to:yyyy-MM-dd} (it covers {Time[0]:yyyy-MM-dd}..{Time[^1]:yyyy-MM-dd})");
        return new Range(start, end + 1);
    }

    private int Axis(string? dimension, string what)
    {
        var index = dimension is null ? -1 : DimensionNames.ToList().IndexOf(dimension);
        return index >= 0 ? index : throw new InvalidOperationException(
            $"'{Name}' ({SourcePath}) has no {what} axis; its dimensions are {string.Join(", ", DimensionNames)}");
    }

    public override string ToString() =>
        $"{Name} [{string.Join(", ", DimensionNames.Zip(Shape, (d, n) => $"{d} {n}"))}] units '{Units}'" +
        (Time is { Length: > 0 } t ? $", {t[0]:yyyy-MM-dd}..{t[^1]:yyyy-MM-dd}" : "");
}
