using HydroWorkshop.FloodData;
using HydroWorkshop.Physics;

namespace HydroWorkshop.Surrogates.Tests;

/// <summary>A tiny generated flume (16 x 32 cells of 0.4 m, 6 events x 24 frames every 0.8 s), made once per test run in
/// a temporary folder by the project's own generator; a few seconds of solver time.</summary>
public static class TinyFlume
{
    private static readonly string FolderPath = Path.Combine(Path.GetTempPath(), "hw-surrogates-tiny-flume-seed3-16x32");

    /// <summary>The data set's folder, generated on first use (of this or <see cref="DataSet"/>), so a test that only
    /// reads the folder does not depend on another test having made it.</summary>
    public static string Folder
    {
        get { _ = Data.Value; return FolderPath; }
    }

    private static readonly Lazy<FlumeDataSet> Data = new(() =>
    {
        var folder = FolderPath;
        FlumeDataSetGenerator.Generate(new FlumeGeneratorOptions
        {
            OutputFolder = folder, Events = 6, Seed = 3, Frames = 24, FrameInterval = 0.8,
            Flume = new LaboratoryFlume(Columns: 32, Rows: 16, CellSize: 0.4), Threads = 2,
        });
        return FlumeDataSet.Open(folder);
    });

    public static FlumeDataSet DataSet => Data.Value;

    /// <summary>All events but the last as one set (training), the last alone (validation).</summary>
    public static (MapSequences Train, MapSequences Validation) Sets()
    {
        var all = Enumerable.Range(0, DataSet.EventCount).ToArray();
        return (MapSequences.FromFlume(DataSet, all[..^1]), MapSequences.FromFlume(DataSet, all[^1..]));
    }
}
