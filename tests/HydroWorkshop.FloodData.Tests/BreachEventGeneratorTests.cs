using HydroWorkshop.Physics;
using Xunit;

namespace HydroWorkshop.FloodData.Tests;

public sealed class BreachEventGeneratorTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("breach-generator-tests-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    /// <summary>Full-size 64 x 64 maps and 30-min frames (the reader's grid and step), but only 3 frames (1 h), so an event
    /// takes a fraction of a second.</summary>
    private BreachGeneratorOptions Short(string name, int events = 3, int seed = 7, int firstId = 11, bool random = false) => new()
    {
        OutputFolder = Path.Combine(root, name),
        Events = events,
        Seed = seed,
        FirstId = firstId,
        Frames = 3,
        RandomHydrograph = random,
        Threads = 2,
    };

    [Fact]
    public void Generate_ShortEvents_RoundTripThroughTheDikeBreachReader()
    {
        var options = Short("round-trip");

        BreachEventGenerator.Generate(options);
        var data = DikeBreachDataSet.Open(options.OutputFolder);

        Assert.Equal([11, 12, 13], data.Ids);
        foreach (var id in data.Ids)
        {
            var definition = BreachEventGenerator.Define(options, id);
            var e = data.ReadEvent(id);
            Assert.Equal(3, e.Steps);
            Assert.Equal((definition.Row, definition.Column), e.BreachCell);
            Assert.Equal(definition.Bed, e.Bed);
            Assert.Equal([50f, 50f, 50f], e.Inflow);
            Assert.Equal(0.01f, e.Depth[e.BreachCell.Row * 64 + e.BreachCell.Column]);
        }
    }

    [Fact]
    public void Generate_WithoutDischargeFile_ReaderEstimatesTheInflowFromTheVolume()
    {
        var options = Short("volume", events: 1);
        BreachEventGenerator.Generate(options);
        File.Delete(Path.Combine(options.OutputFolder, "raw_dataset", "Q", "Q_11.txt"));

        var e = DikeBreachDataSet.Open(options.OutputFolder).ReadEvent(11);

        Assert.All(e.Inflow, q => Assert.InRange(q, 49.5f, 50.5f));
    }

    [Fact]
    public void Generate_RandomHydrograph_DischargeFileHoldsIt()
    {
        var options = Short("random", events: 2, random: true);

        BreachEventGenerator.Generate(options);
        var data = DikeBreachDataSet.Open(options.OutputFolder);

        foreach (var id in data.Ids)
        {
            var e = data.ReadEvent(id);
            Assert.Equal(0f, e.Inflow[0]);
            Assert.InRange(e.Inflow[1], 25f, 100f);                            // the peak, on the first frame of a 1-h event
            Assert.Equal(BreachEventGenerator.Define(options, id).Inflow.Select(q => (float)Math.Round(q, 4)), e.Inflow);
        }
    }

    [Fact]
    public void Generate_SameSeed_IdenticalFiles()
    {
        var a = Short("a", events: 2);
        var b = Short("b", events: 2) with { Threads = 1 };

        BreachEventGenerator.Generate(a);
        BreachEventGenerator.Generate(b);

        foreach (var file in new[] { "DEM/DEM_12.txt", "WD/WD_12.txt", "Q/Q_12.txt" })
            Assert.Equal(File.ReadAllBytes(Path.Combine(a.OutputFolder, "raw_dataset", file)),
                File.ReadAllBytes(Path.Combine(b.OutputFolder, "raw_dataset", file)));
        Assert.Equal(File.ReadAllText(Path.Combine(a.OutputFolder, "breaches.csv")),
            File.ReadAllText(Path.Combine(b.OutputFolder, "breaches.csv")));
    }

    [Fact]
    public void Define_EventAloneOrInARun_SameEvent()
    {
        var run = Short("x", events: 40, firstId: 1);
        var alone = Short("y", events: 1, firstId: 33);

        var a = BreachEventGenerator.Define(run, 33);
        var b = BreachEventGenerator.Define(alone, 33);
        var other = BreachEventGenerator.Define(run with { Seed = 8 }, 33);

        Assert.Equal(a.Bed, b.Bed);
        Assert.Equal((a.Row, a.Column, a.Side), (b.Row, b.Column, b.Side));
        Assert.NotEqual(a.Bed, other.Bed);
    }

    [Fact]
    public void Define_ManyEvents_BreachesOnTheBoundaryOfEverySide()
    {
        var options = Short("sides");

        var events = Enumerable.Range(1, 200).Select(id => BreachEventGenerator.Define(options, id)).ToArray();

        Assert.All(events, e => Assert.True(e.Row is 0 or 63 || e.Column is 0 or 63, $"id {e.Id}: row {e.Row}, column {e.Column}"));
        Assert.All(events, e => Assert.Equal(BreachSimulation.BreachSide(e.Row, e.Column, 64, 64), e.Side));
        Assert.Equal(4, events.Select(e => e.Side).Distinct().Count());
    }

    [Fact]
    public void BoundaryCell_AllNumbers_EachBoundaryCellOnce()
    {
        var cells = Enumerable.Range(0, BreachEventGenerator.BoundaryCellCount(5, 7))
            .Select(k => BreachEventGenerator.BoundaryCell(k, 5, 7)).ToArray();

        var expected = Enumerable.Range(0, 5).SelectMany(r => Enumerable.Range(0, 7).Select(c => (r, c)))
            .Where(x => x.r is 0 or 4 || x.c is 0 or 6);
        Assert.Equal(expected.Order(), cells.Order());
    }

    [Fact]
    public void Generate_SecondRun_SkipsEventsAlreadyWritten()
    {
        var options = Short("resume", events: 2);
        BreachEventGenerator.Generate(options);
        var written = File.GetLastWriteTimeUtc(Path.Combine(options.OutputFolder, "raw_dataset", "WD", "WD_11.txt"));
        File.Delete(Path.Combine(options.OutputFolder, "raw_dataset", "WD", "WD_12.txt"));
        // a killed run's half-written file
        var stale = Path.Combine(options.OutputFolder, "raw_dataset", "WD", ".WD_12.txt.0123abcd.tmp");
        File.WriteAllText(stale, "0.0000 0.00");

        var summary = BreachEventGenerator.Generate(options);

        Assert.Equal((1, 1), (summary.Generated, summary.Resumed));
        Assert.Equal(written, File.GetLastWriteTimeUtc(Path.Combine(options.OutputFolder, "raw_dataset", "WD", "WD_11.txt")));
        Assert.True(File.Exists(Path.Combine(options.OutputFolder, "raw_dataset", "WD", "WD_12.txt")));
        Assert.False(File.Exists(stale));
    }

    [Fact]
    public void Generate_Run_WritesBreachTableAndProvenance()
    {
        var options = Short("table", events: 2);

        BreachEventGenerator.Generate(options);

        var table = File.ReadAllLines(Path.Combine(options.OutputFolder, "breaches.csv"));
        Assert.StartsWith("id,row,column,side,peak_m3s,", table[0]);
        var first = BreachEventGenerator.Define(options, 11);
        Assert.StartsWith($"11,{first.Row},{first.Column},{first.Side},50,", table[1]);
        Assert.Equal(3, table.Length);
        var provenance = File.ReadAllText(Path.Combine(options.OutputFolder, "PROVENANCE.md"));
        Assert.Contains("run seed 7", provenance);
        Assert.Contains("Ids **11–12**", provenance);
    }
}
