using HydroWorkshop.Common;
namespace HydroWorkshop.Data;

/// <summary>Basin lists as neuralhydrology writes them (<c>train_basins.txt</c>): one gauge id a line.</summary>
public static class BasinLists
{
    /// <summary>Reads the ids in <paramref name="path"/>; blank lines and <c>#</c> comments are skipped, duplicates are errors.</summary>
    public static IReadOnlyList<string> Read(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"basin list '{path}' does not exist", path);
        var result = new List<string>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var number = 0;
        foreach (var raw in File.ReadLines(path))
        {
            number++;
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            if (line.Any(char.IsWhiteSpace)) throw new DataFileException(path, number, raw, "a basin list holds one gauge id per line");
            if (seen.TryGetValue(line, out var first)) throw new DataFileException(path, number, raw,
                $"basin listed twice (first on line {first})");
            seen[line] = number;
            result.Add(line);
        }
        if (result.Count == 0) throw new DataFileException(path, "the basin list is empty");
        return result;
    }

    /// <summary>Writes <paramref name="basinIds"/> one a line (atomically).</summary>
    public static void Write(string path, IEnumerable<string> basinIds) =>
        AtomicFile.WriteAllText(path, string.Join('\n', basinIds) + "\n");
}
