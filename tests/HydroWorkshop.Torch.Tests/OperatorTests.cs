using HydroWorkshop.Torch;
using Xunit;
using static HydroWorkshop.Torch.torch;

namespace HydroWorkshop.Torch.Tests;

/// <summary>Any ATen operator by name, beyond the typed API.</summary>
public class OperatorTests
{
    [Fact]
    public void Ops_LogitByName_ComputesLogit()
    {
        using var scope = NewDisposeScope();
        var p = tensor(new[] { 0.25, 0.5, 0.9 });
        var logit = ops("aten::logit").Call(p);
        var expected = new[] { Math.Log(0.25 / 0.75), 0.0, Math.Log(0.9 / 0.1) };
        Assert.Equal(expected, logit.ToArray<double>(), (a, b) => Math.Abs(a - b) < 1e-12);
    }

    [Fact]
    public void Schema_Add_IsLibtorchText()
    {
        Assert.StartsWith("aten::add.Tensor(Tensor self, Tensor other, *, Scalar alpha=1)", ops("aten::add.Tensor").Schema);
    }

    [Fact]
    public void Call_MissingRequiredArgument_NamesIt()
    {
        using var scope = NewDisposeScope();
        var e = Assert.Throws<TorchException>(() => ops("aten::add.Tensor").Call(ones(2)));
        Assert.Contains("'other'", e.Message);
    }

    [Fact]
    public void Call_TooManyArguments_SaysHowMany()
    {
        using var scope = NewDisposeScope();
        var e = Assert.Throws<TorchException>(() => ops("aten::neg").Call(ones(2), 1L, 2L));
        Assert.Contains("takes 1 arguments, 3 given", e.Message);
    }

    [Fact]
    public void Call_WrongValueKind_ThrowsNotCrashes()
    {
        using var scope = NewDisposeScope();
        Assert.Throws<TorchException>(() => ops("aten::neg").Call(1.5));
    }
}
