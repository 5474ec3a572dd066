using HydroWorkshop.Common;

namespace HydroWorkshop.Data;

/// <summary>
/// CAMELS-US on disk, in the official release layout
/// (<c>basin_mean_forcing/&lt;product&gt;/&lt;HUC02&gt;/&lt;gauge&gt;_lump_*_forcing_leap.txt</c>,
/// <c>usgs_streamflow/&lt;HUC02&gt;/&lt;gauge&gt;_streamflow_qc.txt</c>, <c>camels_attributes_v2.0/camels_*.txt</c>)
/// or flat (the same without the HUC folders). Forcing and streamflow are joined by date; discharge becomes
/// "QObs(mm/d)" using the basin area of the forcing header. With several forcing products each variable is
/// suffixed by its product ("prcp(mm/day)_daymet").
/// </summary>
public sealed class CamelsUs : IBasinSource
{
    /// <summary>The name of observed discharge (mm/day), as in neuralhydrology.</summary>
    public const string Discharge = "QObs(mm/d)";

    /// <summary>The forcing products of the release (folder names under basin_mean_forcing).</summary>
    public static readonly IReadOnlyList<string> KnownForcings = ["daymet", "maurer", "maurer_extended", "nldas", "nldas_extended"];

    private readonly Dictionary<string, Dictionary<string, string>> forcingFiles = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> streamflowFiles = new(StringComparer.Ordinal);
    private readonly Lazy<AttributeTable> attributes;

    private CamelsUs(string root, IReadOnlyList<string> forcings, string? attributesFolder, IReadOnlyList<string> extraAttributeFolders)
    {
        Root = root;
        Forcings = forcings;
        foreach (var product in forcings) forcingFiles[product] = IndexFiles(Path.Combine(root, "basin_mean_forcing", product),
            "_forcing_leap.txt", "_forcing.txt");
        foreach (var (gauge, path) in IndexFiles(Path.Combine(root, "usgs_streamflow"),
            "_streamflow_qc.txt")) streamflowFiles[gauge] = path;
        BasinIds = streamflowFiles.Keys.Where(g => forcings.All(p => forcingFiles[p].ContainsKey(g)))
            .Order(StringComparer.Ordinal).ToArray();
        AttributesFolder = attributesFolder ?? FindAttributesFolder(root);
        attributes = new Lazy<AttributeTable>(() => AttributesFolder is null
            ? AttributeTable.Empty
            : AttributeTable.Read(new[] { AttributesFolder }.Concat(extraAttributeFolders).SelectMany(AttributeFiles), ';'));
        var single = forcings.Count == 1;
        VariableNames = forcings.SelectMany(p => CamelsUsFiles.ForcingVariables.Select(v => single ? v : $"{v}_{p}"))
            .Append(Discharge).ToArray();
    }

    /// <summary>
    /// Opens the CAMELS-US folder <paramref name="root"/> (the one holding basin_mean_forcing and usgs_streamflow, or
    /// its parent <c>basin_dataset_public_v1p2</c>) with the forcing products <paramref name="forcings"/> (default daymet).
    /// <paramref name="attributesFolder"/> overrides where <c>camels_*.txt</c> are read from;
    /// <paramref name="extraAttributeFolders"/> add rows for basins the first folder lacks (e.g. 01022500, whose
    /// attributes the NWC sample does not carry).
    /// </summary>
    public static CamelsUs Open(string root, IReadOnlyList<string>? forcings = null, string? attributesFolder = null,
        IReadOnlyList<string>? extraAttributeFolders = null)
    {
        foreach (var folder in extraAttributeFolders ?? [])
        {
            if (AttributeFiles(folder).Length == 0)
                throw new DirectoryNotFoundException($"attribute folder '{folder}' holds no camels_*.txt");
        }
        if (!Directory.Exists(root)) throw new DirectoryNotFoundException($"CAMELS-US folder '{root}' does not exist");
        if (!Directory.Exists(Path.Combine(root, "basin_mean_forcing"))
            && Directory.Exists(Path.Combine(root, "basin_dataset_public_v1p2", "basin_mean_forcing")))
            root = Path.Combine(root, "basin_dataset_public_v1p2");
        var forcingRoot = Path.Combine(root, "basin_mean_forcing");
        if (!Directory.Exists(forcingRoot))
            throw new DirectoryNotFoundException(
                $"'{root}' is not a CAMELS-US folder: basin_mean_forcing/ is missing (expected basin_mean_forcing/<product>/[<HUC02>/]<gauge>_lump_*_forcing_leap.txt)");
        if (!Directory.Exists(Path.Combine(root, "usgs_streamflow")))
            throw new DirectoryNotFoundException($"'{root}' is not a CAMELS-US folder: usgs_streamflow/ is missing");
        var present = Directory.GetDirectories(forcingRoot).Select(Path.GetFileName).OfType<string>()
            .Order(StringComparer.Ordinal).ToArray();
        var products = forcings is { Count: > 0 } ? forcings : present.Contains("daymet") ? ["daymet"] : present.Take(1).ToArray();
        foreach (var product in products)
        {
            if (!present.Contains(product, StringComparer.OrdinalIgnoreCase))
                throw new ArgumentException(
                    $"unknown forcing product '{product}' in {forcingRoot}; valid names here: {string.Join(", ", present)} " +
                    $"(the release has {string.Join(", ", KnownForcings)})", nameof(forcings));
        }
        if (products.Count == 0) throw new DirectoryNotFoundException(
            $"{forcingRoot} holds no forcing product folder ({string.Join(", ", KnownForcings)})");
        return new CamelsUs(root, products.Select(p => present.First(q => q.Equals(p, StringComparison.OrdinalIgnoreCase))).ToArray(),
            attributesFolder, extraAttributeFolders ?? []);
    }

