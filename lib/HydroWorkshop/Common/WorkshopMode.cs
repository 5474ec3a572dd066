using System.Globalization;

namespace HydroWorkshop.Common;

/// <summary>
/// Full or fast workshop runs. <c>HYDRO_FAST=1</c> (CI, a quick rehearsal) keeps every notebook on the same
/// code path but with fewer basins, epochs and events: notebooks ask for their sizes through
/// <see cref="Pick{T}"/>, e.g. <c>var epochs = WorkshopMode.Pick(full: 20, fast: 2);</c>.
/// </summary>
public static class WorkshopMode
{
    /// <summary>The environment variable that selects the fast mode.</summary>
    public const string Variable = "HYDRO_FAST";

    private static bool? forced;

    /// <summary>True when <c>HYDRO_FAST</c> is 1, true, yes or on (any case), or after <see cref="Force"/>(true).</summary>
    public static bool Fast => forced ?? IsFastValue(Environment.GetEnvironmentVariable(Variable));

    /// <summary><paramref name="fast"/> in fast mode, else <paramref name="full"/>.</summary>
    public static T Pick<T>(T full, T fast) => Fast ? fast : full;

    /// <summary>Overrides the environment for this process (null goes back to it); for tests and exercises.</summary>
    public static void Force(bool? fast) => forced = fast;

    /// <summary>"fast mode (HYDRO_FAST=1): ..." or "full mode: ...", for the first cell of a notebook.</summary>
    public static string Describe() => Fast
        ? $"fast mode ({Variable}=1): fewer basins, epochs and events; same code path as the full run"
        : $"full mode (set {Variable}=1 for a quick run with fewer basins, epochs and events)";

    /// <summary>
    /// A folder for a notebook's outputs (run folders, exported charts): <c>&lt;repo&gt;/out/&lt;parts&gt;</c>, or
    /// <c>&lt;repo&gt;/out/fast/&lt;parts&gt;</c> in fast mode so that a CI run never overwrites a full run's results.
    /// Outside the repository (an exported app copied elsewhere) the same below the current folder. Not created.
    /// </summary>
    public static string OutputFolder(params string[] parts)
    {
        var root = Path.Combine(ProjectPaths.FindRepositoryRoot() ?? Directory.GetCurrentDirectory(), "out");
        if (Fast) root = Path.Combine(root, "fast");
        return Path.Combine([root, .. parts]);
    }

    /// <summary>Whether an environment value switches the fast mode on.</summary>
    public static bool IsFastValue(string? value) =>
        value?.Trim().ToLower(CultureInfo.InvariantCulture) is "1" or "true" or "yes" or "on";
}
