using HydroWorkshop.Torch;
using Xunit;
using static HydroWorkshop.Torch.torch;

namespace HydroWorkshop.Torch.Tests;

public class DeviceTests
{
    [Theory]
    [InlineData("cpu", DeviceType.CPU, -1)]
    [InlineData("cuda", DeviceType.CUDA, 0)]
    [InlineData("cuda:2", DeviceType.CUDA, 2)]
    public void Parse_PyTorchSpelling_GivesDevice(string text, DeviceType type, int index)
    {
        Assert.Equal(new Device(type, index), Device.Parse(text));
    }

    [Fact]
    public void Parse_Unknown_ThrowsFormatException()
    {
        Assert.Throws<FormatException>(() => Device.Parse("tpu:0"));
    }

    [Fact]
    public void CudaIsAvailable_Always_GivesAReason()
    {
        var available = cuda.is_available(out var reason);
        Assert.False(string.IsNullOrWhiteSpace(reason));
        Assert.Equal(available, cuda.device_count() > 0);
        Assert.Equal(available ? Device.Cuda(0) : Device.Cpu, Device.Best());
        if (!available) Assert.Contains(cuda.device_count() == 0 && reason.Contains("CPU-only") ? "CPU-only" : "device", reason);
    }

    [Fact]
    public void To_CpuTensor_StaysOnCpuWithSameValues()
    {
        using var scope = NewDisposeScope();
        var x = arange(0.0, 3.0);
        var moved = x.to(Device.Best()).cpu();
        Assert.Equal(Device.Cpu, moved.device);
        Assert.Equal(ScalarType.Float32, moved.dtype);
        Assert.Equal(x.ToArray<float>(), moved.ToArray<float>());
    }

    [Fact]
    public void To_CudaWithoutCuda_ThrowsTorchException()
    {
        if (cuda.is_available()) return; // on a GPU machine this is the working path, covered above
        using var scope = NewDisposeScope();
        var e = Assert.Throws<TorchException>(() => ones(2).to(Device.Cuda(0)));
        Assert.False(string.IsNullOrWhiteSpace(e.TorchMessage));
    }

    [Fact]
    public void SetNumThreads_One_IsReadBack()
    {
        var before = get_num_threads();
        try
        {
            set_num_threads(1);
            Assert.Equal(1, get_num_threads());
        }
        finally
        {
            set_num_threads(before);
        }
    }

    [Fact]
    public void Version_Loaded_IsAtLeast113AndPathExists()
    {
        var parts = version.Split('.');
        Assert.True(int.Parse(parts[0]) > 1 || int.Parse(parts[1]) >= 13, version);
        Assert.True(File.Exists(library_path), library_path);
    }
}
