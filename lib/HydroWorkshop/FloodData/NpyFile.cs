using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace HydroWorkshop.FloodData;

/// <summary>An array read from a NumPy <c>.npy</c> file, converted to float32, in C (row-major) order.</summary>
/// <param name="Shape">The array shape, e.g. <c>[time, y, x]</c>.</param>
/// <param name="Data">The values, row-major.</param>
public sealed record NpyArray(int[] Shape, float[] Data);

/// <summary>
/// Reads and writes NumPy <c>.npy</c> files (format 1.0, little-endian, C order) so that Python reads them with
/// <c>numpy.load</c>. Writes float32 and uint8; reads float32, float64, uint8, int32 and int64 (converted to float32).
/// Writes are atomic: a temporary file in the same folder is renamed over the target.
/// </summary>
public static partial class NpyFile
{
    private static readonly byte[] Magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    /// <summary>Writes a float32 array of the given shape.</summary>
    public static void Write(string path, ReadOnlySpan<float> data, IReadOnlyList<int> shape)
    {
        CheckShape(data.Length, shape, path);
        var bytes = new byte[data.Length * 4];
        for (var k = 0; k < data.Length; k++) BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(k * 4), data[k]);
        WriteRaw(path, "<f4", shape, bytes);
    }

    /// <summary>Writes a uint8 array of the given shape.</summary>
    public static void Write(string path, ReadOnlySpan<byte> data, IReadOnlyList<int> shape)
    {
        CheckShape(data.Length, shape, path);
        WriteRaw(path, "|u1", shape, data.ToArray());
    }

    /// <summary>Reads an array; errors name the file.</summary>
    public static NpyArray Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < 10 || !bytes.AsSpan(0, 6).SequenceEqual(Magic))
            throw new InvalidDataException($"{path}: not a .npy file (magic string missing)");
        int headerLength, offset;
        if (bytes[6] == 1) { headerLength = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(8)); offset = 10; }
        else if (bytes[6] is 2 or 3) { headerLength = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(8)); offset = 12; }
        else throw new InvalidDataException($"{path}: unsupported .npy format version {bytes[6]}");
        var header = Encoding.ASCII.GetString(bytes, offset, headerLength);
        var descr = DescrPattern().Match(header);
        var order = FortranPattern().Match(header);
        var shapeMatch = ShapePattern().Match(header);
        if (!descr.Success || !order.Success || !shapeMatch.Success)
            throw new InvalidDataException($"{path}: cannot parse .npy header '{header.Trim()}'");
        if (order.Groups[1].Value == "True") throw new InvalidDataException($"{path}: Fortran-order arrays are not supported");
        var shape = shapeMatch.Groups[1].Value
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        long count = 1;
        foreach (var s in shape) count *= s;
        var body = bytes.AsSpan(offset + headerLength);
        var type = descr.Groups[1].Value;
        var size = type switch { "<f4" or "<i4" => 4, "<f8" or "<i8" => 8, "|u1" or "<u1" => 1, _ => 0 };
        if (size == 0) throw new InvalidDataException($"{path}: unsupported dtype '{type}' (supported: <f4, <f8, |u1, <i4, <i8)");
        if (body.Length < count * size)
            throw new InvalidDataException(
                $"{path}: truncated: shape ({string.Join(", ", shape)}) of {type} needs {count * size} bytes, file has {body.Length}");
        var data = new float[count];
        for (var k = 0; k < count; k++)
        {
            data[k] = type switch
            {
                "<f4" => BinaryPrimitives.ReadSingleLittleEndian(body[(k * 4)..]),
                "<f8" => (float)BinaryPrimitives.ReadDoubleLittleEndian(body[(k * 8)..]),
                "<i4" => BinaryPrimitives.ReadInt32LittleEndian(body[(k * 4)..]),
                "<i8" => BinaryPrimitives.ReadInt64LittleEndian(body[(k * 8)..]),
                _ => body[k],
            };
        }
        return new NpyArray(shape, data);
    }

    private static void WriteRaw(string path, string dtype, IReadOnlyList<int> shape, byte[] body)
    {
        var shapeText = shape.Count == 1 ? $"({shape[0]},)" : "(" + string.Join(", ", shape) + ")";
        var header = $"{{'descr': '{dtype}', 'fortran_order': False, 'shape': {shapeText}, }}";
        // Pad with spaces so that magic + version + length + header + newline is a multiple of 64 bytes.
        var total = 10 + header.Length + 1;
        header += new string(' ', (64 - total % 64) % 64) + "\n";
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        HydroWorkshop.Common.AtomicFile.Write(path, stream =>
        {
            stream.Write(Magic);
            stream.WriteByte(1);
            stream.WriteByte(0);
            Span<byte> length = stackalloc byte[2];
            BinaryPrimitives.WriteUInt16LittleEndian(length, (ushort)header.Length);
            stream.Write(length);
            stream.Write(Encoding.ASCII.GetBytes(header));
            stream.Write(body);
        });
    }

    private static void CheckShape(int length, IReadOnlyList<int> shape, string path)
    {
        long count = 1;
        foreach (var s in shape)
        {
            if (s < 0) throw new ArgumentException($"{path}: negative dimension in shape ({string.Join(", ", shape)})");
            count *= s;
        }
        if (count != length) throw new ArgumentException(
            $"{path}: shape ({string.Join(", ", shape)}) holds {count} values, data has {length}");
    }

    [GeneratedRegex(@"'descr'\s*:\s*'([^']+)'")]
    private static partial Regex DescrPattern();

    [GeneratedRegex(@"'fortran_order'\s*:\s*(True|False)")]
    private static partial Regex FortranPattern();

    [GeneratedRegex(@"'shape'\s*:\s*\(([^)]*)\)")]
    private static partial Regex ShapePattern();
}
