using System.Buffers.Binary;
using System.Text;
using HydroWorkshop.Common;

namespace HydroWorkshop.Data.Grids;

/// <summary>
/// Writes a netCDF-3 file (classic CDF-1, or 64-bit offset CDF-2 when an offset needs it), so that maps this library
/// makes (e.g. simulated LAI [time, lat, lon]) are read exactly like real netCDF grids, by <see cref="GriddedFile.Read"/>
/// here and by any netCDF tool elsewhere. Collect dimensions, attributes and variables, then <see cref="Write"/>
/// (atomically). Values are given row-major over the variable's dimensions; a variable whose first dimension is the
/// record dimension sets the record count by its length.
/// </summary>
/// <example><code>
/// new NetCdf3Writer()
///     .AddRecordDimension("time").AddDimension("lat", 13).AddDimension("lon", 17)
///     .AddAttribute(NetCdfAttribute.Of("title", "simulated LAI"))
///     .AddVariable("time", ["time"], days, NetCdfAttribute.Of("units", "days since 2001-01-01"))
///     .AddVariable("lai", ["time", "lat", "lon"], lai, NetCdfAttribute.Of("units", "m2 m-2"))
///     .Write("lai.nc");
/// </code></example>
public sealed class NetCdf3Writer
{
    private readonly List<NetCdfDimension> dimensions = [];
    private readonly List<NetCdfAttribute> attributes = [];
    private readonly List<(string Name, string[] Dimensions, NetCdfType Type, Array Values, NetCdfAttribute[] Attributes)> variables = [];

    /// <summary>A fixed-length dimension.</summary>
    public NetCdf3Writer AddDimension(string name, int length)
    {
        CheckName(name, dimensions.Select(d => d.Name), "dimension");
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(length);
        dimensions.Add(new NetCdfDimension(name, length, false));
        return this;
    }

    /// <summary>The record (unlimited) dimension (at most one; usually time). Its length comes from the data.</summary>
    public NetCdf3Writer AddRecordDimension(string name)
    {
        CheckName(name, dimensions.Select(d => d.Name), "dimension");
        if (dimensions.Any(d => d.IsRecord)) throw new InvalidOperationException(
            $"a netCDF-3 file has one record dimension; '{dimensions.First(d => d.IsRecord).Name}' is already it");
        dimensions.Add(new NetCdfDimension(name, 0, true));
        return this;
    }

    /// <summary>A global attribute.</summary>
    public NetCdf3Writer AddAttribute(NetCdfAttribute attribute)
    {
        CheckName(attribute.Name, attributes.Select(a => a.Name), "global attribute");
        attributes.Add(attribute);
        return this;
    }

    public NetCdf3Writer AddVariable(string name, IReadOnlyList<string> dimensions, float[] values, params NetCdfAttribute[] attributes) =>
        Add(name, dimensions, NetCdfType.Float, values, attributes);

    public NetCdf3Writer AddVariable(string name, IReadOnlyList<string> dimensions, double[] values, params NetCdfAttribute[] attributes) =>
        Add(name, dimensions, NetCdfType.Double, values, attributes);

    public NetCdf3Writer AddVariable(string name, IReadOnlyList<string> dimensions, int[] values, params NetCdfAttribute[] attributes) =>
        Add(name, dimensions, NetCdfType.Int, values, attributes);

    public NetCdf3Writer AddVariable(string name, IReadOnlyList<string> dimensions, short[] values, params NetCdfAttribute[] attributes) =>
        Add(name, dimensions, NetCdfType.Short, values, attributes);

    public NetCdf3Writer AddVariable(string name, IReadOnlyList<string> dimensions, sbyte[] values, params NetCdfAttribute[] attributes) =>
        Add(name, dimensions, NetCdfType.Byte, values, attributes);

    private NetCdf3Writer Add(string name, IReadOnlyList<string> dimensions, NetCdfType type, Array values, NetCdfAttribute[] attributes)
    {
        CheckName(name, variables.Select(v => v.Name), "variable");
        for (var i = 0; i < dimensions.Count; i++)
        {
            var d = this.dimensions.FirstOrDefault(x => x.Name == dimensions[i])
                ?? throw new ArgumentException($"variable '{name}': dimension '{dimensions[i]}' was not added (add dimensions first)",
                    nameof(dimensions));
            if (d.IsRecord && i > 0) throw new ArgumentException($"variable '{name}': the record dimension '{d.Name}' must come first",
                nameof(dimensions));
        }
        foreach (var a in attributes.GroupBy(a => a.Name).Where(g => g.Count() > 1))
            throw new ArgumentException($"variable '{name}': attribute '{a.Key}' given twice", nameof(attributes));
        variables.Add((name, dimensions.ToArray(), type, values, attributes));
        return this;
    }

