using System.Text.Json;
using System.Text.Json.Nodes;

namespace HydroWorkshop.Kernel.Install;

/// <summary>
/// Writes and removes the Jupyter kernelspec (<c>kernel.json</c> and the logo) for the user
/// (<c>~/.local/share/jupyter/kernels</c>, or <c>$JUPYTER_DATA_DIR/kernels</c>) or a prefix
/// (<c>&lt;prefix&gt;/share/jupyter/kernels</c>). The argv runs this kernel's dll with <c>dotnet</c>.
/// </summary>
public static class KernelSpecInstaller
{
    public const string DefaultName = "hydroworkshop-csharp";
    public const string DisplayName = "C# (HydroWorkshop)";

    /// <summary>The kernels folder for a prefix, or the user's when <paramref name="prefix"/> is null.</summary>
    public static string KernelsFolder(string? prefix)
    {
        if (prefix is not null) return Path.Combine(Path.GetFullPath(prefix), "share", "jupyter", "kernels");
        var dataDir = Environment.GetEnvironmentVariable("JUPYTER_DATA_DIR");
        if (!string.IsNullOrEmpty(dataDir)) return Path.Combine(dataDir, "kernels");
        var xdg = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return Path.Combine(string.IsNullOrEmpty(xdg) ? Path.Combine(home, ".local", "share") : xdg, "jupyter", "kernels");
    }

    /// <summary>The kernel.json document.</summary>
    public static JsonObject KernelJson(string dotnet, string kernelDll) => new()
    {
        ["argv"] = new JsonArray(dotnet, kernelDll, "{connection_file}"),
        ["display_name"] = DisplayName,
        ["language"] = "csharp",
        ["interrupt_mode"] = "message",
        ["env"] = new JsonObject { ["DOTNET_TieredPGO"] = "1", ["DOTNET_TC_QuickJitForLoops"] = "1", ["DOTNET_gcServer"] = "0" },
        ["metadata"] = new JsonObject { ["debugger"] = false },
    };

    /// <summary>Installs the kernelspec; returns its folder.</summary>
    public static string Install(string? prefix, string name = DefaultName, string? dotnet = null, string? kernelDll = null)
    {
        var folder = Path.Combine(KernelsFolder(prefix), name);
        Directory.CreateDirectory(folder);
        var json = KernelJson(dotnet ?? DotnetHost(), kernelDll ?? typeof(KernelSpecInstaller).Assembly.Location);
        WriteAtomically(Path.Combine(folder, "kernel.json"), json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        var logo = Path.Combine(AppContext.BaseDirectory, "Resources", "logo-svg.svg");
        if (File.Exists(logo)) File.Copy(logo, Path.Combine(folder, "logo-svg.svg"), overwrite: true);
        return folder;
    }

    /// <summary>Removes the kernelspec; false when it was not installed.</summary>
    public static bool Uninstall(string? prefix, string name = DefaultName)
    {
        var folder = Path.Combine(KernelsFolder(prefix), name);
        if (!Directory.Exists(folder)) return false;
        Directory.Delete(folder, recursive: true);
        return true;
    }

    /// <summary>The dotnet host running this process, else the one on PATH or under $DOTNET_ROOT.</summary>
    public static string DotnetHost()
    {
        if (Environment.ProcessPath is { } process && Path.GetFileNameWithoutExtension(process) == "dotnet") return process;
        var root = Environment.GetEnvironmentVariable("DOTNET_ROOT");
        if (!string.IsNullOrEmpty(root) && File.Exists(Path.Combine(root, "dotnet"))) return Path.Combine(root, "dotnet");
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
        {
            var candidate = Path.Combine(dir, "dotnet");
            if (File.Exists(candidate)) return candidate;
        }
        return "dotnet";
    }

    private static void WriteAtomically(string path, string text) => HydroWorkshop.Common.AtomicFile.WriteAllText(path, text);
}
