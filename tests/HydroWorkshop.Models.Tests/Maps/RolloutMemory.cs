using HydroWorkshop.FloodData;
using HydroWorkshop.Models.Maps;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace HydroWorkshop.Models.Tests.Maps;

/// <summary>The memory check of the map models' tests: a roll-out and its backward pass inside a dispose scope leave
/// no tensor behind (gradients aside, which the optimiser owns).</summary>
internal static class RolloutMemory
{
    public static void AssertNoTensorOutlivesRollout<TModel>(TModel model, MapBatch batch, int warmupFrames)
        where TModel : nn.Module, IMapModel
    {
        // Tensors an earlier test left to the finalizer would be freed during the measurement and change the count.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var before = torch.Tensor.TotalCount;
        using (var scope = NewDisposeScope())
        {
            using var rollout = model.Rollout(batch, warmupFrames);
            rollout.Depth.sum().backward();
        }
        foreach (var p in model.parameters()) p.grad?.Dispose();
        Assert.Equal(before, torch.Tensor.TotalCount);
    }
}