    /// <summary>Writes the file to <paramref name="path"/> (atomically, creating its folder).</summary>
    public void Write(string path)
    {
        var records = RecordCount();
        var size = dimensions.ToDictionary(d => d.Name, d => d.IsRecord ? records : d.Length);
        bool IsRecord(string[] dims) => dims.Length > 0 && dimensions.First(d => d.Name == dims[0]).IsRecord;
        long SliceBytes(int i) =>
            variables[i].Dimensions.Skip(IsRecord(variables[i].Dimensions) ? 1 : 0)
                .Aggregate((long)NetCdf3Variable.SizeOf(variables[i].Type), (n, d) => n * size[d]);

        for (var i = 0; i < variables.Count; i++)
        {
            var expected = IsRecord(variables[i].Dimensions) ? records * SliceBytes(i) / NetCdf3Variable.SizeOf(variables[i].Type)
                : SliceBytes(i) / NetCdf3Variable.SizeOf(variables[i].Type);
            if (variables[i].Values.LongLength != expected)
                throw new ArgumentException(
                    $"variable '{variables[i].Name}' has {variables[i].Values.LongLength} values; its shape [{string.Join(", ", variables[i].Dimensions.Select(d => size[d]))}] holds {expected}");
        }

        var recordIndices = Enumerable.Range(0, variables.Count).Where(i => IsRecord(variables[i].Dimensions)).ToArray();
        var fixedIndices = Enumerable.Range(0, variables.Count).Where(i => !IsRecord(variables[i].Dimensions)).ToArray();
        var format = NetCdf3Format.Classic;
        long[] begins = [];
        long recordSize = 0;
        for (var attempt = 0; attempt < 2; attempt++)   // classic first; 64-bit offsets if an offset does not fit in 31 bits
        {
            var offset = NetCdf3File.Pad4(Header(format, records, new long[variables.Count]).Length);
            begins = new long[variables.Count];
            foreach (var i in fixedIndices)
            {
                begins[i] = offset;
                offset += NetCdf3File.Pad4(SliceBytes(i));
            }
            foreach (var i in recordIndices)
            {
                begins[i] = offset;
                offset += recordIndices.Length == 1 ? SliceBytes(i) : NetCdf3File.Pad4(SliceBytes(i));
            }
            recordSize = recordIndices.Length == 1 ? SliceBytes(recordIndices[0]) : recordIndices.Sum(i => NetCdf3File.Pad4(SliceBytes(i)));
            if (format == NetCdf3Format.Offset64 || begins.All(b => b <= int.MaxValue)) break;
            format = NetCdf3Format.Offset64;
        }

        var header = Header(format, records, begins);
        AtomicFile.Write(EnsureFolder(path), stream =>
        {
            var buffered = new BufferedStream(stream, 1 << 16);   // not disposed: that would close AtomicFile's stream before its fsync
            buffered.Write(header);
            WriteZeros(buffered, NetCdf3File.Pad4(header.Length) - header.Length);
            foreach (var i in fixedIndices)
            {
                WriteValues(buffered, variables[i].Type, variables[i].Values, 0, variables[i].Values.Length);
                WriteZeros(buffered, NetCdf3File.Pad4(SliceBytes(i)) - SliceBytes(i));
            }
            for (var r = 0; r < records; r++)
            {
                foreach (var i in recordIndices)
                {
                    var perRecord = (int)(SliceBytes(i) / NetCdf3Variable.SizeOf(variables[i].Type));
                    WriteValues(buffered, variables[i].Type, variables[i].Values, r * perRecord, perRecord);
                    if (recordIndices.Length > 1) WriteZeros(buffered, NetCdf3File.Pad4(SliceBytes(i)) - SliceBytes(i));
                }
            }
            buffered.Flush();
        });
    }

    private int RecordCount()
    {
        var record = dimensions.FirstOrDefault(d => d.IsRecord);
        if (record is null) return 0;
        int? count = null;
        string? first = null;
        foreach (var v in variables.Where(v => v.Dimensions.Length > 0 && v.Dimensions[0] == record.Name))
        {
            var perRecord = v.Dimensions.Skip(1).Aggregate(1L, (n, d) => n * dimensions.First(x => x.Name == d).Length);
            if (v.Values.LongLength % perRecord != 0) throw new ArgumentException(
                $"variable '{v.Name}' has {v.Values.LongLength} values, not a whole number of records of {perRecord}");
            var n = (int)(v.Values.LongLength / perRecord);
            if (count is not null && n != count) throw new ArgumentException(
                $"record variables disagree on the record count: '{first}' has {count}, '{v.Name}' has {n}");
            count ??= n;
            first ??= v.Name;
        }
        return count ?? 0;
    }

