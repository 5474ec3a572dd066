using System.Globalization;

namespace HydroWorkshop.Data.Grids;

/// <summary>The external types of netCDF-3 (their codes in the file header); values are big-endian in the file.</summary>
public enum NetCdfType
{
    /// <summary>Signed 8-bit integer.</summary>
    Byte = 1,
    /// <summary>Text (8-bit characters): only attributes use it here.</summary>
    Char = 2,
    /// <summary>Signed 16-bit integer.</summary>
    Short = 3,
    /// <summary>Signed 32-bit integer.</summary>
    Int = 4,
    /// <summary>32-bit IEEE float.</summary>
    Float = 5,
    /// <summary>64-bit IEEE float.</summary>
    Double = 6,
}

/// <summary>
/// A netCDF attribute (global or of a variable): text, or one or more numbers. Numbers are kept as doubles whatever
/// their type in the file (every byte/short/int/float value is exact as a double); <see cref="Type"/> says how they were
/// or will be stored.
/// </summary>
public sealed record NetCdfAttribute(string Name, NetCdfType Type, string? Text, IReadOnlyList<double> Values)
{
    /// <summary>A text attribute (e.g. units "m/day").</summary>
    public static NetCdfAttribute Of(string name, string text) => new(name, NetCdfType.Char, text, []);

    /// <summary>A float attribute (e.g. _FillValue of a float variable).</summary>
    public static NetCdfAttribute Of(string name, params float[] values) =>
        new(name, NetCdfType.Float, null, values.Select(v => (double)v).ToArray());

    /// <summary>A double attribute.</summary>
    public static NetCdfAttribute Of(string name, params double[] values) => new(name, NetCdfType.Double, null, values.ToArray());

    /// <summary>An int attribute.</summary>
    public static NetCdfAttribute Of(string name, params int[] values) =>
        new(name, NetCdfType.Int, null, values.Select(v => (double)v).ToArray());

    /// <summary>True for a text attribute.</summary>
    public bool IsText => Type == NetCdfType.Char;

    /// <summary>The first number, or null for text or an empty attribute.</summary>
    public double? Number => Values.Count > 0 ? Values[0] : null;

    /// <summary>The text, or the numbers separated by commas (invariant culture).</summary>
    public override string ToString() =>
        Text ?? string.Join(", ", Values.Select(v => v.ToString("R", CultureInfo.InvariantCulture)));
}

/// <summary>A netCDF dimension; <paramref name="Length"/> of the record (unlimited) dimension is the number of records.</summary>
public sealed record NetCdfDimension(string Name, int Length, bool IsRecord);

/// <summary>Looks attributes up by name, as CF conventions name them (case-sensitive, like netCDF).</summary>
public static class NetCdfAttributes
{
    /// <summary>The attribute called <paramref name="name"/>, or null.</summary>
    public static NetCdfAttribute? Find(this IReadOnlyList<NetCdfAttribute> attributes, string name) =>
        attributes.FirstOrDefault(a => a.Name == name);

    /// <summary>The text of attribute <paramref name="name"/> (numbers formatted), or null when absent.</summary>
    public static string? TextOf(this IReadOnlyList<NetCdfAttribute> attributes, string name) => attributes.Find(name)?.ToString();
}
