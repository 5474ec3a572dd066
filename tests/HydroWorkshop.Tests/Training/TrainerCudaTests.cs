using HydroWorkshop.Data;
using HydroWorkshop.Data.Synthetic;
using HydroWorkshop.Models;
using HydroWorkshop.Training;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace HydroWorkshop.Tests.Training;

/// <summary>The rainfall–runoff trainer with <c>device: cuda</c> against the same run on the CPU (synthetic basins made
/// for the test); skipped with <see cref="HydroWorkshop.Engine.EngineInfo.CudaUnavailableReason"/> where CUDA cannot be used.</summary>
[Collection(SerialCollection.Name)]
public sealed class TrainerCudaTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "hw-trainer-cuda-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }

    [CudaFact]
    public void Fit_OnCuda_FollowsTheCpuRunAndReturnsTheModelOnTheCpu()
    {
        var source = CamelsData.OpenSynthetic(Path.Combine(folder, "camels"),
            new SyntheticCamelsOptions { Basins = 3, Start = new DateOnly(2000, 1, 1), End = new DateOnly(2003, 12, 31), Seed = 7 });
        var (train, validation, _) = CamelsData.WorkshopSplits(source, sequenceLength: 30, statics: ["p_mean", "aridity"]);
        var config = new TrainingConfig { Epochs = 3, BatchSize = 64, LearningRate = 5e-3, Seed = 3 };
        LstmRegressor Model()
        {
            manual_seed(11);
            return new LstmRegressor(train.InputFeatures, 0, hiddenSize: 8);
        }

        using var onCpu = Model();
        var cpu = new Trainer(onCpu, config, log: _ => { }).Fit(train, validation);
        using var onCuda = Model();
        TrainingResult gpu = null!;
        CudaFactAttribute.WithoutTf32(() => gpu = new Trainer(onCuda, config with { Device = "cuda" }, log: _ => { })
            .Fit(train, validation));

        // Dropout-free LSTM, same shuffling: the losses differ only by summation order (cuDNN against the CPU kernels).
        for (var e = 0; e < 3; e++)
        {
            Assert.Equal(cpu.History[e].TrainLoss, gpu.History[e].TrainLoss, 1e-3 * cpu.History[e].TrainLoss);
            Assert.Equal(cpu.History[e].ValidationLoss!.Value, gpu.History[e].ValidationLoss!.Value,
                1e-3 * cpu.History[e].ValidationLoss!.Value);
        }
        using var scope = NewDisposeScope();
        var cpuWeights = onCpu.state_dict();
        foreach (var (name, weight) in onCuda.state_dict())
        {
            Assert.Equal(DeviceType.CPU, weight.device.type);
            var expected = cpuWeights[name].data<float>().ToArray();
            var actual = weight.data<float>().ToArray();
            for (var k = 0; k < expected.Length; k++)
                Assert.True(Math.Abs(actual[k] - expected[k]) <= 1e-3 * Math.Abs(expected[k]) + 1e-4,
                    $"{name}[{k}]: cuda {actual[k]}, cpu {expected[k]}");
        }
    }
}
