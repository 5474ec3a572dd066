using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace HydroWorkshop.Tests.Engine;

/// <summary>TorchSharp itself is tested by its authors; this only shows that the engine this kit references runs here:
/// arithmetic, autograd, one optimizer step, and tensors freed by a dispose scope.</summary>
public sealed class TorchSharpSmokeTests
{
    [Fact]
    public void Autograd_SquareSum_GradientIsTwiceTheInput()
    {
        using var scope = NewDisposeScope();
        var x = arange(0f, 4f).reshape(2, 2).requires_grad_();
        var y = (x * x).sum();
        y.backward();
        Assert.Equal(14f, y.item<float>());
        Assert.Equal(new[] { 0f, 2f, 4f, 6f }, x.grad!.data<float>().ToArray());
        Assert.Equal(new[] { 2f, 3f, 6f, 11f }, x.matmul(x).data<float>().ToArray());
    }

    [Fact]
    public void Adam_LinearFit_LossFalls()
    {
        using var scope = NewDisposeScope();
        manual_seed(1);
        using var model = nn.Linear(3, 1);
        using var optimizer = optim.Adam(model.parameters(), lr: 0.05);
        var x = randn(64, 3);
        var y = x.matmul(tensor(new[] { 1f, -2f, 0.5f }).reshape(3, 1)) + 0.3f;
        var losses = new List<float>();
        for (var step = 0; step < 100; step++)
        {
            using var stepScope = NewDisposeScope();
            optimizer.zero_grad();
            var loss = nn.functional.mse_loss(model.forward(x), y);
            loss.backward();
            optimizer.step();
            losses.Add(loss.item<float>());
        }
        Assert.True(losses[^1] < 0.01f * losses[0], $"{losses[0]} -> {losses[^1]}");
    }

    [Fact]
    public void DisposeScope_TemporariesInside_AllFreed()
    {
        var baseline = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        using (var scope = NewDisposeScope())
        {
            var a = ones(10);
            _ = (a + 1).exp().sum();
            Assert.True(DisposeScopeManager.Statistics.ThreadTotalLiveCount >= baseline + 4);
        }
        Assert.Equal(baseline, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
    }
}
