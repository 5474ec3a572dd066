using System.Text.RegularExpressions;
using HydroWorkshop.TestSupport;
using Xunit;

namespace HydroWorkshop.FloodData.Tests;

public class DikeBreachDataSetTests
{
    private const string DataSet = "dike_breach_bentivoglio2023_subset";

    [RealDataFact(DataSet)]
    public void Open_Subset_ListsTheSimulationsItsProvenanceNames()
    {
        // PROVENANCE.md says which ids were copied ("for ids **1–80** (...) and **500–509** (...)") and how many
        // there are ("Per simulation id (90 ids)"); the data set must hold exactly those, so that copying more
        // simulations without updating the provenance (or the reverse) fails here.
        var folder = TestPaths.RealData(DataSet);
        var provenance = File.ReadAllLines(Path.Combine(folder, "PROVENANCE.md"));
        var copied = provenance.Single(l => l.StartsWith("- Copied paths", StringComparison.Ordinal));
        var ranges = Regex.Matches(copied, @"\*\*(\d+)–(\d+)\*\*")
            .Select(m => (From: int.Parse(m.Groups[1].Value), To: int.Parse(m.Groups[2].Value))).ToArray();
        Assert.NotEmpty(ranges);
        var expected = ranges.SelectMany(r => Enumerable.Range(r.From, r.To - r.From + 1)).Order().ToArray();
        var count = int.Parse(Regex.Match(string.Join('\n', provenance), @"Per simulation id \((\d+) ids\)").Groups[1].Value);

        var data = DikeBreachDataSet.Open(folder);

        Assert.Equal(count, expected.Length);
        Assert.Equal(expected, data.Ids);
    }

    [RealDataFact(DataSet)]
    public void ReadEvent_FirstSimulation_BreachAtCellZeroAndWaterInLowGround()
    {
        var data = DikeBreachDataSet.Open(TestPaths.RealData(DataSet));

        var e = data.ReadEvent(1);

        const int map = 64 * 64;
        Assert.Equal(97, e.Steps);
        Assert.Equal(0.0100f, e.Depth[0], 6); // the breach cell, (x, y) = (50, 50) m
        Assert.Equal(1, e.Depth.AsSpan(0, map).ToArray().Count(h => h > 0));
        Assert.Equal(0f, e.Bed[0]);
        Assert.Equal(-0.43378f, e.Bed[1], 5); // line 2 of DEM_1.txt: x = 150, y = 50
        // With the x-fastest order the wet cells at 24 h lie lower than the dry ones (PROVENANCE.md).
        var at24h = e.Depth.AsSpan(48 * map, map).ToArray();
        var wetBed = Enumerable.Range(0, map).Where(k => at24h[k] > 0.05).Select(k => e.Bed[k]).Average();
        var dryBed = Enumerable.Range(0, map).Where(k => at24h[k] == 0).Select(k => e.Bed[k]).Average();
        Assert.True(wetBed < dryBed - 0.3, $"wet mean bed {wetBed:F2} m, dry {dryBed:F2} m");
    }

    [RealDataFact(DataSet)]
    public void ReadEvent_DHydroSimulations_BreachAtCellZeroAndInflowFromVolumeIsFifty()
    {
        // The D-HYDRO files hold no discharge; their volume grows by 50 m3/s throughout (closed walls, constant breach inflow).
        var data = DikeBreachDataSet.Open(TestPaths.RealData(DataSet));

        foreach (var id in new[] { 1, 505 })
        {
            var e = data.ReadEvent(id);

            Assert.Equal((0, 0), e.BreachCell);
            Assert.Equal(97, e.Inflow.Length);
            Assert.All(e.Inflow, q => Assert.InRange(q, 49.5f, 50.5f));
        }
    }

    [Fact]
    public void InflowFromVolume_LinearVolume_ConstantDischarge()
    {
        // Two cells of 100 m2; the volume grows by 10 m3 per 5 s step.
        float[] depth = [0, 0, 0.05f, 0, 0.05f, 0.05f, 0.15f, 0];

        var inflow = DikeBreachDataSet.InflowFromVolume(depth, 4, 100, 5);

        Assert.All(inflow, q => Assert.Equal(1f, q, 1e-5f));
    }

    [Fact]
    public void ReadEvent_TwoWetCellsAtTheStart_ThrowsNamingTheDepthFile()
    {
        var folder = Directory.CreateTempSubdirectory("dike-tests-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(folder, "raw_dataset", "DEM"));
            Directory.CreateDirectory(Path.Combine(folder, "raw_dataset", "WD"));
            var lines = Enumerable.Range(0, 4096).Select(k => $"{50 + 100 * (k % 64)}.0 {50 + 100 * (k / 64)}.0 0.0");
            File.WriteAllLines(Path.Combine(folder, "raw_dataset", "DEM", "DEM_4.txt"), lines);
            var start = Enumerable.Repeat("0.0000", 4096).ToArray();
            start[0] = start[70] = "0.0100";
            File.WriteAllText(Path.Combine(folder, "raw_dataset", "WD", "WD_4.txt"), string.Join(' ', start) + "\n");
            var data = DikeBreachDataSet.Open(folder);

            var error = Assert.Throws<InvalidDataException>(() => data.ReadEvent(4));

            Assert.Contains("WD_4.txt", error.Message);
            Assert.Contains("2 wet cells", error.Message);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [RealDataFact(DataSet)]
    public void ReadSequences_TwoSimulations_ReturnsEventTimeChannelYX()
    {
        var data = DikeBreachDataSet.Open(TestPaths.RealData(DataSet));

        var (depth, shape, bed, bedShape) = data.ReadSequences([4, 500]);

        Assert.Equal([2, 97, 1, 64, 64], shape);
        Assert.Equal([2, 1, 64, 64], bedShape);
        Assert.Equal(2 * 97 * 64 * 64, depth.Length);
        Assert.Equal(data.ReadEvent(500).Depth[96 * 4096 + 100], depth[(97 + 96) * 4096 + 100]);
        Assert.Equal(data.ReadEvent(500).Bed[77], bed[4096 + 77]);
    }

    [Fact]
    public void ReadEvent_ShuffledCellOrder_ThrowsNamingFileAndLine()
    {
        var folder = Directory.CreateTempSubdirectory("dike-tests-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(folder, "raw_dataset", "DEM"));
            Directory.CreateDirectory(Path.Combine(folder, "raw_dataset", "WD"));
            var lines = Enumerable.Range(0, 4096).Select(k => $"{50 + 100 * (k / 64)}.0 {50 + 100 * (k % 64)}.0 0.0"); // y fastest: wrong
            File.WriteAllLines(Path.Combine(folder, "raw_dataset", "DEM", "DEM_3.txt"), lines);
            File.WriteAllText(Path.Combine(folder, "raw_dataset", "WD", "WD_3.txt"), string.Join(' ', Enumerable.Repeat("0.0000", 4096)) +
                "\n");
            var data = DikeBreachDataSet.Open(folder);

            var error = Assert.Throws<InvalidDataException>(() => data.ReadEvent(3));

            Assert.Contains("DEM_3.txt, line 2", error.Message);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
