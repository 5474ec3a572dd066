namespace HydroWorkshop.Common;

/// <summary>
/// Where the project's folders are at run time, for notebooks, tools and tests.
/// The real data sets live beside the repository in <c>../shared/data</c> (never copied into it);
/// <c>HYDROWORKSHOP_DATA</c> points elsewhere.
/// </summary>
public static class ProjectPaths
{
    /// <summary>The repository root (the folder holding HydroWorkshop.sln), found by walking up from
    /// <paramref name="start"/> (default: the running assembly's folder, then the current directory).</summary>
    public static string? FindRepositoryRoot(string? start = null)
    {
        foreach (var origin in new[] { start, AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            if (origin is null) continue;
            for (var dir = new DirectoryInfo(origin); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "HydroWorkshop.sln"))) return dir.FullName;
            }
        }
        return null;
    }

    /// <summary>The shared real-data folder: <c>$HYDROWORKSHOP_DATA</c>, else <c>&lt;repo&gt;/../shared/data</c>.
    /// Null when neither exists (a fresh clone on its own).</summary>
    public static string? SharedDataRoot()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("HYDROWORKSHOP_DATA");
        if (!string.IsNullOrEmpty(fromEnvironment)) return Directory.Exists(fromEnvironment) ? fromEnvironment : null;
        var root = FindRepositoryRoot();
        if (root is null) return null;
        var shared = Path.GetFullPath(Path.Combine(root, "..", "shared", "data"));
        return Directory.Exists(shared) ? shared : null;
    }

    /// <summary>Where the kit caches a data set it generates (not created): <c>$<paramref name="environmentVariable"/></c>,
    /// else <c>&lt;repo&gt;/out/data/<paramref name="name"/></c>, else a folder in the user's local app data (outside a
    /// clone).</summary>
    public static string GeneratedDataFolder(string name, string environmentVariable)
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(environmentVariable);
        if (!string.IsNullOrEmpty(fromEnvironment)) return fromEnvironment;
        if (FindRepositoryRoot() is { } repo) return Path.Combine(repo, "out", "data", name);
        return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData,
            Environment.SpecialFolderOption.Create), "HydroWorkshop", name);
    }

    /// <summary>The folder of one shared data set, e.g. <c>camels_us_nwc_sample</c>, or null when absent.</summary>
    public static string? SharedDataSet(string name)
    {
        var root = SharedDataRoot();
        if (root is null) return null;
        var path = Path.Combine(root, name);
        return Directory.Exists(path) ? path : null;
    }
}
