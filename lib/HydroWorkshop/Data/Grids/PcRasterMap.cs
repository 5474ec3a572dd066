using System.Buffers.Binary;
using System.Text;

namespace HydroWorkshop.Data.Grids;

/// <summary>How a PCRaster map stores each cell (the CSF "cell representation" code).</summary>
public enum PcRasterCellRepresentation
{
    /// <summary>Unsigned byte; missing = 255. Boolean and LDD maps.</summary>
    UInt1 = 0x00,
    /// <summary>Signed 32-bit integer; missing = int.MinValue. Nominal and ordinal maps.</summary>
    Int4 = 0x26,
    /// <summary>32-bit float; missing = all bits set (a NaN). Scalar and directional maps.</summary>
    Real4 = 0x5A,
    /// <summary>64-bit float; missing = all bits set.</summary>
    Real8 = 0xDB,
}

/// <summary>What a PCRaster map's values mean (the CSF "value scale").</summary>
public enum PcRasterValueScale
{
    Boolean = 0xE0,
    Nominal = 0xE2,
    Ordinal = 0xF2,
    Scalar = 0xEB,
    Directional = 0xFB,
    /// <summary>Local drain direction: keypad codes 1–9, 5 = pit (<see cref="LddNetwork"/>).</summary>
    Ldd = 0xF0,
    /// <summary>A version-1 map without a value scale.</summary>
    Undefined = 0x64,
}

/// <summary>
/// A PCRaster raster map (.map, the "Cross System Format", CSF version 2): a 64-byte main header, a raster header at
/// byte 64 (value scale, cell representation, min/max, upper-left corner, rows, columns, cell sizes, angle) and the cells
/// row by row from byte 256, in the byte order the header declares. The Rhine–Meuse routing and clone maps are
/// 13 × 17 cells of 0.5°, north-up.
/// </summary>
public sealed class PcRasterMap
{
    private const int RasterHeader = 64, DataStart = 256;
    private const string Signature = "RUU CROSS SYSTEM MAP FORMAT";

    private PcRasterMap(string path, PcRasterValueScale scale, PcRasterCellRepresentation representation, GridGeometry geometry,
        double angle, float[] values)
    {
        Path = path;
        ValueScale = scale;
        CellRepresentation = representation;
        Geometry = geometry;
        Angle = angle;
        Values = values;
    }

    public string Path { get; }
    public PcRasterValueScale ValueScale { get; }
    public PcRasterCellRepresentation CellRepresentation { get; }

    /// <summary>Rows, columns, upper-left corner and cell size (map units: degrees for the Rhine–Meuse maps).</summary>
    public GridGeometry Geometry { get; }

    /// <summary>Rotation of the grid (radians); 0 for every map this library reads.</summary>
    public double Angle { get; }

    /// <summary>Cell values [rows, columns], row-major from the north-west corner; NaN where missing.</summary>
    public float[] Values { get; }

    public int Rows => Geometry.Rows;
    public int Columns => Geometry.Columns;

    /// <summary>The value at (<paramref name="row"/>, <paramref name="column"/>); NaN where missing.</summary>
    public float this[int row, int column] => Values[row * Columns + column];

    /// <summary>True when the file starts with the CSF signature.</summary>
    public static bool HasMagic(ReadOnlySpan<byte> start) =>
        start.Length >= Signature.Length && Encoding.ASCII.GetString(start[..Signature.Length]) == Signature;

