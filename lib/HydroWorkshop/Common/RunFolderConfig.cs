namespace HydroWorkshop.Common;

/// <summary>
/// The copy of its config every run folder keeps (sequence, map and gridded runs alike), written once from the
/// config record when the run starts; what <c>hw evaluate</c>, <c>hw surrogate evaluate</c> and
/// <c>hw gridded evaluate</c> read, so a run folder can be used from anywhere.
/// </summary>
public static class RunFolderConfig
{
    public const string FileName = "run_config.yml";

    /// <summary>The config copy of <paramref name="runFolder"/>: <see cref="FileName"/>, else the name run folders made
    /// before had (<paramref name="earlierName"/>, e.g. map_run.yml); null when neither is there.</summary>
    public static string? Find(string runFolder, string? earlierName = null)
    {
        var path = Path.Combine(runFolder, FileName);
        if (File.Exists(path)) return path;
        var earlier = earlierName is null ? null : Path.Combine(runFolder, earlierName);
        return earlier is not null && File.Exists(earlier) ? earlier : null;
    }

    /// <summary>As <see cref="Find"/>, or an error that names the folder, the file, the run kind (<paramref name="kind"/>,
    /// e.g. "map run") and the command that makes such a folder (<paramref name="madeBy"/>).</summary>
    public static string Require(string runFolder, string kind, string madeBy, string? earlierName = null) =>
        Find(runFolder, earlierName) ?? throw new FileNotFoundException(
            $"{runFolder} is not a {kind} folder: {FileName} is missing (made by {madeBy})", Path.Combine(runFolder, FileName));

    /// <summary>Writes <paramref name="yaml"/> as the run folder's config copy (atomically; the folder is made).</summary>
    public static void Write(string runFolder, string yaml)
    {
        Directory.CreateDirectory(runFolder);
        AtomicFile.WriteAllText(Path.Combine(runFolder, FileName), yaml);
    }
}
