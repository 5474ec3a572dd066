using System.Text;
using HydroWorkshop.Checkpoints;
using HydroWorkshop.TestSupport;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace HydroWorkshop.Tests.Checkpoints;

/// <summary>The safetensors reader and writer: bit-exact round trips, the committed Python-written file,
/// and a clear error for every kind of damaged file.</summary>
public sealed class SafeTensorsTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    /// <summary>One tensor of every supported type, including NaN, infinities, -0 and subnormals.</summary>
    internal static Dictionary<string, Tensor> EveryType()
    {
        var floats = new[] { 1.5f, float.NaN, float.PositiveInfinity, float.NegativeInfinity, -0f, float.Epsilon, 3.4028235e38f, -1e-30f };
        return new Dictionary<string, Tensor>
        {
            ["f32"] = tensor(floats, [2, 4]),
            ["f64"] = tensor(new[] { Math.PI, double.NaN, -0.0, double.Epsilon, 1e300, -2.5 }, [3, 1, 2]),
            ["i64"] = tensor(new[] { long.MinValue, -1, 0, long.MaxValue }),
            ["i32"] = tensor(new[] { int.MinValue, 7, int.MaxValue }),
            ["i16"] = tensor(new short[] { short.MinValue, -3, short.MaxValue }),
            ["i8"] = tensor(new sbyte[] { sbyte.MinValue, -3, sbyte.MaxValue }),
            ["bool"] = tensor(new[] { true, false, true }),
            ["scalar"] = tensor(42.0),
            ["empty"] = zeros(0, 5),
            ["u8"] = tensor(new byte[] { 0, 255, 17 }),
            ["f16"] = tensor(new[] { 0.5f, 65504f, -1f }).to(ScalarType.Float16),
            ["bf16"] = tensor(new[] { 0.5f, 3e38f, -1f }).to(ScalarType.BFloat16),
            ["transposed"] = arange(0.0, 6.0).reshape(2, 3).t(),
        };
    }

    /// <summary>The tensor's elements as raw bytes, row-major.</summary>
    internal static byte[] Bytes(Tensor t)
    {
        using var c = t.detach().cpu().contiguous();
        return c.numel() == 0 ? [] : c.bytes.ToArray();
    }

    [Fact]
    public void SaveLoad_EveryTypeAndSpecialValue_RoundTripsBitExactly()
    {
        using var scope = NewDisposeScope();
        var tensors = EveryType();
        var path = Path.Combine(folder.Path, "all.safetensors");
        var metadata = new Dictionary<string, string> { ["epoch"] = "3", ["note"] = "débit m³/s \"quoted\"" };
        SafeTensors.Save(tensors, path, metadata);
        var (loaded, loadedMetadata) = SafeTensors.Load(path);
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
        using var scope = NewDisposeScope();
        var path = Path.Combine(folder.Path, "layout.safetensors");
        SafeTensors.Save(new Dictionary<string, Tensor> { ["a"] = ones(2), ["b"] = zeros(1, dtype: ScalarType.Float64) }, path);
        var bytes = File.ReadAllBytes(path);
        var n = BitConverter.ToUInt64(bytes, 0);
        Assert.Equal(0UL, n % 8);
        var header = Encoding.UTF8.GetString(bytes, 8, (int)n).TrimEnd(' ');
        Assert.Equal("""{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F64","shape":[1],"data_offsets":[8,16]}}""",
            header);
        Assert.Equal(8 + (long)n + 16, bytes.LongLength);
    }

    [CudaFact]
    public void Save_CudaTensors_LoadsOnCpuWithSameValues()
    {
        using var scope = NewDisposeScope();
        var path = Path.Combine(folder.Path, "cuda.safetensors");
        var weight = randn(3, 5, device: CUDA);
        SafeTensors.Save(new Dictionary<string, Tensor> { ["weight"] = weight, ["steps"] = tensor(7L, device: CUDA) }, path);
        var (loaded, _) = SafeTensors.Load(path);
        Assert.Equal(DeviceType.CPU, loaded["weight"].device.type);
        Assert.Equal(weight.cpu().data<float>().ToArray(), loaded["weight"].data<float>().ToArray());
        Assert.Equal(7L, loaded["steps"].item<long>());
    }

    [Fact]
    public void Load_PythonWrittenFixture_ReadsValuesAndMetadata()
    {
        var path = FixtureFiles.Path("torch", "python_written.safetensors");
        using var scope = NewDisposeScope();
        var (tensors, metadata) = SafeTensors.Load(path);
        Assert.Equal("python", metadata["written_by"]);
        Assert.Equal("7", metadata["epoch"]);
        Assert.Equal(new[] { 1.5, -2.25 }, tensors["encoder.bias"].data<double>().ToArray());
        Assert.Equal(12345678901L, tensors["steps"].item<long>());
        Assert.Empty(tensors["steps"].shape);
        Assert.Equal(new[] { true, false, true }, tensors["mask"].data<bool>().ToArray());
        Assert.Equal(new[] { 0, 1, 2, 3, 4, 5 }, tensors["counts"].data<int>().ToArray());
        Assert.Equal(new long[] { 2, 3 }, tensors["counts"].shape);
        Assert.Equal(new[] { 0.5f, -1f, 65504f }, tensors["half"].to(ScalarType.Float32).data<float>().ToArray());
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
        var path = Path.Combine(folder.Path, damage + ".safetensors");
        File.WriteAllBytes(path, damage switch
        {
            "short" => [1, 2, 3],
            "huge_header" => BitConverter.GetBytes(ulong.MaxValue / 2),
            "truncated_header" => [.. BitConverter.GetBytes(100UL), .. "{}"u8],
            "bad_json" => Raw("{\"a\": ", []),
            "bad_dtype" => Raw("""{"a":{"dtype":"F8","shape":[1],"data_offsets":[0,1]}}""", new byte[1]),
            "wrong_size" => Raw("""{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,4]}}""", new byte[4]),
            "gap" => Raw("""{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"b":{"dtype":"F32","shape":[1],"data_offsets":[8,12]}}""",
                new byte[12]),
            "truncated_data" => Raw("""{"a":{"dtype":"F32","shape":[4],"data_offsets":[0,16]}}""", new byte[8]),
            _ => throw new ArgumentException(damage),
        });
        var error = Assert.Throws<InvalidDataException>(() => SafeTensors.Load(path));
        Assert.Contains(path, error.Message);
        Assert.Contains(expected, error.Message);

        static byte[] Raw(string json, byte[] data) =>
            [.. BitConverter.GetBytes((ulong)Encoding.UTF8.GetByteCount(json)), .. Encoding.UTF8.GetBytes(json), .. data];
    }

    [Fact]
    public void Load_MissingFile_ThrowsFileNotFound()
    {
        var path = Path.Combine(folder.Path, "nothing.safetensors");
        Assert.Contains(path, Assert.Throws<FileNotFoundException>(() => SafeTensors.Load(path)).Message);
    }

    [Fact]
    public void Save_DisposedTensor_ThrowsAndWritesNothing()
    {
        var path = Path.Combine(folder.Path, "disposed.safetensors");
        var t = ones(2);
        t.Dispose();
        Assert.Contains("'w' is null or disposed",
            Assert.Throws<ArgumentException>(() => SafeTensors.Save(new Dictionary<string, Tensor> { ["w"] = t }, path)).Message);
        Assert.Empty(Directory.GetFiles(folder.Path));
    }
}
