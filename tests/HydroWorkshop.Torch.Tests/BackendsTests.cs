using Xunit;
using static HydroWorkshop.Torch.torch;

namespace HydroWorkshop.Torch.Tests;

public class BackendsTests
{
    [Fact]
    public void AllowTf32_Defaults_AreThoseOfPyTorch()
    {
        Assert.True(backends.cudnn.allow_tf32);
        Assert.False(backends.cuda.matmul.allow_tf32);
    }

    [Fact]
    public void AllowTf32_SetEach_IsReadBackAndLeavesTheOtherAlone()
    {
        try
        {
            backends.cudnn.allow_tf32 = false;
            Assert.False(backends.cudnn.allow_tf32);
            Assert.False(backends.cuda.matmul.allow_tf32);
            backends.cuda.matmul.allow_tf32 = true;
            Assert.True(backends.cuda.matmul.allow_tf32);
            Assert.False(backends.cudnn.allow_tf32);
        }
        finally
        {
            backends.cudnn.allow_tf32 = true;
            backends.cuda.matmul.allow_tf32 = false;
        }
    }
}
