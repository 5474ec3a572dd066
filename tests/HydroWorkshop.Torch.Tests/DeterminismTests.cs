using HydroWorkshop.Torch;
using Xunit;
using static HydroWorkshop.Torch.torch;

namespace HydroWorkshop.Torch.Tests;

public class DeterminismTests
{
    private static float[] TrainTinyModel(ulong seed)
    {
        using var scope = NewDisposeScope();
        manual_seed(seed);
        var w = randn([4, 16], requires_grad: true);
        var v = randn([16, 1], requires_grad: true);
        for (var step = 0; step < 50; step++)
        {
            using var stepScope = NewDisposeScope();
            var x = randn(64, 4);
            var y = x.sum(1, keepdim: true).sin();
            var loss = (x.matmul(w).relu().matmul(v) - y).pow(2.0).mean();
            loss.backward();
            using (no_grad())
            {
                w.sub_(w.grad!, alpha: 0.05);
                v.sub_(v.grad!, alpha: 0.05);
            }
            w.grad = null;
            v.grad = null;
        }
        return [.. w.ToArray<float>(), .. v.ToArray<float>()];
    }

    [Fact]
    public void Training_SameSeed_BitwiseIdentical()
    {
        var first = TrainTinyModel(42);
        var second = TrainTinyModel(42);
        Assert.Equal(first.Select(BitConverter.SingleToInt32Bits), second.Select(BitConverter.SingleToInt32Bits));
    }

    [Fact]
    public void Training_OtherSeed_Differs()
    {
        Assert.NotEqual(TrainTinyModel(42), TrainTinyModel(43));
    }

    [Fact]
    public void Generator_OwnSeed_IndependentOfGlobalSeed()
    {
        using var scope = NewDisposeScope();
        using var g1 = new Generator(5);
        var a = rand([4], generator: g1).ToArray<float>();
        manual_seed(99);
        _ = rand(10);
        using var g2 = new Generator(5);
        var b = rand([4], generator: g2).ToArray<float>();
        Assert.Equal(a, b);
        g2.manual_seed(5);
        Assert.Equal(a, rand([4], generator: g2).ToArray<float>());
    }
}
