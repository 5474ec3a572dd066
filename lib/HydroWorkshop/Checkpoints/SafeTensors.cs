using System.Buffers.Binary;
using System.Text.Json;
using HydroWorkshop.Common;
using TorchSharp;
using static TorchSharp.torch;

namespace HydroWorkshop.Checkpoints;

/// <summary>One tensor's entry in a safetensors header: element type, shape, byte range in the data section.</summary>
public sealed record SafeTensorsEntry(string Name, ScalarType DType, long[] Shape, long Begin, long End);

/// <summary>
/// Reads and writes the safetensors format (https://huggingface.co/docs/safetensors), which Python's
/// <c>safetensors</c> package reads: an 8-byte little-endian header length N, N bytes of JSON
/// <c>{"__metadata__": {string: string}, name: {"dtype": "F32", "shape": [..], "data_offsets": [begin, end]}}</c>
/// padded with spaces to a multiple of 8, then the tensors' raw little-endian bytes, row-major, back to back.
/// Writes are atomic (<see cref="AtomicFile"/>). Values round-trip bit-exactly.
/// </summary>
public static class SafeTensors
{
    /// <summary>The largest header accepted (as the Python reader: 100 MB).</summary>
    public const long MaxHeaderBytes = 100_000_000;

    /// <summary>Writes <paramref name="tensors"/> (any device, any layout; in dictionary order) and
    /// <paramref name="metadata"/> to <paramref name="path"/>, atomically.</summary>
    public static void Save(IReadOnlyDictionary<string, Tensor> tensors, string path, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        var header = Header(tensors, metadata, path, out var total);
        AtomicFile.Write(path, stream =>
        {
            Span<byte> length = stackalloc byte[8];
            BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)header.Length);
            stream.Write(length);
            stream.Write(header);
            long written = 0;
            foreach (var (name, tensor) in tensors)
            {
                written += WriteData(stream, tensor, name, path);
            }
            if (written != total) throw new InvalidOperationException(
                $"{path}: wrote {written} data bytes, the header promised {total} (a tensor changed size while saving)");
        });
    }

    /// <summary>Reads every tensor of a safetensors file (on the CPU) and its metadata.</summary>
    public static (Dictionary<string, Tensor> Tensors, Dictionary<string, string> Metadata) Load(string path)
    {
        var (entries, metadata, dataStart) = ReadHeader(path);
        var tensors = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        try
        {
            foreach (var entry in entries)
            {
                var tensor = torch.empty(entry.Shape, entry.DType);
                tensors[entry.Name] = tensor;
                ReadData(handle, dataStart + entry.Begin, entry.End - entry.Begin, tensor, entry.Name, path);
            }
        }
        catch
        {
            foreach (var t in tensors.Values) t.Dispose();
            throw;
        }
        return (tensors, metadata);
    }

    /// <summary>The entries (in data order), the metadata and where the data section starts, without
    /// reading any tensor. Every inconsistency is reported with the file name.</summary>
    public static (List<SafeTensorsEntry> Entries, Dictionary<string, string> Metadata, long DataStart) ReadHeader(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"safetensors file '{path}' does not exist", path);
        byte[] json;
        long fileLength;
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read))
        {
            fileLength = stream.Length;
            Span<byte> prefix = stackalloc byte[8];
            if (stream.ReadAtLeast(prefix, 8, throwOnEndOfStream: false) < 8) throw Bad(path,
                $"it is {fileLength} bytes long, shorter than the 8-byte header length");
            var n = BinaryPrimitives.ReadUInt64LittleEndian(prefix);
            if (n > MaxHeaderBytes) throw Bad(path,
                $"the header length is {n} bytes (more than {MaxHeaderBytes}): not a safetensors file?");
            if (8 + (long)n > fileLength) throw Bad(path,
                $"the header length {n} runs past the end of the file ({fileLength} bytes): truncated?");
            json = new byte[n];
            stream.ReadExactly(json);
        }
        var dataStart = 8 + json.LongLength;
        var dataLength = fileLength - dataStart;
        var entries = new List<SafeTensorsEntry>();
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw Bad(path, $"the header is not valid JSON ({e.Message})");
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object) throw Bad(path, "the header is not a JSON object");
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Name == "__metadata__")
                {
                    if (property.Value.ValueKind != JsonValueKind.Object) throw Bad(path, "__metadata__ is not an object");
                    foreach (var m in property.Value.EnumerateObject())
                    {
                        if (m.Value.ValueKind != JsonValueKind.String) throw Bad(path, $"metadata '{m.Name}' is not a string");
                        metadata[m.Name] = m.Value.GetString()!;
                    }
                    continue;
                }
                entries.Add(ParseEntry(property, path, dataLength));
            }
        }
        entries.Sort((a, b) => a.Begin.CompareTo(b.Begin));
        long expected = 0;
        foreach (var e in entries)
        {
            if (e.Begin != expected) throw Bad(path,
                $"tensor '{e.Name}' starts at data byte {e.Begin}, expected {expected} (overlap or gap)");
            expected = e.End;
        }
        if (expected != dataLength) throw Bad(path, $"the tensors cover {expected} data bytes, the file has {dataLength}");
        return (entries, metadata, dataStart);
    }

    private static SafeTensorsEntry ParseEntry(JsonProperty property, string path, long dataLength)
    {
        var name = property.Name;
        var v = property.Value;
        if (v.ValueKind != JsonValueKind.Object
            || !v.TryGetProperty("dtype", out var dtypeElement) || dtypeElement.ValueKind != JsonValueKind.String
            || !v.TryGetProperty("shape", out var shapeElement) || shapeElement.ValueKind != JsonValueKind.Array
            || !v.TryGetProperty("data_offsets", out var offsets) || offsets.ValueKind != JsonValueKind.Array
            || offsets.GetArrayLength() != 2)
            throw Bad(path, $"tensor '{name}' needs dtype (string), shape (array) and data_offsets ([begin, end])");
        var dtypeName = dtypeElement.GetString()!;
        var dtype = SafeTensorsDType.Parse(dtypeName)
            ?? throw Bad(path, $"tensor '{name}' has dtype '{dtypeName}'; this reader knows {string.Join(", ", SafeTensorsDType.Names)}");
        var shape = new long[shapeElement.GetArrayLength()];
        var k = 0;
        long numel = 1;
        foreach (var s in shapeElement.EnumerateArray())
        {
            if (!s.TryGetInt64(out var size) || size < 0) throw Bad(path, $"tensor '{name}' has shape {shapeElement.GetRawText()}");
            shape[k++] = size;
            numel = checked(numel * size);
        }
        if (!offsets[0].TryGetInt64(out var begin) || !offsets[1].TryGetInt64(out var end) || begin < 0 || end < begin || end > dataLength)
            throw Bad(path, $"tensor '{name}' has data_offsets {offsets.GetRawText()} outside the {dataLength}-byte data section");
        var bytes = checked(numel * dtype.ElementSize());
        if (end - begin != bytes)
            throw Bad(path,
                $"tensor '{name}' ({dtypeName} [{string.Join(", ", shape)}]) needs {bytes} bytes, data_offsets give {end - begin}");
        return new SafeTensorsEntry(name, dtype, shape, begin, end);
    }

    private static byte[] Header(IReadOnlyDictionary<string, Tensor> tensors, IReadOnlyDictionary<string, string>? metadata, string path,
        out long total)
    {
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("safetensors writing assumes a little-endian machine");
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            if (metadata is { Count: > 0 })
            {
                json.WriteStartObject("__metadata__");
                foreach (var (key, value) in metadata) json.WriteString(key, value ?? throw new ArgumentException(
                    $"{path}: metadata '{key}' is null", nameof(metadata)));
                json.WriteEndObject();
            }
            total = 0;
            foreach (var (name, tensor) in tensors)
            {
                if (name == "__metadata__") throw new ArgumentException($"{path}: a tensor cannot be named __metadata__", nameof(tensors));
                if (tensor is null || tensor.IsInvalid) throw new ArgumentException($"{path}: tensor '{name}' is null or disposed",
                    nameof(tensors));
                var dtype = SafeTensorsDType.NameOf(tensor.dtype);
                var bytes = tensor.numel() * (long)tensor.dtype.ElementSize();
                json.WriteStartObject(name);
                json.WriteString("dtype", dtype);
                json.WriteStartArray("shape");
                foreach (var s in tensor.shape) json.WriteNumberValue(s);
                json.WriteEndArray();
                json.WriteStartArray("data_offsets");
                json.WriteNumberValue(total);
                json.WriteNumberValue(total + bytes);
                json.WriteEndArray();
                json.WriteEndObject();
                total += bytes;
            }
            json.WriteEndObject();
        }
        // Pad with spaces so the data section starts 8-byte aligned, as the Python writer does.
        while (buffer.Length % 8 != 0) buffer.WriteByte((byte)' ');
        return buffer.ToArray();
    }

    private static long WriteData(Stream stream, Tensor tensor, string name, string path)
    {
        if (tensor.IsInvalid) throw new ObjectDisposedException(nameof(Tensor), $"{path}: tensor '{name}' was disposed while saving");
        using var detached = tensor.detach();
        using var cpu = detached.cpu();
        using var contiguous = cpu.contiguous();
        var bytes = contiguous.numel() * contiguous.dtype.ElementSize();
        if (bytes == 0) return 0;
        // TorchSharp's byte view is limited to 2 GiB per tensor; checkpoints of the kit's models are far smaller.
        if (bytes > int.MaxValue) throw new NotSupportedException(
            $"{path}: tensor '{name}' has {bytes} bytes; tensors over 2 GiB cannot be saved");
        stream.Write(contiguous.bytes);
        return bytes;
    }

    private static void ReadData(Microsoft.Win32.SafeHandles.SafeFileHandle handle, long fileOffset, long bytes, Tensor tensor,
        string name, string path)
    {
        if (bytes == 0) return;
        if (bytes > int.MaxValue) throw Bad(path, $"tensor '{name}' has {bytes} bytes; tensors over 2 GiB cannot be read");
        var data = tensor.bytes;
        var done = 0;
        while (done < bytes)
        {
            var read = RandomAccess.Read(handle, data[done..], fileOffset + done);
            if (read == 0) throw Bad(path, $"the data of tensor '{name}' ends early");
            done += read;
        }
    }

    private static InvalidDataException Bad(string path, string why) => new($"{path}: not a valid safetensors file: {why}");
}
