namespace HydroWorkshop.Data;

/// <summary>
/// Caravan on disk: <c>timeseries/csv/&lt;subset&gt;/&lt;gauge&gt;.csv</c> and <c>attributes/&lt;subset&gt;/attributes_*.csv</c>
/// (subset e.g. camelsch). Streamflow is already mm/day ("streamflow"); missing values are empty fields.
/// </summary>
public static class Caravan
{
    /// <summary>Opens subset <paramref name="subset"/> of the Caravan folder <paramref name="root"/> (the one holding
    /// timeseries/ and attributes/; a parent with data/caravan is accepted too). With no subset the only one present is used.</summary>
    public static CsvBasins Open(string root, string? subset = null)
    {
        if (!Directory.Exists(root)) throw new DirectoryNotFoundException($"Caravan folder '{root}' does not exist");
        if (!Directory.Exists(Path.Combine(root, "timeseries")) && Directory.Exists(Path.Combine(root, "data", "caravan", "timeseries")))
            root = Path.Combine(root, "data", "caravan");
        var csvRoot = Path.Combine(root, "timeseries", "csv");
        if (!Directory.Exists(csvRoot))
            throw new DirectoryNotFoundException(
                $"'{root}' is not a Caravan folder: timeseries/csv/ is missing (expected timeseries/csv/<subset>/<gauge>.csv)");
        var subsets = Directory.GetDirectories(csvRoot).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToArray();
        if (subset is null)
        {
            if (subsets.Length != 1)
                throw new ArgumentException($"{csvRoot} holds {subsets.Length} subsets; choose one of: {string.Join(", ", subsets)}",
                    nameof(subset));
            subset = subsets[0];
        }
        else if (!subsets.Contains(subset))
        {
            throw new ArgumentException($"unknown Caravan subset '{subset}'; valid names here: {string.Join(", ", subsets)}",
                nameof(subset));
        }
        var attributeFolder = Path.Combine(root, "attributes", subset);
        var attributeFiles = Directory.Exists(attributeFolder)
            ? Directory.GetFiles(attributeFolder, "attributes_*.csv").OrderBy(f => f.Contains("attributes_other", StringComparison.Ordinal)
                ? 0 : 1).ThenBy(f => f, StringComparer.Ordinal).ToArray()
            : [];
        return new CsvBasins(Path.Combine(csvRoot, subset), attributeFiles, "streamflow", $"Caravan {subset} at {root}");
    }
}
