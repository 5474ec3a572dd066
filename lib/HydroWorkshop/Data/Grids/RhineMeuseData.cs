using HydroWorkshop.Common;

namespace HydroWorkshop.Data.Grids;

/// <summary>
/// The notebooks' front door to gridded data (notebooks 05 and 06, <c>hw gridded train</c> with <c>folder: default</c>): the real
/// <c>rhine_meuse_30min_grdc</c> set when it is found (<c>$HYDROWORKSHOP_DATA</c> or <c>../shared/data</c>), otherwise a
/// synthetic stand-in in the same layout (<see cref="SyntheticRhineMeuse"/>), generated on first use (seconds) into a
/// folder per generator version and seed (<see cref="SyntheticRhineMeuse.VersionFolder"/>) under
/// <c>$HYDROWORKSHOP_SYNTHETIC_RHINE_MEUSE</c>, else <c>&lt;repo&gt;/out/data/synthetic-rhine-meuse</c>, else a folder in the
/// user's local app data. <see cref="RhineMeuse.IsSynthetic"/> and <see cref="RhineMeuse.Description"/> say which.
/// </summary>
public static class RhineMeuseData
{
    /// <summary>The real set when found, else the synthetic one (generated on first use).</summary>
    public static RhineMeuse OpenWorkshop(IProgress<string>? progress = null) =>
        OpenWorkshop(RhineMeuse.FindShared(), SyntheticCacheFolder(), progress);

    /// <summary><see cref="OpenWorkshop(IProgress{string})"/> with the candidates given: <paramref name="realFolder"/> (the
    /// real set's folder, or null) and the synthetic set's <paramref name="syntheticFolder"/>.</summary>
    public static RhineMeuse OpenWorkshop(string? realFolder, string syntheticFolder, IProgress<string>? progress = null) =>
        RhineMeuse.Open(realFolder
            ?? SyntheticRhineMeuse.EnsureGenerated(Path.Combine(syntheticFolder, SyntheticRhineMeuse.VersionFolder()), progress: progress));

    /// <summary>The synthetic set's cache folder (not created).</summary>
    public static string SyntheticCacheFolder() =>
        ProjectPaths.GeneratedDataFolder("synthetic-rhine-meuse", "HYDROWORKSHOP_SYNTHETIC_RHINE_MEUSE");
}
