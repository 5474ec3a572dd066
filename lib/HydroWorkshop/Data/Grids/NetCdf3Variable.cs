namespace HydroWorkshop.Data.Grids;

/// <summary>
/// A variable of a netCDF-3 file as its header describes it.
/// </summary>
/// <param name="Name">Variable name.</param>
/// <param name="Type">Stored type (big-endian in the file).</param>
/// <param name="DimensionNames">Dimensions, slowest first (e.g. [time, lat, lon]).</param>
/// <param name="Shape">Length of each dimension; the record dimension's is the file's record count.</param>
/// <param name="IsRecord">True when the first dimension is the record (unlimited) dimension: its values are stored one
/// record at a time, interleaved with the other record variables.</param>
/// <param name="Attributes">The variable's attributes (units, _FillValue, scale_factor, ...).</param>
/// <param name="Begin">Byte offset of its data (of its slice of the first record for a record variable).</param>
public sealed record NetCdf3Variable(string Name, NetCdfType Type, IReadOnlyList<string> DimensionNames, IReadOnlyList<int> Shape,
    bool IsRecord, IReadOnlyList<NetCdfAttribute> Attributes, long Begin)
{
    /// <summary>Number of values (product of the shape).</summary>
    public long Count => Shape.Aggregate(1L, (n, d) => n * d);

    /// <summary>Bytes of one value of <see cref="Type"/>.</summary>
    public int ValueSize => SizeOf(Type);

    /// <summary>Values in one record (the product of the shape without the record dimension); all values otherwise.</summary>
    public long ValuesPerRecord => IsRecord ? Shape.Skip(1).Aggregate(1L, (n, d) => n * d) : Count;

    /// <summary>The units attribute, or null.</summary>
    public string? Units => Attributes.TextOf("units");

    internal static int SizeOf(NetCdfType type) => type switch
    {
        NetCdfType.Byte or NetCdfType.Char => 1,
        NetCdfType.Short => 2,
        NetCdfType.Int or NetCdfType.Float => 4,
        NetCdfType.Double => 8,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "not a netCDF-3 type"),
    };

    public override string ToString() =>
        $"{Type.ToString().ToLowerInvariant()} {Name}({string.Join(", ", DimensionNames)}) [{string.Join(", ", Shape)}]";
}
