using System.Buffers.Binary;
using System.Text;

namespace HydroWorkshop.Data.Grids;

/// <summary>Which netCDF-3 flavour a file is: classic (CDF-1, 32-bit offsets) or 64-bit offset (CDF-2).</summary>
public enum NetCdf3Format
{
    Classic = 1,
    Offset64 = 2,
}

/// <summary>
/// Reads netCDF-3 files (classic CDF-1 and 64-bit offset CDF-2): dimensions, attributes and variables of type
/// byte/short/int/float/double, record variables interleaved record by record. Written from the format
/// specification ("The NetCDF Classic Format Specification") because no pure-managed NuGet package reads netCDF-3.
/// <see cref="Open"/> reads the header only; each Read call opens the file again and reads one variable, so the object
/// holds no file handle. netCDF-4 files are HDF5: <see cref="NetCdf4File"/>; <see cref="GriddedFile.Read"/> picks one.
/// </summary>
public sealed class NetCdf3File
{
    private const int TagDimension = 0x0A, TagVariable = 0x0B, TagAttribute = 0x0C;
    private readonly long recordSize;

    private NetCdf3File(string path, NetCdf3Format format, int records, IReadOnlyList<NetCdfDimension> dimensions,
        IReadOnlyList<NetCdfAttribute> attributes, IReadOnlyList<NetCdf3Variable> variables, long recordSize)
    {
        Path = path;
        Format = format;
        RecordCount = records;
        Dimensions = dimensions;
        GlobalAttributes = attributes;
        Variables = variables;
        this.recordSize = recordSize;
    }

    public string Path { get; }
    public NetCdf3Format Format { get; }

    /// <summary>Length of the record (unlimited) dimension.</summary>
    public int RecordCount { get; }
    public IReadOnlyList<NetCdfDimension> Dimensions { get; }
    public IReadOnlyList<NetCdfAttribute> GlobalAttributes { get; }
    public IReadOnlyList<NetCdf3Variable> Variables { get; }

    /// <summary>The variable called <paramref name="name"/>; the error lists the file's variables.</summary>
    public NetCdf3Variable Variable(string name) =>
        Variables.FirstOrDefault(v => v.Name == name)
        ?? throw new DataFileException(Path,
            $"variable '{name}' not found; the file has: {string.Join(", ", Variables.Select(v => v.Name))}");

    /// <summary>True when the file starts with the netCDF-3 magic bytes "CDF\x01" or "CDF\x02".</summary>
    public static bool HasMagic(ReadOnlySpan<byte> start) =>
        start.Length >= 4 && start[0] == 'C' && start[1] == 'D' && start[2] == 'F' && (start[3] == 1 || start[3] == 2);

    /// <summary>Reads the header of <paramref name="path"/>.</summary>
    public static NetCdf3File Open(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"netCDF file '{path}' does not exist", path);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        var reader = new HeaderReader(stream, path);
        var magic = reader.Bytes(4);
        if (magic[0] != 'C' || magic[1] != 'D' || magic[2] != 'F')
            throw new DataFileException(path, "not a netCDF-3 file (it does not start with 'CDF')");
        if (magic[3] == 5) throw new DataFileException(path,
            "netCDF-3 CDF-5 (64-bit data) is not supported; convert it with `nccopy -k classic`");
        if (magic[3] is not (1 or 2)) throw new DataFileException(path, $"unknown netCDF-3 version byte {magic[3]}");
        var format = (NetCdf3Format)magic[3];
        var numRecords = reader.Int32();                                    // -1 (0xFFFFFFFF): streaming, count from file size

        var dimensions = new List<(string Name, int Length)>();
        foreach (var _ in reader.List(TagDimension, "dimension"))
        {
            var name = reader.Name();
            var length = reader.Int32();
            if (length < 0) throw new DataFileException(path, $"dimension '{name}' has negative length {length}");
            dimensions.Add((name, length));
        }
        var attributes = ReadAttributes(reader);
        var raw = new List<(string Name, int[] DimIds, List<NetCdfAttribute> Attributes, NetCdfType Type, long Begin)>();
        foreach (var _ in reader.List(TagVariable, "variable"))
        {
            var name = reader.Name();
            var rank = reader.Count("dimension ids of variable '" + name + "'");
            var ids = new int[rank];
            for (var i = 0; i < rank; i++)
            {
                ids[i] = reader.Int32();
                if (ids[i] < 0 || ids[i] >= dimensions.Count) throw new DataFileException(path,
                    $"variable '{name}' names dimension id {ids[i]}, the file has {dimensions.Count}");
            }
            var variableAttributes = ReadAttributes(reader);
            var type = reader.Type($"variable '{name}'");
            if (type == NetCdfType.Char) throw new DataFileException(path,
                $"variable '{name}' is of type char (text), which this reader does not read");
            reader.Int32();                                                  // vsize: recomputed below (it saturates for large variables)
            var begin = format == NetCdf3Format.Classic ? (uint)reader.Int32() : reader.Int64();
            raw.Add((name, ids, variableAttributes, type, begin));
        }

