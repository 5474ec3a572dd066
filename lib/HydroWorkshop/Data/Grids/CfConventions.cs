namespace HydroWorkshop.Data.Grids;

/// <summary>A coordinate variable (1-D, named like its dimension): values and attributes.</summary>
internal sealed record CoordinateVariable(double[] Values, IReadOnlyList<NetCdfAttribute> Attributes);

/// <summary>
/// The CF-convention decoding both netCDF readers share: which dimension is latitude, longitude or time, missing values
/// and packing. Kept in one place so that a netCDF-3 and a netCDF-4 copy of the same data decode identically.
/// </summary>
internal static class CfConventions
{
    /// <summary>netCDF's default fill of float variables (NC_FILL_FLOAT): unwritten values of a file without _FillValue.</summary>
    private const float DefaultFloatFill = 9.96921e36f;

    private static readonly string[] NorthUnits = ["degrees_north", "degree_north", "degree_n", "degrees_n", "degreen", "degreesn"];
    private static readonly string[] EastUnits = ["degrees_east", "degree_east", "degree_e", "degrees_e", "degreee", "degreese"];

    /// <summary>Builds the decoded variable.</summary>
    /// <param name="path">The file, for errors.</param>
    /// <param name="name">Variable name.</param>
    /// <param name="dimensions">Its dimension names, slowest first.</param>
    /// <param name="shape">Its shape.</param>
    /// <param name="raw">Stored values (row-major), fill values still in place.</param>
    /// <param name="attributes">Its attributes.</param>
    /// <param name="isFloat">Stored as float: the default netCDF fill counts as missing when there is no _FillValue.</param>
    /// <param name="coordinate">The coordinate variable of a dimension, or null when the file has none.</param>
    public static GriddedVariable Build(string path, string name, IReadOnlyList<string> dimensions, IReadOnlyList<int> shape, float[] raw,
        IReadOnlyList<NetCdfAttribute> attributes, bool isFloat, Func<string, CoordinateVariable?> coordinate)
    {
        string? latitude = null, longitude = null, time = null;
        double[]? latitudes = null, longitudes = null;
        DateOnly[]? dates = null;
        foreach (var dimension in dimensions)
        {
            var c = coordinate(dimension);
            if (latitude is null && IsLatitude(dimension, c))
            {
                (latitude, latitudes) = (dimension, c?.Values);
            }
            else if (longitude is null && IsLongitude(dimension, c))
            {
                (longitude, longitudes) = (dimension, c?.Values);
            }
            else if (time is null && c is not null && IsTime(dimension, c))
            {
                time = dimension;
                dates = CfTime.Decode(c.Values, c.Attributes.TextOf("units"), c.Attributes.TextOf("calendar"), path, dimension);
            }
        }
        return new GriddedVariable
        {
            Name = name,
            Units = attributes.TextOf("units"),
            DimensionNames = dimensions,
            Shape = shape,
            Data = Unpack(raw, attributes, isFloat),
            Latitude = latitudes,
            Longitude = longitudes,
            Time = dates,
            LatitudeDimension = latitude,
            LongitudeDimension = longitude,
            TimeDimension = time,
            Attributes = attributes,
            SourcePath = path,
        };
    }

    /// <summary>Missing values to NaN (_FillValue, missing_value, outside valid_min/valid_max/valid_range), then
    /// value × scale_factor + add_offset. Works in place on <paramref name="raw"/> and returns it.</summary>
    public static float[] Unpack(float[] raw, IReadOnlyList<NetCdfAttribute> attributes, bool isFloat)
    {
        var missing = new List<float>();
        var fill = attributes.Find("_FillValue");
        if (fill?.Number is double f) missing.Add((float)f);
        else if (isFloat) missing.Add(DefaultFloatFill);
        if (attributes.Find("missing_value") is { IsText: false } m) missing.AddRange(m.Values.Select(v => (float)v));
        var range = attributes.Find("valid_range");
        var low = range is { Values.Count: 2 } ? range.Values[0] : attributes.Find("valid_min")?.Number ?? double.NegativeInfinity;
        var high = range is { Values.Count: 2 } ? range.Values[1] : attributes.Find("valid_max")?.Number ?? double.PositiveInfinity;
        var scale = attributes.Find("scale_factor")?.Number ?? 1.0;
        var offset = attributes.Find("add_offset")?.Number ?? 0.0;
        var packed = scale != 1.0 || offset != 0.0;
        for (var i = 0; i < raw.Length; i++)
        {
            var v = raw[i];
            if (missing.Contains(v) || v < low || v > high) raw[i] = float.NaN;
            else if (packed) raw[i] = (float)(v * scale + offset);
        }
        return raw;
    }

    public static bool IsLatitude(string dimension, CoordinateVariable? c) =>
        HasUnits(c, NorthUnits) || c?.Attributes.TextOf("standard_name") == "latitude"
        || (c?.Attributes.TextOf("axis") is null && dimension.ToLowerInvariant() is "lat" or "latitude");

    public static bool IsLongitude(string dimension, CoordinateVariable? c) =>
        HasUnits(c, EastUnits) || c?.Attributes.TextOf("standard_name") == "longitude"
        || (c?.Attributes.TextOf("axis") is null && dimension.ToLowerInvariant() is "lon" or "longitude");

    public static bool IsTime(string dimension, CoordinateVariable c) =>
        c.Attributes.TextOf("standard_name") == "time" || c.Attributes.TextOf("axis") == "T"
        || (c.Attributes.TextOf("units")?.Contains(" since ", StringComparison.OrdinalIgnoreCase) ?? false)
        || dimension.Equals("time", StringComparison.OrdinalIgnoreCase);

    private static bool HasUnits(CoordinateVariable? c, string[] units) =>
        c?.Attributes.TextOf("units")?.Trim().ToLowerInvariant() is string u && units.Contains(u);
}
