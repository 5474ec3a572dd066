using HydroWorkshop.Models.Maps;
using TorchSharp;
using TorchSharp.Modules;
using Xunit;
using static TorchSharp.torch;

namespace HydroWorkshop.Models.Tests.Maps;

public sealed class DepthOutputTests
{
    [Fact]
    public void Apply_Evaluation_HardGateReluAndOpenMask()
    {
        using var scope = NewDisposeScope();
        // cells: wet gate & positive sum, negative sum, closed gate, solid cell
        var head = tensor(new[] { 0.1f, -0.5f, 0.2f, 0.3f, /* logits */ 1f, 2f, -1f, 5f }, [1, 2, 1, 4]);
        var baseDepth = tensor(new[] { 0.2f, 0.3f, 0.4f, 0.5f }, [1, 1, 1, 4]);
        var open = tensor(new[] { 1f, 1f, 1f, 0f }, [1, 1, 1, 4]);
        var depth = DepthOutput.Apply(head, baseDepth, open, training: false).Depth.flatten().data<float>().ToArray();
        Assert.Equal(0.3f, depth[0], 6);
        Assert.Equal(0f, depth[1]);
        Assert.Equal(0f, depth[2]);
        Assert.Equal(0f, depth[3]);
    }

    [Fact]
    public void Apply_Training_SoftGateIsDifferentiable()
    {
        using var scope = NewDisposeScope();
        var head = tensor(new[] { 0.1f, 0f }, [1, 2, 1, 1], requires_grad: true);
        var (depth, logit) = DepthOutput.Apply(head, tensor(new[] { 0.3f }, [1, 1, 1, 1]), ones(1, 1, 1, 1), training: true);
        Assert.Equal(0f, logit.item<float>());
        Assert.Equal(0.2f, depth.item<float>(), 6);                 // 0.4 x sigmoid(0)
        depth.backward();
        Assert.Equal(0.1f, head.grad![0, 1, 0, 0].item<float>(), 5);   // 0.4 x sigmoid'(0) = 0.4 / 4
    }

    [Fact]
    public void Apply_TrainingOnDryCell_LeaksSoANegativeChangeStillHasAGradient()
    {
        using var scope = NewDisposeScope();
        // A dry cell (base 0), a negative change, an open gate (logit 20).
        var head = tensor(new[] { -0.2f, 20f }, [1, 2, 1, 1], requires_grad: true);
        var (depth, _) = DepthOutput.Apply(head, zeros(1, 1, 1, 1), ones(1, 1, 1, 1), training: true);
        Assert.Equal(-0.002f, depth.item<float>(), 5);                 // 0.01 x -0.2
        depth.backward();
        Assert.Equal(0.01f, head.grad![0, 0, 0, 0].item<float>(), 5);
        using var evaluated = DepthOutput.Apply(head.detach(), zeros(1, 1, 1, 1), ones(1, 1, 1, 1), training: false).Depth;
        Assert.Equal(0f, evaluated.item<float>());
    }

    [Fact]
    public void Apply_EvaluationOfARunawayRollout_CapsAtTwiceTheTrainingMaximum()
    {
        using var scope = NewDisposeScope();
        var head = tensor(new[] { 1e6f, 20f }, [1, 2, 1, 1]);
        var depth = DepthOutput.Apply(head, ones(1, 1, 1, 1), ones(1, 1, 1, 1), training: false).Depth;
        Assert.Equal((float)DepthOutput.MaxScaledDepth, depth.item<float>());
    }

    [Fact]
    public void Initialise_Head_GatesStartOpen()
    {
        using var head = nn.Conv2d(3, 2, 1);
        DepthOutput.Initialise(head);
        Assert.Equal(3f, head.bias![1].item<float>());
    }
}
