using HydroWorkshop.Torch;
using Xunit;
using static HydroWorkshop.Torch.torch;

namespace HydroWorkshop.Torch.Tests;

/// <summary>libtorch errors become .NET exceptions with libtorch's message; the process and the
/// live-tensor count survive them.</summary>
public class ErrorTests
{
    [Fact]
    public void Matmul_ShapeMismatch_ThrowsWithLibtorchMessage()
    {
        using var scope = NewDisposeScope();
        var e = Assert.Throws<TorchException>(() => ones(2, 3).matmul(ones(4, 5)));
        Assert.Contains("cannot be multiplied", e.Message);
        Assert.Contains("aten::matmul", e.Message);
        Assert.DoesNotContain("Exception raised from", e.Message); // no C++ backtrace
    }

    [Fact]
    public void Select_IndexOutOfRange_ThrowsIndexKind()
    {
        using var scope = NewDisposeScope();
        var e = Assert.Throws<TorchException>(() => ones(3)[5]);
        Assert.Equal(TorchErrorKind.Index, e.Kind);
        Assert.Contains("out of range", e.Message);
    }

    [Fact]
    public void Add_IntegerTensorsFloatAlpha_ThrowsLibtorchDtypeMessage()
    {
        using var scope = NewDisposeScope();
        var e = Assert.Throws<TorchException>(() => arange(3).add(arange(3), alpha: 0.5));
        Assert.Contains("alpha", e.TorchMessage);
    }

    [Fact]
    public void ToArray_WrongElementType_NamesBothTypes()
    {
        using var scope = NewDisposeScope();
        var e = Assert.Throws<InvalidOperationException>(() => ones(3).ToArray<double>());
        Assert.Contains("float32", e.Message);
        Assert.Contains("Double", e.Message);
    }

    [Fact]
    public void Tensor_ShapeDoesNotFitData_NamesTheShape()
    {
        var e = Assert.Throws<ArgumentException>(() => tensor(new float[] { 1, 2, 3 }, [2, 2]));
        Assert.Contains("[2, 2]", e.Message);
    }

    [Fact]
    public void Tensor_UseAfterDispose_ThrowsObjectDisposed()
    {
        var t = ones(2);
        t.Dispose();
        Assert.Throws<ObjectDisposedException>(() => t.sum());
    }

    [Fact]
    public void Ops_UnknownOperator_ThrowsNamingIt()
    {
        var e = Assert.Throws<TorchException>(() => ops("aten::no_such_operator"));
        Assert.Contains("aten::no_such_operator", e.Message);
    }

    [Fact]
    public void Errors_TenThousandFailingCalls_ProcessAliveAndNoLeak()
    {
        using var a = ones(2, 3);
        using var b = ones(4, 5);
        using var c = ones(3);
        var baseline = Tensor.LiveCount;
        var failures = 0;
        for (var k = 0; k < 10_000; k++)
        {
            try
            {
                using var bad = (k % 3) switch
                {
                    0 => a.matmul(b),          // shape mismatch
                    1 => c[7],                  // index out of range
                    _ => a.view(7, -1),         // impossible view
                };
            }
            catch (TorchException)
            {
                failures++;
            }
        }
        Assert.Equal(10_000, failures);
        Assert.Equal(baseline, Tensor.LiveCount);
        using var fine = a.sum();                // and libtorch still works
        Assert.Equal(6f, fine.item<float>());
    }
}
