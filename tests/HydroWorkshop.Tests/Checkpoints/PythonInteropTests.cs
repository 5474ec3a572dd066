using System.Text.Json;
using HydroWorkshop.Checkpoints;
using HydroWorkshop.TestSupport;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace HydroWorkshop.Tests.Checkpoints;

/// <summary>
/// Files cross between C# and Python bit-exactly: C# writes and Python (python3-torch with the tiny reader
/// tests/fixtures/safetensors_mini.py) reads, and the other way round. Skipped where Debian's python3 or
/// its torch is missing; the committed Python-written file is read without Python in <see cref="SafeTensorsTests"/>.
/// </summary>
public sealed class PythonInteropTests : IDisposable
{
    private readonly TempFolder folder = new();
    private static string Script => FixtureFiles.Path("safetensors_mini.py");

    public void Dispose() => folder.Dispose();

    [PythonTorchFact]
    public void Save_ReadByPython_SameBytesShapesTypesAndMetadata()
    {
        using var scope = NewDisposeScope();
        var tensors = SafeTensorsTests.EveryType();
        var path = Path.Combine(folder.Path, "from_csharp.safetensors");
        var metadata = new Dictionary<string, string> { ["source"] = "c#", ["basin"] = "01013500" };
        SafeTensors.Save(tensors, path, metadata);
        var dump = Dump(path);
        Assert.Equal(metadata, dump.Metadata);
        Assert.Equal(tensors.Keys.Order(), dump.Tensors.Keys.Order());
        foreach (var (name, tensor) in tensors)
        {
            var python = dump.Tensors[name];
            Assert.Equal(SafeTensorsDType.NameOf(tensor.dtype), python.DType);
            Assert.Equal(tensor.shape, python.Shape);
            Assert.True(SafeTensorsTests.Bytes(tensor).SequenceEqual(python.Bytes), $"{name}: Python read other bytes");
        }
    }

    [PythonTorchFact]
    public void Load_WrittenByPython_SameBytesAsPythonReads()
    {
        var path = Path.Combine(folder.Path, "from_python.safetensors");
        var (code, output) = PythonTorchFactAttribute.Run($"\"{Script}\" write \"{path}\"", TimeSpan.FromMinutes(2));
        Assert.True(code == 0, output);
        var dump = Dump(path);
        using var scope = NewDisposeScope();
        var (tensors, metadata) = SafeTensors.Load(path);
        Assert.Equal(dump.Metadata, metadata);
        Assert.Equal("unicode éè", metadata["note"]);
        Assert.Equal(dump.Tensors.Keys.Order(), tensors.Keys.Order());
        foreach (var (name, python) in dump.Tensors)
        {
            Assert.Equal(python.DType, SafeTensorsDType.NameOf(tensors[name].dtype));
            Assert.Equal(python.Shape, tensors[name].shape);
            Assert.True(python.Bytes.SequenceEqual(SafeTensorsTests.Bytes(tensors[name])), $"{name}: C# read other bytes");
        }
    }

    private sealed record PythonTensor(string DType, long[] Shape, byte[] Bytes);

    private (Dictionary<string, string> Metadata, Dictionary<string, PythonTensor> Tensors) Dump(string path)
    {
        var json = Path.Combine(folder.Path, Path.GetFileName(path) + ".json");
        var (code, output) = PythonTorchFactAttribute.Run($"\"{Script}\" dump \"{path}\" \"{json}\"", TimeSpan.FromMinutes(2));
        Assert.True(code == 0, output);
        using var document = JsonDocument.Parse(File.ReadAllText(json));
        var metadata = document.RootElement.GetProperty("metadata").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
        var tensors = document.RootElement.GetProperty("tensors").EnumerateObject().ToDictionary(p => p.Name, p => new PythonTensor(
            p.Value.GetProperty("dtype").GetString()!,
            p.Value.GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()).ToArray(),
            Convert.FromHexString(p.Value.GetProperty("hex").GetString()!)));
        return (metadata, tensors);
    }
}
