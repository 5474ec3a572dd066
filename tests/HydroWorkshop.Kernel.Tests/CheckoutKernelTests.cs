using HydroWorkshop.Kernel.Install;
using Xunit;

namespace HydroWorkshop.Kernel.Tests;

public sealed class CheckoutKernelTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("hw-checkouts-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    private string Checkout(string name, bool built)
    {
        var folder = Path.Combine(root, name);
        Directory.CreateDirectory(Path.Combine(folder, "notebooks", "solutions"));
        File.WriteAllText(Path.Combine(folder, "HydroWorkshop.sln"), "");
        if (built)
        {
            Directory.CreateDirectory(Path.Combine(folder, "out", "kernel"));
            File.WriteAllText(CheckoutKernel.KernelOf(folder), "");
        }
        return folder;
    }

    [Fact]
    public void CheckoutRoot_NestedFolder_NearestSolutionFolder()
    {
        var a = Checkout("a", built: true);
        Assert.Equal(a, CheckoutKernel.CheckoutRoot(Path.Combine(a, "notebooks", "solutions")));
    }

    [Fact]
    public void Choose_OtherBuiltCheckout_DelegatesToItsKernel()
    {
        var a = Checkout("a", built: true);
        var b = Checkout("b", built: true);
        var (target, warning) = CheckoutKernel.Choose(Path.Combine(b, "notebooks"), CheckoutKernel.KernelOf(a));
        Assert.Equal(CheckoutKernel.KernelOf(b), target);
        Assert.Null(warning);
    }

    [Fact]
    public void Choose_OwnCheckout_RunsItself()
    {
        var a = Checkout("a", built: true);
        var ownBuild = Path.Combine(a, "lib", "HydroWorkshop.Kernel", "bin", "Release", "net10.0", "HydroWorkshop.Kernel.dll");
        Assert.Equal((null, null), CheckoutKernel.Choose(Path.Combine(a, "notebooks"), ownBuild));
    }

    [Fact]
    public void Choose_OtherCheckoutNotBuilt_RunsItselfWithWarningNamingCheckout()
    {
        var a = Checkout("a", built: true);
        var c = Checkout("c", built: false);
        var (target, warning) = CheckoutKernel.Choose(Path.Combine(c, "notebooks"), CheckoutKernel.KernelOf(a));
        Assert.Null(target);
        Assert.Contains(c, warning, StringComparison.Ordinal);
        Assert.Contains("scripts/setup.sh", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void Choose_OutsideAnyCheckout_RunsItself()
    {
        var a = Checkout("a", built: true);
        var elsewhere = Directory.CreateDirectory(Path.Combine(root, "elsewhere")).FullName;
        Assert.Equal((null, null), CheckoutKernel.Choose(elsewhere, CheckoutKernel.KernelOf(a)));
    }
}
