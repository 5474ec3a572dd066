using HydroWorkshop.Torch.Checkpoints;
using Xunit;

namespace HydroWorkshop.Torch.Tests.Checkpoints;

/// <summary>A crash or failure while writing never damages the previous checkpoint.</summary>
public sealed class AtomicFileTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("hw-atomic-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void Write_FailureMidWrite_LeavesOldFileIntactAndNoTemporary()
    {
        using var scope = torch.NewDisposeScope();
        var path = Path.Combine(folder, "model.safetensors");
        torch.save(new Dictionary<string, Tensor> { ["w"] = torch.ones([1000]) }, path);
        var before = File.ReadAllBytes(path);
        var error = Assert.Throws<IOException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write(new byte[4096]);
            stream.Flush();
            throw new IOException("simulated crash: disk full");
        }));
        Assert.Contains("simulated crash", error.Message);
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal([path], Directory.GetFiles(folder));
        using var loaded = torch.load(path)["w"];
        Assert.Equal(1000.0, loaded.sum().item<double>());
    }

    [Fact]
    public void Write_ProcessKilledBeforeRename_OldFileStillLoadsAndNextSaveSucceeds()
    {
        using var scope = torch.NewDisposeScope();
        var path = Path.Combine(folder, "model.safetensors");
        torch.save(new Dictionary<string, Tensor> { ["w"] = torch.ones([8]) }, path);
        // What a kill -9 during writing leaves: a half-written temporary beside the target.
        var stray = Path.Combine(folder, ".model.safetensors.deadbeef.tmp");
        File.WriteAllBytes(stray, new byte[] { 0x40, 0, 0, 0, 0, 0, 0, 0, (byte)'{' });
        Assert.Equal(8.0, torch.load(path)["w"].sum().item<double>());
        torch.save(new Dictionary<string, Tensor> { ["w"] = torch.full([8], 2.0) }, path);
        Assert.Equal(16.0, torch.load(path)["w"].sum().item<double>());
    }

    [Fact]
    public void Write_MissingFolder_ThrowsNamingIt()
    {
        var path = Path.Combine(folder, "no", "such", "x.safetensors");
        Assert.Contains(Path.Combine(folder, "no", "such"), Assert.Throws<DirectoryNotFoundException>(() => AtomicFile.Write(path, _ => { })).Message);
    }
}
