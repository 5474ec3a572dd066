using System.Text.Json.Nodes;
using HydroWorkshop.Kernel.Install;
using Xunit;

namespace HydroWorkshop.Kernel.Tests;

public sealed class KernelSpecInstallerTests : IDisposable
{
    private readonly string prefix = Directory.CreateTempSubdirectory("hw-kernelspec-").FullName;

    public void Dispose() => Directory.Delete(prefix, recursive: true);

    [Fact]
    public void Install_Prefix_WritesKernelJsonWithArgvAndLanguage()
    {
        var folder = KernelSpecInstaller.Install(prefix, dotnet: "/usr/bin/dotnet", kernelDll: "/opt/kernel/HydroWorkshop.Kernel.dll");
        Assert.Equal(Path.Combine(prefix, "share", "jupyter", "kernels", "hydroworkshop-csharp"), folder);
        var spec = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "kernel.json")))!;
        Assert.Equal("C# (HydroWorkshop)", spec["display_name"]!.GetValue<string>());
        Assert.Equal("csharp", spec["language"]!.GetValue<string>());
        Assert.Equal("message", spec["interrupt_mode"]!.GetValue<string>());
        Assert.Equal(["/usr/bin/dotnet", "/opt/kernel/HydroWorkshop.Kernel.dll", "{connection_file}"],
            spec["argv"]!.AsArray().Select(a => a!.GetValue<string>()));
        Assert.True(File.Exists(Path.Combine(folder, "logo-svg.svg")));
        Assert.False(File.Exists(Path.Combine(folder, "kernel.json.tmp")));
    }

    [Fact]
    public void Uninstall_Installed_RemovesFolderThenReportsAbsent()
    {
        var folder = KernelSpecInstaller.Install(prefix, name: "hw-uninstall");
        Assert.True(KernelSpecInstaller.Uninstall(prefix, "hw-uninstall"));
        Assert.False(Directory.Exists(folder));
        Assert.False(KernelSpecInstaller.Uninstall(prefix, "hw-uninstall"));
    }

    [Fact]
    public void KernelsFolder_User_UnderJupyterDataDir()
    {
        var previous = Environment.GetEnvironmentVariable("JUPYTER_DATA_DIR");
        Environment.SetEnvironmentVariable("JUPYTER_DATA_DIR", prefix);
        try
        {
            Assert.Equal(Path.Combine(prefix, "kernels"), KernelSpecInstaller.KernelsFolder(null));
        }
        finally
        {
            Environment.SetEnvironmentVariable("JUPYTER_DATA_DIR", previous);
        }
    }
}
