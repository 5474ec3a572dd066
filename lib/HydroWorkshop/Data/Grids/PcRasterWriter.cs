using System.Buffers.Binary;
using System.Text;
using HydroWorkshop.Common;

namespace HydroWorkshop.Data.Grids;

/// <summary>
/// Writes PCRaster maps (CSF version 2, little-endian, north-up, unrotated) that <see cref="PcRasterMap.Read"/> and PCRaster
/// itself read: the 64-byte main header, the raster header at byte 64 and the cells row by row from byte 256.
/// </summary>
public static class PcRasterWriter
{
    private const int RasterHeader = 64, DataStart = 256;

    /// <summary>Writes <paramref name="values"/> [rows × columns, row-major from the north-west corner; NaN = missing] to
    /// <paramref name="path"/> atomically. UINT1 holds whole numbers 0–254 (LDD codes 1–9, booleans 0/1), REAL4 anything
    /// finite.</summary>
    public static void Write(string path, GridGeometry geometry, IReadOnlyList<float> values, PcRasterValueScale scale,
        PcRasterCellRepresentation representation)
    {
        if (values.Count != geometry.Cells)
            throw new ArgumentException($"{values.Count} values for a grid of {geometry.Rows} × {geometry.Columns}", nameof(values));
        if (representation is not (PcRasterCellRepresentation.UInt1 or PcRasterCellRepresentation.Real4))
            throw new ArgumentException($"{representation} is not written (UInt1 and Real4 are)", nameof(representation));
        var allowed = scale switch
        {
            PcRasterValueScale.Ldd => (Min: 1f, Max: 9f),
            PcRasterValueScale.Boolean => (Min: 0f, Max: 1f),
            _ => (Min: float.NegativeInfinity, Max: float.PositiveInfinity),
        };
        for (var i = 0; i < values.Count; i++)
            if (values[i] < allowed.Min || values[i] > allowed.Max)
                throw new ArgumentException($"cell {i} (row {i / geometry.Columns}, column {i % geometry.Columns}) holds {values[i]}; " +
                    $"a {scale} map holds {allowed.Min}–{allowed.Max} (NaN is missing)", nameof(values));
        var size = representation == PcRasterCellRepresentation.UInt1 ? 1 : 4;
        var bytes = new byte[DataStart + geometry.Cells * size];
        Encoding.ASCII.GetBytes("RUU CROSS SYSTEM MAP FORMAT").CopyTo(bytes, 0);
        var span = bytes.AsSpan();
        BinaryPrimitives.WriteUInt16LittleEndian(span[32..], 2);      // CSF version
        BinaryPrimitives.WriteUInt16LittleEndian(span[38..], 1);      // projection: y decreases down the rows
        BinaryPrimitives.WriteUInt16LittleEndian(span[44..], 1);      // map type: raster
        BinaryPrimitives.WriteUInt32LittleEndian(span[46..], 1);      // byte-order word
        BinaryPrimitives.WriteUInt16LittleEndian(span[RasterHeader..], (ushort)scale);
        BinaryPrimitives.WriteUInt16LittleEndian(span[(RasterHeader + 2)..], (ushort)representation);
        // The minimum and maximum are 8-byte slots holding a value of the cells' own type (CSF's CSF_VAR_TYPE).
        var finite = values.Where(float.IsFinite).ToArray();
        var (min, max) = finite.Length > 0 ? (finite.Min(), finite.Max()) : (0f, 0f);
        if (representation == PcRasterCellRepresentation.UInt1)
            (bytes[RasterHeader + 4], bytes[RasterHeader + 12]) = ((byte)Math.Clamp(min, 0, 254), (byte)Math.Clamp(max, 0, 254));
        else
        {
            BinaryPrimitives.WriteSingleLittleEndian(span[(RasterHeader + 4)..], min);
            BinaryPrimitives.WriteSingleLittleEndian(span[(RasterHeader + 12)..], max);
        }
        BinaryPrimitives.WriteDoubleLittleEndian(span[(RasterHeader + 20)..], geometry.XUpperLeft);
        BinaryPrimitives.WriteDoubleLittleEndian(span[(RasterHeader + 28)..], geometry.YUpperLeft);
        BinaryPrimitives.WriteUInt32LittleEndian(span[(RasterHeader + 36)..], (uint)geometry.Rows);
        BinaryPrimitives.WriteUInt32LittleEndian(span[(RasterHeader + 40)..], (uint)geometry.Columns);
        BinaryPrimitives.WriteDoubleLittleEndian(span[(RasterHeader + 44)..], geometry.CellSizeX);
        BinaryPrimitives.WriteDoubleLittleEndian(span[(RasterHeader + 52)..], geometry.CellSizeY);
        for (var i = 0; i < values.Count; i++)
        {
            var v = values[i];
            if (representation == PcRasterCellRepresentation.UInt1)
            {
                if (float.IsNaN(v)) { bytes[DataStart + i] = 255; continue; }
                if (v is < 0 or > 254 || v != MathF.Floor(v))
                    throw new ArgumentException($"cell {i} (row {i / geometry.Columns}, column {i % geometry.Columns}) holds {v}; " +
                        "UInt1 cells hold whole numbers 0–254 (255 is missing)", nameof(values));
                bytes[DataStart + i] = (byte)v;
            }
            else
            {
                if (float.IsInfinity(v)) throw new ArgumentException($"cell {i} is infinite", nameof(values));
                BinaryPrimitives.WriteUInt32LittleEndian(span[(DataStart + 4 * i)..],
                    float.IsNaN(v) ? uint.MaxValue : BitConverter.SingleToUInt32Bits(v));
            }
        }
        AtomicFile.WriteAllBytes(path, bytes);
    }
}