    private static string[] AttributeFiles(string folder) =>
        Directory.Exists(folder) ? Directory.GetFiles(folder, "camels_*.txt").Order(StringComparer.Ordinal).ToArray() : [];

    /// <summary>The folder holding basin_mean_forcing and usgs_streamflow.</summary>
    public string Root { get; }

    /// <summary>The forcing products read, in order.</summary>
    public IReadOnlyList<string> Forcings { get; }

    /// <summary>Where camels_*.txt were found (null: no attributes).</summary>
    public string? AttributesFolder { get; }

    public string Description => $"CAMELS-US at {Root} ({string.Join(", ", Forcings)})";
    public IReadOnlyList<string> BasinIds { get; }
    public IReadOnlyList<string> VariableNames { get; }
    public string DischargeName => Discharge;
    public AttributeTable Attributes => attributes.Value;

    /// <summary>The forcing file of <paramref name="basinId"/> for <paramref name="product"/>, or null.</summary>
    public string? ForcingFile(string basinId, string product) =>
        forcingFiles.TryGetValue(product, out var files) && files.TryGetValue(NormaliseId(basinId), out var path) ? path : null;

    /// <summary>The basin area (m²) from the header of its first forcing product's file: the area its discharge was
    /// converted to mm/day with, so m³/s computed back from mm/day with it is the gauge's record. Null without a forcing file.</summary>
    public double? AreaSquareMetres(string basinId) =>
        ForcingFile(basinId, Forcings[0]) is { } path ? CamelsUsFiles.ReadForcingArea(path) : null;

    /// <summary>The streamflow file of <paramref name="basinId"/>, or null.</summary>
    public string? StreamflowFile(string basinId) => streamflowFiles.TryGetValue(NormaliseId(basinId), out var path) ? path : null;

    /// <summary>Reads forcings and streamflow of one basin, joined by date over the union of their periods.</summary>
    public BasinRecord ReadBasin(string basinId)
    {
        var gauge = NormaliseId(basinId);
        var forcings = new List<(string Product, CamelsUsFiles.Forcing Forcing)>();
        foreach (var product in Forcings)
        {
            var path = ForcingFile(gauge, product) ?? throw new FileNotFoundException(
                $"basin {gauge}: no forcing file for '{product}' under {Path.Combine(Root, "basin_mean_forcing", product)} (looked for {gauge}_lump_*_forcing_leap.txt, with or without a HUC folder)");
            forcings.Add((product, CamelsUsFiles.ReadForcing(path)));
        }
        var flowPath = StreamflowFile(gauge) ?? throw new FileNotFoundException(
            $"basin {gauge}: no streamflow file under {Path.Combine(Root, "usgs_streamflow")} (looked for {gauge}_streamflow_qc.txt, with or without a HUC folder)");
        var flow = CamelsUsFiles.ReadStreamflow(flowPath, gauge);

        var builders = forcings.Select(f => f.Forcing.Rows).Append(flow).Where(b => b.Count > 0).ToList();
        if (builders.Count == 0) throw new InvalidDataException($"basin {gauge}: forcing and streamflow files hold no rows");
        var start = builders.Min(b => b.First!.Value);
        var end = builders.Max(b => b.Last!.Value);
        var days = end.DayNumber - start.DayNumber + 1;
        var variables = new Dictionary<string, float[]>(StringComparer.OrdinalIgnoreCase);
        var single = forcings.Count == 1;
        foreach (var (product, forcing) in forcings)
        {
            foreach (var (name, values) in forcing.Rows.Layout(start, days))
                variables[single ? name : $"{name}_{product}"] = values;
        }
        var area = forcings[0].Forcing.AreaSquareMetres;
        var discharge = flow.Layout(start, days)["discharge(ft3/s)"];
        for (var d = 0; d < days; d++)
            discharge[d] = (float)DischargeUnits.CubicFeetPerSecondToMillimetresPerDay(discharge[d], area);   // NaN stays NaN
        variables[Discharge] = discharge;
        var first = forcings[0].Forcing;
        return new BasinRecord(gauge, start, days, variables, first.Latitude, first.Elevation, first.AreaSquareMetres);
    }

    /// <summary>CAMELS gauge ids are 8 digits; "1022500" (a leading zero lost to a spreadsheet) becomes "01022500".</summary>
    public static string NormaliseId(string basinId)
    {
        var id = basinId.Trim();
        return id.Length is > 0 and < 8 && id.All(char.IsAsciiDigit) ? id.PadLeft(8, '0') : id;
    }

    private static Dictionary<string, string> IndexFiles(string folder, params string[] suffixes)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!Directory.Exists(folder)) return result;
        // The "_leap" files (with 29 February) win over the older files without it.
        foreach (var path in Directory.EnumerateFiles(folder, "*.txt", SearchOption.AllDirectories)
                     .OrderBy(p => p.Contains("_leap", StringComparison.Ordinal) ? 0 : 1).ThenBy(p => p, StringComparer.Ordinal))
        {
            var name = Path.GetFileName(path);
            if (!suffixes.Any(s => name.EndsWith(s, StringComparison.OrdinalIgnoreCase))) continue;
            var underscore = name.IndexOf('_');
            if (underscore <= 0) continue;
            result.TryAdd(name[..underscore], path);
        }
        return result;
    }

    private static string? FindAttributesFolder(string root)
    {
        foreach (var candidate in new[] { Path.Combine(root, "camels_attributes_v2.0"),
            Path.Combine(root, "..", "camels_attributes_v2.0"), root })
        {
            if (Directory.Exists(candidate) && Directory.GetFiles(candidate, "camels_*.txt").Length > 0) return Path.GetFullPath(candidate);
        }
        return null;
    }
}