    /// <summary>Reads <paramref name="path"/>. Cell representations besides UINT1, INT4, REAL4 and REAL8 (which PCRaster
    /// itself writes) are rejected, as are rotated maps and maps whose y increases downwards.</summary>
    public static PcRasterMap Read(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"PCRaster map '{path}' does not exist", path);
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < DataStart || !HasMagic(bytes))
            throw new DataFileException(path, "not a PCRaster map (no 'RUU CROSS SYSTEM MAP FORMAT' header)");
        var span = bytes.AsSpan();
        // The byte-order word is 1 when the file's order is the reader's; PCRaster writes little-endian in practice.
        var littleEndian = BinaryPrimitives.ReadUInt32LittleEndian(span[46..]) == 1;
        if (!littleEndian && BinaryPrimitives.ReadUInt32BigEndian(span[46..]) != 1)
            throw new DataFileException(path, "the CSF byte-order word is neither 1 little- nor big-endian");
        var reader = new FieldReader(littleEndian);
        var version = reader.UInt16(span[32..]);
        if (version != 2) throw new DataFileException(path, $"CSF version {version}; only version 2 is read");
        var projection = reader.UInt16(span[38..]);
        var mapType = reader.UInt16(span[44..]);
        if (mapType != 1) throw new DataFileException(path, $"CSF map type {mapType} is not a raster");

        var scale = (PcRasterValueScale)reader.UInt16(span[RasterHeader..]);
        var code = reader.UInt16(span[(RasterHeader + 2)..]);
        if (!Enum.IsDefined(typeof(PcRasterCellRepresentation), (int)code))
            throw new DataFileException(path, $"cell representation 0x{code:X2} is not read (UINT1, INT4, REAL4 and REAL8 are)");
        var representation = (PcRasterCellRepresentation)code;
        var xUpperLeft = reader.Double(span[(RasterHeader + 20)..]);
        var yUpperLeft = reader.Double(span[(RasterHeader + 28)..]);
        var rows = reader.UInt32(span[(RasterHeader + 36)..]);
        var columns = reader.UInt32(span[(RasterHeader + 40)..]);
        var cellSizeX = reader.Double(span[(RasterHeader + 44)..]);
        var cellSizeY = reader.Double(span[(RasterHeader + 52)..]);
        var angle = reader.Double(span[(RasterHeader + 60)..]);
        if (projection == 0) throw new DataFileException(path,
            "projection 0 (y increasing downwards) is not supported; maps of PCRaster 2 and later have y decreasing");
        if (angle != 0) throw new DataFileException(path, $"the map is rotated by {angle} rad; only unrotated maps are read");
        if (rows == 0 || columns == 0 || rows > int.MaxValue / Math.Max(1, columns) || !(cellSizeX > 0) || !(cellSizeY > 0))
            throw new DataFileException(path, $"bad raster header: {rows} rows, {columns} columns, cell size {cellSizeX} x {cellSizeY}");

        var cells = (int)(rows * columns);
        var size = representation switch { PcRasterCellRepresentation.UInt1 => 1, PcRasterCellRepresentation.Real8 => 8, _ => 4 };
        if (bytes.Length < DataStart + (long)cells * size)
            throw new DataFileException(path,
                $"{rows} x {columns} cells of {size} bytes need {DataStart + (long)cells * size} bytes; the file has {bytes.Length} (truncated?)");
        var values = new float[cells];
        var data = span[DataStart..];
        for (var i = 0; i < cells; i++)
        {
            values[i] = representation switch
            {
                PcRasterCellRepresentation.UInt1 => data[i] == 255 ? float.NaN : data[i],
                PcRasterCellRepresentation.Int4 => reader.Int32(data[(4 * i)..]) is var n && n == int.MinValue ? float.NaN : n,
                PcRasterCellRepresentation.Real4 => reader.UInt32(data[(4 * i)..]) == uint.MaxValue ? float.NaN
                    : BitConverter.UInt32BitsToSingle(reader.UInt32(data[(4 * i)..])),
                _ => reader.UInt64(data[(8 * i)..]) == ulong.MaxValue ? float.NaN
                    : (float)BitConverter.UInt64BitsToDouble(reader.UInt64(data[(8 * i)..])),
            };
        }
        var geometry = new GridGeometry((int)rows, (int)columns, xUpperLeft, yUpperLeft, cellSizeX, cellSizeY);
        return new PcRasterMap(path, scale, representation, geometry, angle, values);
    }

    public override string ToString() =>
        $"{System.IO.Path.GetFileName(Path)}: {ValueScale} ({CellRepresentation}), {Rows} x {Columns} cells of {Geometry.CellSizeX} x {Geometry.CellSizeY}, " +
        $"upper-left ({Geometry.XUpperLeft}, {Geometry.YUpperLeft})";

    /// <summary>Reads header fields in the file's byte order.</summary>
    private readonly struct FieldReader(bool littleEndian)
    {
        public ushort UInt16(ReadOnlySpan<byte> s) =>
            littleEndian ? BinaryPrimitives.ReadUInt16LittleEndian(s) : BinaryPrimitives.ReadUInt16BigEndian(s);
        public uint UInt32(ReadOnlySpan<byte> s) =>
            littleEndian ? BinaryPrimitives.ReadUInt32LittleEndian(s) : BinaryPrimitives.ReadUInt32BigEndian(s);
        public int Int32(ReadOnlySpan<byte> s) =>
            littleEndian ? BinaryPrimitives.ReadInt32LittleEndian(s) : BinaryPrimitives.ReadInt32BigEndian(s);
        public ulong UInt64(ReadOnlySpan<byte> s) =>
            littleEndian ? BinaryPrimitives.ReadUInt64LittleEndian(s) : BinaryPrimitives.ReadUInt64BigEndian(s);
        public double Double(ReadOnlySpan<byte> s) => BitConverter.UInt64BitsToDouble(UInt64(s));
    }
}
