using HydroWorkshop.Checkpoints;
using HydroWorkshop.Common;
using HydroWorkshop.TestSupport;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace HydroWorkshop.Tests.Common;

/// <summary>A crash or failure while writing never damages the previous checkpoint.</summary>
public sealed class AtomicFileTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void Write_FailureMidWrite_LeavesOldFileIntactAndNoTemporary()
    {
        using var scope = NewDisposeScope();
        var path = Path.Combine(folder.Path, "model.safetensors");
        SafeTensors.Save(new Dictionary<string, Tensor> { ["w"] = ones(1000) }, path);
        var before = File.ReadAllBytes(path);
        var error = Assert.Throws<IOException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write(new byte[4096]);
            stream.Flush();
            throw new IOException("simulated crash: disk full");
        }));
        Assert.Contains("simulated crash", error.Message);
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal([path], Directory.GetFiles(folder.Path));
        Assert.Equal(1000f, SafeTensors.Load(path).Tensors["w"].sum().item<float>());
    }

    [Fact]
    public void Write_ProcessKilledBeforeRename_OldFileStillLoadsAndNextSaveSucceeds()
    {
        using var scope = NewDisposeScope();
        var path = Path.Combine(folder.Path, "model.safetensors");
        SafeTensors.Save(new Dictionary<string, Tensor> { ["w"] = ones(8) }, path);
        // What a kill -9 during writing leaves: a half-written temporary beside the target.
        var stray = Path.Combine(folder.Path, ".model.safetensors.deadbeef.tmp");
        File.WriteAllBytes(stray, [0x40, 0, 0, 0, 0, 0, 0, 0, (byte)'{']);
        Assert.Equal(8f, SafeTensors.Load(path).Tensors["w"].sum().item<float>());
        SafeTensors.Save(new Dictionary<string, Tensor> { ["w"] = full(8, 2f) }, path);
        Assert.Equal(16f, SafeTensors.Load(path).Tensors["w"].sum().item<float>());
    }

    [Fact]
    public void Write_MissingFolder_ThrowsNamingIt()
    {
        var path = Path.Combine(folder.Path, "no", "such", "x.safetensors");
        Assert.Contains(Path.Combine(folder.Path, "no", "such"),
            Assert.Throws<DirectoryNotFoundException>(() => AtomicFile.Write(path, _ => { })).Message);
    }

    [Fact]
    public void WriteAllText_NewFolder_CreatesItAndWritesUtf8WithoutBom()
    {
        var path = Path.Combine(folder.Path, "runs", "a", "config.json");
        AtomicFile.WriteAllText(path, "débit");
        Assert.Equal("débit"u8.ToArray(), File.ReadAllBytes(path));
    }
}