    private byte[] Header(NetCdf3Format format, int records, long[] begins)
    {
        var h = new HeaderBuilder();
        h.Bytes([(byte)'C', (byte)'D', (byte)'F', (byte)format]);
        h.Int(records);
        h.List(0x0A, dimensions.Count);
        foreach (var d in dimensions)
        {
            h.Name(d.Name);
            h.Int(d.IsRecord ? 0 : d.Length);
        }
        WriteAttributes(h, attributes);
        h.List(0x0B, variables.Count);
        for (var i = 0; i < variables.Count; i++)
        {
            var v = variables[i];
            h.Name(v.Name);
            h.Int(v.Dimensions.Length);
            foreach (var d in v.Dimensions) h.Int(dimensions.FindIndex(x => x.Name == d));
            WriteAttributes(h, v.Attributes);
            h.Int((int)v.Type);
            var isRecord = v.Dimensions.Length > 0 && dimensions.First(d => d.Name == v.Dimensions[0]).IsRecord;
            var slice = v.Dimensions.Skip(isRecord ? 1 : 0).Aggregate((long)NetCdf3Variable.SizeOf(v.Type),
                (n, d) => n * dimensions.First(x => x.Name == d).Length);
            var vsize = NetCdf3File.Pad4(slice);
            h.Int(vsize > uint.MaxValue - 4 ? -1 : (int)(uint)vsize);   // the spec's 2^32-1 for a variable too large to say
            if (format == NetCdf3Format.Classic) h.Int((int)begins[i]);
            else h.Long(begins[i]);
        }
        return h.ToArray();
    }

    private static void WriteAttributes(HeaderBuilder h, IReadOnlyList<NetCdfAttribute> attributes)
    {
        h.List(0x0C, attributes.Count);
        foreach (var a in attributes)
        {
            h.Name(a.Name);
            h.Int((int)a.Type);
            if (a.IsText)
            {
                var bytes = Encoding.UTF8.GetBytes(a.Text ?? "");
                h.Int(bytes.Length);
                h.Bytes(bytes);
                h.Pad();
                continue;
            }
            h.Int(a.Values.Count);
            using var memory = new MemoryStream();
            WriteValues(memory, a.Type, a.Values.ToArray(), 0, a.Values.Count);
            h.Bytes(memory.ToArray());
            h.Pad();
        }
    }

    private static void WriteValues(Stream stream, NetCdfType type, Array values, int start, int count)
    {
        Span<byte> eight = stackalloc byte[8];
        for (var i = start; i < start + count; i++)
        {
            var value = values switch
            {
                float[] f => f[i],
                double[] d => d[i],
                int[] n => n[i],
                short[] s => s[i],
                sbyte[] b => b[i],
                _ => throw new ArgumentException($"values of type {values.GetType().Name} cannot be written"),
            };
            switch (type)
            {
                case NetCdfType.Byte: eight[0] = (byte)(sbyte)value; stream.Write(eight[..1]); break;
                case NetCdfType.Short: BinaryPrimitives.WriteInt16BigEndian(eight, (short)value); stream.Write(eight[..2]); break;
                case NetCdfType.Int: BinaryPrimitives.WriteInt32BigEndian(eight, (int)value); stream.Write(eight[..4]); break;
                case NetCdfType.Float: BinaryPrimitives.WriteSingleBigEndian(eight, (float)value); stream.Write(eight[..4]); break;
                case NetCdfType.Double: BinaryPrimitives.WriteDoubleBigEndian(eight, value); stream.Write(eight[..8]); break;
                default: throw new ArgumentException($"type {type} cannot hold numbers");
            }
        }
    }

    private static void WriteZeros(Stream stream, long count)
    {
        for (var i = 0L; i < count; i++) stream.WriteByte(0);
    }

    private static string EnsureFolder(string path)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
        return path;
    }

    private static void CheckName(string name, IEnumerable<string> existing, string what)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (existing.Contains(name)) throw new ArgumentException($"{what} '{name}' added twice");
    }

    private sealed class HeaderBuilder
    {
        private readonly MemoryStream bytes = new();

        public void Bytes(ReadOnlySpan<byte> bytes) => this.bytes.Write(bytes);
        public void Int(int value) { Span<byte> b = stackalloc byte[4]; BinaryPrimitives.WriteInt32BigEndian(b, value); bytes.Write(b); }
        public void Long(long value) { Span<byte> b = stackalloc byte[8]; BinaryPrimitives.WriteInt64BigEndian(b, value); bytes.Write(b); }
        public void Pad() => WriteZeros(bytes, NetCdf3File.Pad4(bytes.Length) - bytes.Length);

        public void Name(string name)
        {
            var bytes = Encoding.UTF8.GetBytes(name);
            Int(bytes.Length);
            Bytes(bytes);
            Pad();
        }

        /// <summary>A list's tag and count, or ABSENT (two zero words) when empty.</summary>
        public void List(int tag, int count)
        {
            Int(count == 0 ? 0 : tag);
            Int(count);
        }

        public byte[] ToArray() => bytes.ToArray();
    }
}
