using HydroWorkshop.Torch;
using Xunit;
using static HydroWorkshop.Torch.torch;

namespace HydroWorkshop.Torch.Tests;

/// <summary>Autograd against central finite differences in float64, independent of PyTorch.</summary>
public class GradientCheckTests
{
    // A composite of the operator families a hydrological model uses: matmul, broadcasting, tanh,
    // sigmoid, softplus, softmax, a reduction and a masked mean.
    private static Tensor Composite(Tensor x, Tensor w, Tensor b)
    {
        var hidden = x.matmul(w).add(b).tanh();                        // [4, 3]
        var gate = hidden.sigmoid() * hidden.softplus();                // [4, 3]
        var weights = gate.softmax(1);                                  // [4, 3]
        var mask = x.narrow(1, 0, 1).gt(-0.5).expand(4, 3);            // [4, 3] bool
        return (weights * gate).masked_select(mask).pow(2.0).mean() + w.exp().sum() * 0.01;
    }

    [Fact]
    public void Backward_CompositeExpressionFloat64_MatchesFiniteDifferences()
    {
        using var scope = NewDisposeScope();
        manual_seed(7);
        var x = randn([4, 5], float64);
        var w = randn([5, 3], float64, requires_grad: true);
        var b = randn([3], float64, requires_grad: true);
        Composite(x, w, b).backward();

        foreach (var (parameter, name) in new[] { (w, "w"), (b, "b") })
        {
            var analytic = parameter.grad!.ToArray<double>();
            using var _ = no_grad();
            var values = parameter.data<double>();
            const double h = 1e-6;
            for (var k = 0; k < values.Length; k++)
            {
                var original = values[k];
                values[k] = original + h;
                var plus = Composite(x, w, b).item<double>();
                values[k] = original - h;
                var minus = Composite(x, w, b).item<double>();
                values[k] = original;
                var numeric = (plus - minus) / (2 * h);
                Assert.True(Math.Abs(numeric - analytic[k]) <= 1e-6 + 1e-5 * Math.Abs(numeric),
                    $"d/d{name}[{k}]: autograd {analytic[k]:R}, finite difference {numeric:R}");
            }
        }
    }

    [Fact]
    public void AutogradGrad_CreateGraph_GivesSecondDerivative()
    {
        using var scope = NewDisposeScope();
        var x = tensor(new[] { 0.3, -1.2, 2.0 }, requires_grad: true);
        var y = x.pow(3.0).sum();                                        // y = sum x^3
        var dy = autograd.grad(y, [x], create_graph: true)[0]!;          // 3 x^2
        var d2y = autograd.grad(dy.sum(), [x])[0]!;                      // 6 x
        Assert.Equal(new[] { 1.8, -7.2, 12.0 }, d2y.ToArray<double>().Select(v => Math.Round(v, 12)));
    }

    [Fact]
    public void NoGrad_InsideScope_RecordsNothingAndRestores()
    {
        using var scope = NewDisposeScope();
        var x = ones([2], requires_grad: true);
        using (no_grad())
        {
            Assert.False(is_grad_enabled());
            Assert.False((x * 2.0).requires_grad);
        }
        Assert.True(is_grad_enabled());
        Assert.True((x * 2.0).requires_grad);
        Assert.False((x * 2.0).detach().requires_grad);
    }

    [Fact]
    public void Grad_SetToNull_ClearsAccumulatedGradient()
    {
        using var scope = NewDisposeScope();
        var x = ones([3], requires_grad: true);
        (x * 2.0).sum().backward();
        (x * 2.0).sum().backward();
        Assert.Equal(new float[] { 4, 4, 4 }, x.grad!.ToArray<float>());
        x.grad = null;
        Assert.Null(x.grad);
    }
}
