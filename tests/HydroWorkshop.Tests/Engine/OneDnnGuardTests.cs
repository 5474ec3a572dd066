using System.Runtime.Intrinsics.X86;
using HydroWorkshop.Engine;
using HydroWorkshop.Models.Maps;
using Xunit;
using static TorchSharp.torch;

namespace HydroWorkshop.Tests.Engine;

[CollectionDefinition(nameof(OneDnnGuardTests), DisableParallelization = true)]
public sealed class OneDnnGuardCollection;

// Not beside other tests: SetEnabled switches oneDNN off for the whole process for a moment.
[Collection(nameof(OneDnnGuardTests))]
public class OneDnnGuardTests
{
    [Theory]
    [InlineData("AuthenticAMD", true, null, null, null, true)]
    [InlineData("AuthenticAMD", true, "", "", "", true)]
    [InlineData("AuthenticAMD", true, "1", null, null, false)]         // the user leaves oneDNN alone
    [InlineData("AuthenticAMD", true, null, "ALL", null, false)]       // or chose an ISA
    [InlineData("AuthenticAMD", true, null, null, "AVX2", false)]
    [InlineData("AuthenticAMD", false, null, null, null, false)]       // no AVX-512
    [InlineData("GenuineIntel", true, null, null, null, false)]
    [InlineData("", false, null, null, null, false)]                   // not x86
    public void ShouldLimit_VendorAvx512AndChoices_AmdWithAvx512Unless(string vendor, bool avx512, string? choice, string? isa,
        string? oldIsa, bool expected) =>
        Assert.Equal(expected, OneDnnGuard.ShouldLimit(vendor, avx512, choice, isa, oldIsa));

    [Fact]
    public void Register_ThisProcess_OneDnnAsDecided()
    {
        if (OneDnnGuard.Applied is null)
        {
            // Not applied: not an AMD processor with AVX-512, or the runner's environment chose.
            Assert.False(OneDnnGuard.ShouldLimit(OneDnnGuard.Vendor(), Avx512F.IsSupported,
                Environment.GetEnvironmentVariable(OneDnnGuard.Variable), OneDnnGuard.ReadNative(OneDnnGuard.IsaVariable),
                OneDnnGuard.ReadNative(OneDnnGuard.OldIsaVariable)));
            return;
        }
        if (Environment.GetEnvironmentVariable(OneDnnGuard.Variable) == "0") Assert.Equal(false, OneDnnGuard.Enabled());
        else Assert.Equal(OneDnnGuard.Isa, OneDnnGuard.ReadNative(OneDnnGuard.IsaVariable));
    }

    [Fact]
    public void SetEnabled_OffThenBack_LibtorchReportsEach()
    {
        var asked = OneDnnGuard.Enabled();
        if (!OperatingSystem.IsLinux()) return;                                    // libtorch's context is asked on Linux only
        Assert.NotNull(asked);                                                     // HW_ONEDNN=0 would silently do nothing
        var before = asked.Value;
        try
        {
            Assert.True(OneDnnGuard.SetEnabled(!before));
            Assert.Equal(!before, OneDnnGuard.Enabled());
        }
        finally
        {
            OneDnnGuard.SetEnabled(before);
        }
    }

    [Fact]
    public void Vendor_X86_TwelveLetters()
    {
        if (!X86Base.IsSupported) return;
        Assert.Equal(12, OneDnnGuard.Vendor().Length);
    }

    [Fact]
    public void DeepUNet_TrainedOnOneBatch_LossAndGradientsStayFinite()
    {
        // The symptom the guard prevents: on an AMD EPYC with AVX-512, this small U-Net's gradients were NaN for finite
        // inputs and weights within 5 passes in every run with oneDNN's AVX-512 kernels (HW_ONEDNN=1, 4 of 4) or its AVX2
        // ones (2 of 2); with SSE4.1 kernels, the guard's, never (4 of 4).
        manual_seed(1);
        using var unet = new DeepUNet(9, 3, 4);
        using var x = randn(2, 9, 64, 64);
        using var globals = rand(2, 3);
        using var target = randn(2, 4, 64, 64);
        for (var k = 0; k < 200; k++)
        {
            using var scope = NewDisposeScope();
            unet.zero_grad();
            var loss = (unet.forward(x, globals) - target).pow(2).mean();
            loss.backward();
            Assert.True(double.IsFinite(loss.item<float>()), $"pass {k}: the loss is {loss.item<float>()}");
            Assert.All(unet.parameters(), p => Assert.True(p.grad!.isfinite().all().item<bool>(), $"pass {k}: a gradient is not finite"));
        }
    }
}
