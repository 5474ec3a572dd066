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

    [Fact]
    public void To_CudaAndBack_KeepsValuesAndGradientsOnTheGpu()
    {
        CudaOnly.SkipUnlessAvailable();
        var baseline = Tensor.LiveCount;
        using (var scope = NewDisposeScope())
        {
            var x = arange(0.0, 6.0).reshape(2, 3).cuda().requires_grad_();
            Assert.Equal(Device.Cuda(0), x.device);
            var loss = (x * x).sum();
            loss.backward();
            Assert.Equal(Device.Cuda(0), x.grad!.device);
            Assert.Equal(new float[] { 0, 2, 4, 6, 8, 10 }, x.grad!.cpu().ToArray<float>());
            Assert.Equal(55f, loss.item<float>());
        }
        Assert.Equal(baseline, Tensor.LiveCount);
    }

    [Fact]
    public void Add_CpuAndCudaTensors_ThrowsTorchExceptionNamingTheDevices()
    {
        CudaOnly.SkipUnlessAvailable();
        using var scope = NewDisposeScope();
        var e = Assert.Throws<TorchException>(() => ones(3) + ones([3], device: Device.Cuda(0)));
        Assert.Contains("cuda", e.TorchMessage);
        Assert.Contains("cpu", e.TorchMessage);
    }

    [Fact]
    public void ManualSeed_SameSeedOnCuda_SameNumbers()
    {
        CudaOnly.SkipUnlessAvailable();
        using var scope = NewDisposeScope();
        manual_seed(7);
        var first = randn([1000], device: Device.Cuda(0)).cpu().ToArray<float>();
        manual_seed(7);
        var second = randn([1000], device: Device.Cuda(0)).cpu().ToArray<float>();
        Assert.Equal(first, second);
        Assert.InRange(first.Average(), -0.15f, 0.15f);
    }

    [Fact]
    public void ModuleTo_Cuda_KeepsParametersAndTrainsLikeTheCpu()
    {
        CudaOnly.SkipUnlessAvailable();
        var baseline = Tensor.LiveCount;
        using (var scope = NewDisposeScope())
        {
            float[] Train(Device device)
            {
                manual_seed(3);
                using var model = nn.Sequential(nn.Linear(4, 16), nn.Tanh(), nn.Linear(16, 1));
                model.to(device);
                Assert.All(model.parameters(), p => Assert.Equal(device, p.device));
                using var optimizer = optim.Adam(model.parameters(), lr: 1e-2);
                using var data = new Generator(11);
                var x = randn([64, 4], generator: data).to(device);
                var y = x.sum(1, keepdim: true).sin();
                for (var step = 0; step < 20; step++)
                {
                    using var stepScope = NewDisposeScope();
                    var loss = nn.functional.mse_loss(model.forward(x), y);
                    loss.backward();
                    optimizer.step();
                    optimizer.zero_grad();
                }
                return model.parameters().SelectMany(p => p.detach().cpu().ToArray<float>()).ToArray();
            }
            var onCpu = Train(Device.Cpu);
            var onCuda = Train(Device.Cuda(0));
            Assert.Equal(onCpu.Length, onCuda.Length);
            for (var k = 0; k < onCpu.Length; k++)
                Assert.True(Math.Abs(onCpu[k] - onCuda[k]) <= 1e-4 + 1e-4 * Math.Abs(onCpu[k]), $"parameter value {k}: cpu {onCpu[k]}, cuda {onCuda[k]}");
        }
        Assert.Equal(baseline, Tensor.LiveCount);
    }

    [Fact]
    public void Save_CudaTensors_LoadsOnCpuWithSameValues()
    {
        CudaOnly.SkipUnlessAvailable();
        using var scope = NewDisposeScope();
        var path = Path.Combine(Path.GetTempPath(), $"hw-cuda-{Guid.NewGuid():N}.safetensors");
        try
        {
            var weight = randn([3, 5], device: Device.Cuda(0));
            save(new Dictionary<string, Tensor> { ["weight"] = weight }, path);
            var loaded = load(path)["weight"];
            Assert.Equal(Device.Cpu, loaded.device);
            Assert.Equal(weight.cpu().ToArray<float>(), loaded.ToArray<float>());
        }
        finally
        {
            File.Delete(path);
        }
    }
}
