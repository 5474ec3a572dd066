using HydroWorkshop.Engine;
using Xunit;

namespace HydroWorkshop.Tests;

/// <summary>A fact that needs a usable CUDA device: skipped, with <see cref="EngineInfo.CudaUnavailableReason"/> as the
/// reason (a CPU build, no driver, no device), elsewhere.</summary>
public sealed class CudaFactAttribute : FactAttribute
{
    public CudaFactAttribute()
    {
        if (EngineInfo.CudaUnavailableReason() is { } reason) Skip = $"needs CUDA: {reason}";
    }

    /// <summary>Runs <paramref name="check"/> with TF32 off in cuDNN and cuBLAS (TF32 alone puts cuDNN's LSTM
    /// 5e-4 relative off the CPU), then restores both.</summary>
    public static void WithoutTf32(Action check)
    {
        var (cudnn, matmul) = (TorchSharp.torch.backends.cudnn.allow_tf32, TorchSharp.torch.backends.cuda.matmul.allow_tf32);
        TorchSharp.torch.backends.cudnn.allow_tf32 = false;
        TorchSharp.torch.backends.cuda.matmul.allow_tf32 = false;
        try { check(); }
        finally
        {
            TorchSharp.torch.backends.cudnn.allow_tf32 = cudnn;
            TorchSharp.torch.backends.cuda.matmul.allow_tf32 = matmul;
        }
    }
}
