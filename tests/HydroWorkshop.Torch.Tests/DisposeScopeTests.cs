using HydroWorkshop.Torch;
using Xunit;
using static HydroWorkshop.Torch.torch;

namespace HydroWorkshop.Torch.Tests;

public class DisposeScopeTests
{
    [Fact]
    public void TrainingLoop_ThousandStepsInScopes_LiveCountReturnsToBaseline()
    {
        var baseline = Tensor.LiveCount;
        using (var outer = NewDisposeScope())
        {
            manual_seed(3);
            var w = randn([5, 8], requires_grad: true);
            var x = randn(32, 5);
            var y = randn(32, 8);
            var afterSetup = Tensor.LiveCount;
            for (var step = 0; step < 1000; step++)
            {
                using var scope = NewDisposeScope();
                var loss = (x.matmul(w).tanh() - y).pow(2.0).mean();
                loss.backward();
                using (no_grad()) w.sub_(w.grad!, alpha: 0.01);
                w.grad = null;
                Assert.True(Tensor.LiveCount - afterSetup < 50, $"step {step}: {Tensor.LiveCount - afterSetup} tensors alive in the step");
            }
            Assert.Equal(afterSetup, Tensor.LiveCount);
        }
        Assert.Equal(baseline, Tensor.LiveCount);
    }

    [Fact]
    public void MoveToOuterDisposeScope_Tensor_SurvivesInnerAndDiesWithOuter()
    {
        var baseline = Tensor.LiveCount;
        Tensor kept;
        using (var outer = NewDisposeScope())
        {
            using (var inner = NewDisposeScope())
            {
                kept = ones(3).MoveToOuterDisposeScope();
                _ = zeros(3);
            }
            Assert.False(kept.IsDisposed);
            Assert.Equal(3f, kept.sum().item<float>());
        }
        Assert.True(kept.IsDisposed);
        Assert.Equal(baseline, Tensor.LiveCount);
    }

    [Fact]
    public void DetachFromDisposeScope_Tensor_OutlivesScopeUntilDisposed()
    {
        var baseline = Tensor.LiveCount;
        Tensor detached;
        using (NewDisposeScope()) detached = ones(2).DetachFromDisposeScope();
        Assert.False(detached.IsDisposed);
        Assert.Equal(baseline + 1, Tensor.LiveCount);
        detached.Dispose();
        Assert.Equal(baseline, Tensor.LiveCount);
    }

    [Fact]
    public void Dispose_Twice_CountsOnce()
    {
        var baseline = Tensor.LiveCount;
        var t = ones(2);
        t.Dispose();
        t.Dispose();
        Assert.Equal(baseline, Tensor.LiveCount);
    }

    [Fact]
    public void Finalizer_UnreferencedTensors_FreedAndCountedAsLeaks()
    {
        var live = Tensor.LiveCount;
        var finalized = Tensor.FinalizedCount;
        static void Leak()
        {
            for (var k = 0; k < 100; k++) _ = ones(10);
        }
        Leak();
        for (var k = 0; k < 5 && Tensor.FinalizedCount < finalized + 100; k++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
        Assert.True(Tensor.FinalizedCount >= finalized + 100, $"{Tensor.FinalizedCount - finalized} of 100 freed by the finaliser");
        Assert.Equal(live + 100, Tensor.LiveCount);     // leaks stay visible, and the count never moves under a test
    }
}
