using HydroWorkshop.Physics;
using Xunit;

namespace HydroWorkshop.FloodData.Tests;

public sealed class FlumeDataSetGeneratorTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("flume-generator-tests-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    /// <summary>A small, fast flume: 32 x 16 cells of 0.2 m, 12 frames of 1 s.</summary>
    private FlumeGeneratorOptions Small(string name, int events = 4, int seed = 7) => new()
    {
        OutputFolder = Path.Combine(root, name),
        Events = events,
        Seed = seed,
        Frames = 12,
        FrameInterval = 1.0,
        Flume = new LaboratoryFlume(Columns: 32, Rows: 16, CellSize: 0.2),
        Threads = 2,
    };

    private static byte[] Bytes(string folder, string eventName, string file) =>
        File.ReadAllBytes(Path.Combine(folder, FlumeDataSetFormat.EventsFolder, eventName, file));

    [Fact]
    public void Generate_SameSeed_GivesIdenticalArrays()
    {
        var a = Small("a");
        var b = Small("b");

        var summary = FlumeDataSetGenerator.Generate(a);
        FlumeDataSetGenerator.Generate(b with { Threads = 1 });

        Assert.Equal(4, summary.Events);
        Assert.Equal(4, summary.Generated);
        for (var e = 0; e < 4; e++)
        {
            var name = FlumeDataSetFormat.EventName(e);
            Assert.Equal(Bytes(a.OutputFolder, name, "depth.npy"), Bytes(b.OutputFolder, name, "depth.npy"));
            Assert.Equal(Bytes(a.OutputFolder, name, "inflow.npy"), Bytes(b.OutputFolder, name, "inflow.npy"));
        }
        Assert.Matches(@"^events 4, frames 12, grid 16 x 32, wet fraction 0\.\d{3}$", summary.ToString());
        Assert.InRange(summary.WetFraction, 0.01, 1.0);
    }

    [Fact]
    public void Generate_DifferentSeed_GivesDifferentEvents()
    {
        FlumeDataSetGenerator.Generate(Small("a", events: 1, seed: 1));
        FlumeDataSetGenerator.Generate(Small("b", events: 1, seed: 2));

        Assert.NotEqual(Bytes(Path.Combine(root, "a"), "event_0000", "depth.npy"),
            Bytes(Path.Combine(root, "b"), "event_0000", "depth.npy"));
    }

    [Fact]
    public void Generate_Interrupted_LeavesNoHalfEventAndResumes()
    {
        var options = Small("resume", events: 6) with { Threads = 1 };
        using var cancellation = new CancellationTokenSource();
        var finished = 0;
        var progress = new SynchronousProgress(_ => { if (++finished == 2) cancellation.Cancel(); });

        Assert.ThrowsAny<OperationCanceledException>(() => FlumeDataSetGenerator.Generate(options, progress, cancellation.Token));

        var events = Path.Combine(options.OutputFolder, FlumeDataSetFormat.EventsFolder);
        var complete = Directory.GetDirectories(events).Where(d => !Path.GetFileName(d).StartsWith('.')).ToArray();
        Assert.Equal(2, complete.Length);
        Assert.All(complete, d => Assert.True(File.Exists(Path.Combine(d, FlumeDataSetFormat.EventFile))));
        Assert.False(File.Exists(Path.Combine(options.OutputFolder, FlumeDataSetFormat.MetadataFile)));
        Directory.CreateDirectory(Path.Combine(events, ".event_0005.partial-leftover")); // as a killed process would leave it

        var summary = FlumeDataSetGenerator.Generate(options);

        Assert.Equal(2, summary.Resumed);
        Assert.Equal(4, summary.Generated);
        Assert.Equal(6, Directory.GetDirectories(events).Length);
        var fresh = Small("fresh", events: 6);
        FlumeDataSetGenerator.Generate(fresh);
        for (var e = 0; e < 6; e++)
            Assert.Equal(Bytes(fresh.OutputFolder, FlumeDataSetFormat.EventName(e), "depth.npy"),
                Bytes(options.OutputFolder, FlumeDataSetFormat.EventName(e), "depth.npy"));
    }

    [Fact]
    public void AssignSplits_TwentyEvents_GivesTrainValidationTest()
    {
        var splits = FlumeDataSetGenerator.AssignSplits(new FlumeGeneratorOptions { OutputFolder = root, Events = 20 });

        Assert.Equal(14, splits.Count(s => s == "train"));
        Assert.Equal(3, splits.Count(s => s == "validation"));
        Assert.Equal(3, splits.Count(s => s == "test"));
    }

    /// <summary>Reports on the calling thread (Progress&lt;T&gt; posts to the thread pool).</summary>
    private sealed class SynchronousProgress(Action<string> report) : IProgress<string>
    {
        public void Report(string value) => report(value);
    }
}