        var recordDimension = dimensions.FindIndex(d => d.Length == 0);
        var isRecord = raw.Select(v => v.DimIds.Length > 0 && v.DimIds[0] == recordDimension && recordDimension >= 0).ToArray();
        var sliceBytes = raw.Select(v => v.DimIds.Skip(1).Aggregate((long)NetCdf3Variable.SizeOf(v.Type),
            (n, d) => n * dimensions[d].Length)).ToArray();
        var recordVariables = Enumerable.Range(0, raw.Count).Where(i => isRecord[i]).ToArray();
        // One record variable: its records follow each other unpadded; several: each slice is padded to 4 bytes.
        var recordSize = recordVariables.Length == 1 ? sliceBytes[recordVariables[0]] : recordVariables.Sum(i => Pad4(sliceBytes[i]));
        if (numRecords == -1)
        {
            var firstRecord = recordVariables.Length == 0 ? stream.Length : recordVariables.Min(i => raw[i].Begin);
            numRecords = recordSize == 0 ? 0 : (int)((stream.Length - firstRecord) / recordSize);
        }
        if (numRecords < 0) throw new DataFileException(path, $"negative record count {numRecords}");

        var dims = dimensions.Select((d, i) => new NetCdfDimension(d.Name, i == recordDimension ? numRecords : d.Length,
            i == recordDimension)).ToArray();
        var variables = raw.Select((v, i) => new NetCdf3Variable(v.Name, v.Type, v.DimIds.Select(d => dims[d].Name).ToArray(),
            v.DimIds.Select(d => dims[d].Length).ToArray(), isRecord[i], v.Attributes, v.Begin)).ToArray();
        var file = new NetCdf3File(path, format, numRecords, dims, attributes, variables, recordSize);
        for (var i = 0; i < variables.Length; i++)
        {
            var v = variables[i];
            var end = v.IsRecord ? v.Begin + (numRecords - 1L) * recordSize + sliceBytes[i] : v.Begin + v.Count * v.ValueSize;
            if (v.Count > 0 && end > stream.Length)
                throw new DataFileException(path,
                    $"variable '{v.Name}' needs bytes up to {end}, but the file has {stream.Length} (truncated?)");
        }
        return file;
    }

    /// <summary>A variable's values as floats, row-major over <see cref="NetCdf3Variable.Shape"/>. Stored values as
    /// they are: no fill value or scale_factor applied (<see cref="GriddedFile"/> does that).</summary>
    public float[] ReadSingles(string name)
    {
        var variable = Variable(name);
        var bytes = ReadBytes(variable);
        var values = new float[variable.Count];
        Decode(variable.Type, bytes, (i, v) => values[i] = (float)v, values.Length);
        return values;
    }

    /// <summary>A variable's values as doubles, row-major (coordinates and time axes need the precision).</summary>
    public double[] ReadDoubles(string name)
    {
        var variable = Variable(name);
        var bytes = ReadBytes(variable);
        var values = new double[variable.Count];
        Decode(variable.Type, bytes, (i, v) => values[i] = v, values.Length);
        return values;
    }

    private byte[] ReadBytes(NetCdf3Variable variable)
    {
        var total = checked(variable.Count * variable.ValueSize);
        if (total > Array.MaxLength) throw new DataFileException(Path,
            $"variable '{variable.Name}' has {variable.Count} values, too many for one array");
        var bytes = new byte[total];
        using var stream = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        if (!variable.IsRecord)
        {
            stream.Position = variable.Begin;
            stream.ReadExactly(bytes);
            return bytes;
        }
        var slice = (int)(variable.ValuesPerRecord * variable.ValueSize);
        for (var record = 0; record < RecordCount; record++)
        {
            stream.Position = variable.Begin + record * recordSize;
            stream.ReadExactly(bytes, record * slice, slice);
        }
        return bytes;
    }

    private static void Decode(NetCdfType type, byte[] bytes, Action<int, double> set, int count)
    {
        var span = bytes.AsSpan();
        for (var i = 0; i < count; i++)
        {
            set(i, type switch
            {
                NetCdfType.Byte => (sbyte)span[i],
                NetCdfType.Short => BinaryPrimitives.ReadInt16BigEndian(span[(2 * i)..]),
                NetCdfType.Int => BinaryPrimitives.ReadInt32BigEndian(span[(4 * i)..]),
                NetCdfType.Float => BinaryPrimitives.ReadSingleBigEndian(span[(4 * i)..]),
                NetCdfType.Double => BinaryPrimitives.ReadDoubleBigEndian(span[(8 * i)..]),
                _ => throw new InvalidOperationException($"type {type} cannot be decoded as numbers"),
            });
        }
    }

    private static List<NetCdfAttribute> ReadAttributes(HeaderReader reader)
    {
        var list = new List<NetCdfAttribute>();
        foreach (var _ in reader.List(TagAttribute, "attribute"))
        {
            var name = reader.Name();
            var type = reader.Type($"attribute '{name}'");
            var count = reader.Count($"values of attribute '{name}'");
            var bytes = reader.Bytes(count * NetCdf3Variable.SizeOf(type));
            reader.Skip((int)(Pad4(bytes.Length) - bytes.Length));
            if (type == NetCdfType.Char)
            {
                list.Add(new NetCdfAttribute(name, type, Encoding.UTF8.GetString(bytes).TrimEnd('\0'), []));
                continue;
            }
            var values = new double[count];
            Decode(type, bytes, (i, v) => values[i] = v, count);
            list.Add(new NetCdfAttribute(name, type, null, values));
        }
        return list;
    }

    internal static long Pad4(long bytes) => (bytes + 3) & ~3L;

    /// <summary>Big-endian header fields, with errors that name the file and what was being read.</summary>
    private sealed class HeaderReader(Stream stream, string path)
    {
        private readonly byte[] eight = new byte[8];

        public byte[] Bytes(int count)
        {
            if (count < 0 || count > stream.Length - stream.Position)
                throw new DataFileException(path,
                    $"header ends early at byte {stream.Position} (wanted {count} more bytes); the file is truncated or not netCDF-3");
            var bytes = new byte[count];
            stream.ReadExactly(bytes);
            return bytes;
        }

        public void Skip(int count) => Bytes(count);

        public int Int32()
        {
            Fill(4);
            return BinaryPrimitives.ReadInt32BigEndian(eight);
        }

        public long Int64()
        {
            Fill(8);
            return BinaryPrimitives.ReadInt64BigEndian(eight);
        }

        public int Count(string what)
        {
            var n = Int32();
            if (n < 0 || n > stream.Length) throw new DataFileException(path, $"bad count {n} of {what} at byte {stream.Position - 4}");
            return n;
        }

        public string Name()
        {
            var length = Count("name bytes");
            var bytes = Bytes(length);
            Skip((int)(Pad4(length) - length));
            return Encoding.UTF8.GetString(bytes);
        }

        public NetCdfType Type(string what)
        {
            var code = Int32();
            if (code is < 1 or > 6) throw new DataFileException(path,
                $"{what} has type code {code}; netCDF-3 types are 1 (byte) to 6 (double) — a CDF-5 type?");
            return (NetCdfType)code;
        }

        /// <summary>A tagged list: ABSENT (two zero words) or tag, count. Yields once per element.</summary>
        public IEnumerable<int> List(int tag, string what)
        {
            var found = Int32();
            var count = Count(what + "s");
            if (found == 0 && count == 0) yield break;
            if (found != tag) throw new DataFileException(path,
                $"expected the {what} list (tag {tag}) at byte {stream.Position - 8}, found tag {found}");
            for (var i = 0; i < count; i++) yield return i;
        }

        private void Fill(int count)
        {
            if (stream.Length - stream.Position < count)
                throw new DataFileException(path, $"header ends early at byte {stream.Position}; the file is truncated or not netCDF-3");
            stream.ReadExactly(eight, 0, count);
        }
    }
}
