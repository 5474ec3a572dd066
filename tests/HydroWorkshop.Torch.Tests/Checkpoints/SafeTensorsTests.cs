using System.Text;
using HydroWorkshop.Torch.Checkpoints;
using Xunit;

namespace HydroWorkshop.Torch.Tests.Checkpoints;

/// <summary>The safetensors reader and writer: bit-exact round trips, the committed Python-written file,
/// and a clear error for every kind of damaged file.</summary>
public sealed class SafeTensorsTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("hw-safetensors-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    /// <summary>One tensor of every supported type, including NaN, infinities, -0 and subnormals.</summary>
    internal static Dictionary<string, Tensor> EveryType()
    {
        var floats = new[] { 1.5f, float.NaN, float.PositiveInfinity, float.NegativeInfinity, -0f, float.Epsilon, 3.4028235e38f, -1e-30f };
        var t = new Dictionary<string, Tensor>
        {
            ["f32"] = torch.tensor(floats, [2, 4]),
            ["f64"] = torch.tensor(new[] { Math.PI, double.NaN, -0.0, double.Epsilon, 1e300, -2.5 }, [3, 1, 2]),
            ["i64"] = torch.tensor(new[] { long.MinValue, -1, 0, long.MaxValue }),
            ["i32"] = torch.tensor(new[] { int.MinValue, 7, int.MaxValue }),
            ["bool"] = torch.tensor(new[] { true, false, true }),
            ["scalar"] = torch.tensor(42.0),
            ["empty"] = torch.zeros([0, 5]),
            ["u8"] = torch.tensor(new[] { 0L, 255, 17 }).to(ScalarType.Byte),
            ["f16"] = torch.tensor(new[] { 0.5f, 65504f, -1f }).to(ScalarType.Float16),
            ["bf16"] = torch.tensor(new[] { 0.5f, 3e38f, -1f }).to(ScalarType.BFloat16),
            ["transposed"] = torch.arange(0.0, 6.0).reshape(2, 3).t(),
        };
        return t;
    }

    internal static byte[] Bytes(Tensor t)
    {
        using var c = t.contiguous();
        using var asBytes = torch.ops("aten::view.dtype").Call(c.reshape(-1), ScalarType.Byte);
        return asBytes.ToArray<byte>();
    }

    [Fact]
    public void SaveLoad_EveryTypeAndSpecialValue_RoundTripsBitExactly()
    {
        using var scope = torch.NewDisposeScope();
        var tensors = EveryType();
        var path = Path.Combine(folder, "all.safetensors");
        var metadata = new Dictionary<string, string> { ["epoch"] = "3", ["note"] = "débit m³/s \"quoted\"" };
        torch.save(tensors, path, metadata);
        var loaded = torch.load(path, out var loadedMetadata);
        Assert.Equal(metadata, loadedMetadata);
        Assert.Equal(tensors.Keys.Order(), loaded.Keys.Order());
        foreach (var (name, expected) in tensors)
        {
            var actual = loaded[name];
            Assert.Equal(expected.dtype, actual.dtype);
            Assert.Equal(expected.shape, actual.shape);
            Assert.Equal(Bytes(expected), Bytes(actual));
        }
        Assert.Equal(0, SafeTensors.ReadHeader(path).DataStart % 8);
    }

    [Fact]
    public void Save_Header_IsPaddedJsonWithOffsetsAsPythonWrites()
    {
        using var scope = torch.NewDisposeScope();
        var path = Path.Combine(folder, "layout.safetensors");
        torch.save(new Dictionary<string, Tensor> { ["a"] = torch.ones([2]), ["b"] = torch.zeros([1], ScalarType.Float64) }, path);
        var bytes = File.ReadAllBytes(path);
        var n = BitConverter.ToUInt64(bytes, 0);
        Assert.Equal(0UL, n % 8);
        var header = Encoding.UTF8.GetString(bytes, 8, (int)n).TrimEnd(' ');
        Assert.Equal("""{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F64","shape":[1],"data_offsets":[8,16]}}""", header);
        Assert.Equal(8 + (long)n + 16, bytes.LongLength);
    }

    [Fact]
    public void Load_PythonWrittenFixture_ReadsValuesAndMetadata()
    {
        var path = FixtureFiles.Path("torch", "python_written.safetensors");
        using var scope = torch.NewDisposeScope();
        var tensors = torch.load(path, out var metadata);
        Assert.Equal("python", metadata["written_by"]);
        Assert.Equal("7", metadata["epoch"]);
        Assert.Equal(new[] { 1.5, -2.25 }, tensors["encoder.bias"].ToArray<double>());
        Assert.Equal(12345678901L, tensors["steps"].item<long>());
        Assert.Empty(tensors["steps"].shape);
        Assert.Equal(new[] { true, false, true }, tensors["mask"].ToArray<bool>());
        Assert.Equal(new[] { 0, 1, 2, 3, 4, 5 }, tensors["counts"].ToArray<int>());
        Assert.Equal(new long[] { 2, 3 }, tensors["counts"].shape);
        Assert.Equal(new[] { 0.5f, -1f, 65504f }, tensors["half"].@float().ToArray<float>());
        Assert.Equal(new long[] { 0, 3 }, tensors["empty"].shape);
        Assert.Equal(new long[] { 3, 2 }, tensors["encoder.weight"].shape);
    }

    [Theory]
    [InlineData("short", "shorter than the 8-byte header length")]
    [InlineData("huge_header", "not a safetensors file?")]
    [InlineData("truncated_header", "runs past the end of the file")]
    [InlineData("bad_json", "not valid JSON")]
    [InlineData("bad_dtype", "has dtype 'F8'")]
    [InlineData("wrong_size", "needs 8 bytes, data_offsets give 4")]
    [InlineData("gap", "starts at data byte 8, expected 4")]
    [InlineData("truncated_data", "outside the")]
    public void Load_DamagedFile_ThrowsNamingFileAndProblem(string damage, string expected)
    {
        var path = Path.Combine(folder, damage + ".safetensors");
        System.IO.File.WriteAllBytes(path, damage switch
        {
            "short" => [1, 2, 3],
            "huge_header" => BitConverter.GetBytes(ulong.MaxValue / 2),
            "truncated_header" => [.. BitConverter.GetBytes(100UL), .. "{}"u8],
            "bad_json" => Raw("{\"a\": ", []),
            "bad_dtype" => Raw("""{"a":{"dtype":"F8","shape":[1],"data_offsets":[0,1]}}""", new byte[1]),
            "wrong_size" => Raw("""{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,4]}}""", new byte[4]),
            "gap" => Raw("""{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"b":{"dtype":"F32","shape":[1],"data_offsets":[8,12]}}""", new byte[12]),
            "truncated_data" => Raw("""{"a":{"dtype":"F32","shape":[4],"data_offsets":[0,16]}}""", new byte[8]),
            _ => throw new ArgumentException(damage),
        });
        var error = Assert.Throws<InvalidDataException>(() => torch.load(path));
        Assert.Contains(path, error.Message);
        Assert.Contains(expected, error.Message);

        static byte[] Raw(string json, byte[] data) => [.. BitConverter.GetBytes((ulong)Encoding.UTF8.GetByteCount(json)), .. Encoding.UTF8.GetBytes(json), .. data];
    }

    [Fact]
    public void Load_MissingFile_ThrowsFileNotFound()
    {
        var path = Path.Combine(folder, "nothing.safetensors");
        Assert.Contains(path, Assert.Throws<FileNotFoundException>(() => torch.load(path)).Message);
    }

    [Fact]
    public void Save_DisposedTensor_ThrowsAndWritesNothing()
    {
        var path = Path.Combine(folder, "disposed.safetensors");
        var t = torch.ones([2]);
        t.Dispose();
        Assert.Contains("'w' is null or disposed", Assert.Throws<ArgumentException>(() => torch.save(new Dictionary<string, Tensor> { ["w"] = t }, path)).Message);
        Assert.Empty(Directory.GetFiles(folder));
    }
}
