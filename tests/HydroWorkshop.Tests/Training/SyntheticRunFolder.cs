using HydroWorkshop.Data;
using HydroWorkshop.Data.Synthetic;

namespace HydroWorkshop.Tests.Training;

/// <summary>A temporary folder with tiny synthetic CAMELS basins (2000–2004) and helpers to write run configs
/// for them: periods 2000–2002 train, 2003 validation, 2004 test; 30-day windows; 2 statics.</summary>
internal sealed class SyntheticRunFolder : IDisposable
{
    public SyntheticRunFolder(string name, int basins = 3)
    {
        Root = Path.Combine(Path.GetTempPath(), $"hw-{name}-" + Guid.NewGuid().ToString("N"));
        Camels = Path.Combine(Root, "camels");
        Source = CamelsData.OpenSynthetic(Camels, new SyntheticCamelsOptions
        {
            Basins = basins, Start = new DateOnly(2000, 1, 1), End = new DateOnly(2004, 12, 31), Seed = 5, GapFraction = 0,
        });
    }

    public string Root { get; }
    public string Camels { get; }
    public CamelsUs Source { get; }
    public IReadOnlyList<string> BasinIds => Source.BasinIds;

    /// <summary>Writes a basin list file and returns its path.</summary>
    public string BasinList(string name, params string[] ids)
    {
        var path = Path.Combine(Root, name + ".txt");
        File.WriteAllLines(path, ids);
        return path;
    }

    /// <summary>Writes <c>&lt;name&gt;.yml</c> with the data section for these basins plus <paramref name="rest"/>
    /// (model, training and other sections, YAML at column 0) and returns its path.</summary>
    public string Config(string name, string runFolder, string? basinList, string rest)
    {
        var path = Path.Combine(Root, name + ".yml");
        File.WriteAllText(path, $"""
            run_folder: {runFolder}
            data:
              source: {Camels}
              statics: [p_mean, aridity]
              seq_length: 30
              train_period: [2000-01-01, 2002-12-31]
              validation_period: [2003-01-01, 2003-12-31]
              test_period: [2004-01-01, 2004-12-31]
            {(basinList is null ? "" : $"  basins: {basinList}")}

            """ + rest);
        return path;
    }

    public void Dispose()
    {
        if (Directory.Exists(Root)) Directory.Delete(Root, recursive: true);
    }
}
