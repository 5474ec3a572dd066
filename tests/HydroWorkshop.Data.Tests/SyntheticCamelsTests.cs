using HydroWorkshop.Common;
using HydroWorkshop.TestSupport;
using System.Security.Cryptography;
using HydroWorkshop.Data.Synthetic;
using Xunit;

namespace HydroWorkshop.Data.Tests;

public class SyntheticCamelsTests
{
    private static readonly SyntheticCamelsOptions Small = new() { Basins = 6, Start = new DateOnly(2000, 1, 1),
        End = new DateOnly(2003, 12, 31), Seed = 3 };

    private static string Hash(string folder) => Convert.ToHexString(SHA256.HashData(
        Directory.GetFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .SelectMany(f => System.Text.Encoding.UTF8.GetBytes(Path.GetRelativePath(folder, f)).Concat(File.ReadAllBytes(f))).ToArray()));

    [Fact]
    public void Generate_SameSeed_IdenticalFilesOtherSeedDiffers()
    {
        using var temp = new TempFolder();
        SyntheticCamels.Generate(Path.Combine(temp.Path, "a"), Small);
        SyntheticCamels.Generate(Path.Combine(temp.Path, "b"), Small);
        SyntheticCamels.Generate(Path.Combine(temp.Path, "c"), Small with { Seed = 4 });
        Assert.Equal(Hash(Path.Combine(temp.Path, "a")), Hash(Path.Combine(temp.Path, "b")));
        Assert.NotEqual(Hash(Path.Combine(temp.Path, "a")), Hash(Path.Combine(temp.Path, "c")));
    }

    [Fact]
    public void Generate_OfficialLayout_RoundTripsThroughReader()
    {
        using var temp = new TempFolder();
        var folder = Path.Combine(temp.Path, "camels");                   // not temp.Path: its lock file would outlive it
        var generated = SyntheticCamels.Generate(folder, Small);
        var camels = CamelsUs.Open(folder);
        Assert.Equal(generated.Select(g => g.Basin.GaugeId).Order(StringComparer.Ordinal), camels.BasinIds);
        foreach (var g in generated)
        {
            var id = g.Basin.GaugeId;
            Assert.Equal(Path.Combine(folder, "basin_dataset_public_v1p2", "basin_mean_forcing", "daymet", id[..2],
                $"{id}_lump_cida_forcing_leap.txt"), camels.ForcingFile(id, "daymet"));
            var record = camels.ReadBasin(id);
            Assert.Equal(Small.Start, record.Start);
            Assert.Equal(Small.Days, record.Days);
            var area = Math.Round(g.Basin.AreaKm2 * 1e6);
            Assert.Equal(area, record.AreaSquareMetres);
            for (var d = 0; d < record.Days; d++)
            {
                Assert.Equal(g.Weather.Precipitation[d], record["prcp(mm/day)"][d], 2);
                Assert.Equal(g.Weather.MaxTemperature[d], record["tmax(C)"][d], 2);
                Assert.Equal(g.Simulation.SnowWaterEquivalent[d], record["swe(mm)"][d], 0.006);
                var q = record[CamelsUs.Discharge][d];
                if (g.DischargeMissing[d]) Assert.True(float.IsNaN(q));
                else Assert.Equal(g.Simulation.Discharge[d], q, DischargeUnits.CubicFeetPerSecondToMillimetresPerDay(0.0051, area) + 1e-5);
            }
        }
        // Every attribute of the standard 27 is there and numeric.
        var values = camels.Attributes.Values(camels.BasinIds, CamelsData.StandardAttributes);
        Assert.All(values, v => Assert.True(float.IsFinite(v)));
        Assert.Equal(camels.BasinIds.Count, BasinLists.Read(Path.Combine(folder, "basin_list.txt")).Count);
    }

    [Fact]
    public void Generate_FolderWithOtherFiles_RefusesAndLeavesThem()
    {
        // make-synthetic-basins.sh --out ~/Documents once deleted the folder before writing into it.
        using var temp = new TempFolder();
        var mine = temp.File(Path.Combine("documents", "thesis.md"), "mine");

        var error = Assert.Throws<IOException>(() => SyntheticCamels.Generate(Path.Combine(temp.Path, "documents"), Small));

        Assert.Contains(Path.Combine(temp.Path, "documents"), error.Message);
        Assert.Contains(SyntheticCamels.MarkerFile, error.Message);
        Assert.Equal(["thesis.md"], Directory.GetFileSystemEntries(Path.Combine(temp.Path, "documents")).Select(Path.GetFileName));
        Assert.Equal("mine", File.ReadAllText(mine));
    }

    /// <summary>Reports synchronously (Progress&lt;T&gt; posts to the thread pool) and fails at the first report.</summary>
    private sealed class FailWhileWriting : IProgress<string>
    {
        public void Report(string value) => throw new IOException("disk full (test)");
    }

    [Fact]
    public void EnsureGenerated_OtherOptionsFailWhileWriting_KeepsTheSetThatWasThere()
    {
        using var temp = new TempFolder();
        var folder = Path.Combine(temp.Path, "camels");
        SyntheticCamels.Generate(folder, Small);
        var before = Hash(folder);

        Assert.Throws<IOException>(() => SyntheticCamels.EnsureGenerated(folder, Small with { Seed = 4 }, new FailWhileWriting()));

        Assert.Equal(before, Hash(folder));
        Assert.Equal([".camels.lock", "camels"], Directory.GetFileSystemEntries(temp.Path).Select(Path.GetFileName)
            .Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Simulate_WaterBalance_AndRegionalisation_AreHydrological()
    {
        var options = new SyntheticCamelsOptions { Basins = 30, Start = new DateOnly(1990, 1, 1), End = new DateOnly(1999, 12, 31) };
        var basins = Enumerable.Range(0, options.Basins).Select(b => SyntheticCamels.Simulate(options, b)).ToArray();
        var ratios = new List<(double Aridity, double RunoffRatio)>();
        foreach (var g in basins)
        {
            var p = g.Weather.Precipitation.Average(v => (double)v);
            var q = g.Simulation.Discharge.Average(v => (double)v);
            var pet = g.Weather.PotentialEvaporation.Average(v => (double)v);
            Assert.InRange(q / p, 0.0, 1.0);                                  // no water from nowhere
            Assert.InRange(g.Weather.Precipitation.Count(v => v > 0) / (double)g.Weather.Precipitation.Length, 0.08, 0.7);
            Assert.All(g.Simulation.Discharge, v => Assert.True(v >= 0));
            ratios.Add((pet / p, q / p));
        }
        // Budyko: drier basins (higher PET/P) turn less of their rain into runoff.
        Assert.True(Spearman(ratios.Select(r => r.Aridity).ToArray(), ratios.Select(r => r.RunoffRatio).ToArray()) < -0.6);
        // Cold basins keep snow: some basins carry a snow pack, and warm ones never do.
        Assert.Contains(basins, g => g.Simulation.SnowWaterEquivalent.Max() > 50);
        Assert.Contains(basins, g => g.Simulation.SnowWaterEquivalent.Max() == 0);
    }

    [Fact]
    public void EnsureGenerated_SecondCall_KeepsTheSetAndOpenSyntheticBuildsSplits()
    {
        using var temp = new TempFolder();
        var folder = Path.Combine(temp.Path, "cache");
        var options = Small with { Basins = 4 };
        SyntheticCamels.EnsureGenerated(folder, options);
        var marker = Path.Combine(folder, SyntheticCamels.MarkerFile);
        var written = File.GetLastWriteTimeUtc(marker);
        Thread.Sleep(20);
        var source = CamelsData.OpenSynthetic(folder, options);
        Assert.Equal(written, File.GetLastWriteTimeUtc(marker));
        Assert.Equal(4, source.BasinIds.Count);
        var (train, validation, test) = CamelsData.WorkshopSplits(source, sequenceLength: 90);
        Assert.Equal(CamelsData.DaymetInputs.Count + 27, train.InputFeatures);
        Assert.Same(train.Normalisation, test.Normalisation);
        Assert.True(train.Count > validation.Count && validation.Count > 0 && test.Count > 0);
    }

    private static double Spearman(double[] a, double[] b)
    {
        double[] Ranks(double[] v) { var order = v.Select((x, i) => (x, i)).OrderBy(p => p.x)
            .ToArray(); var r = new double[v.Length]; for (var k = 0; k < order.Length; k++) r[order[k].i] = k; return r; }
        var ra = Ranks(a);
        var rb = Ranks(b);
        var ma = ra.Average();
        var mb = rb.Average();
        return ra.Zip(rb)
            .Sum(p => (p.First - ma) * (p.Second - mb)) / Math.Sqrt(ra.Sum(x => (x - ma) * (x - ma)) * rb.Sum(x => (x - mb) * (x - mb)));
    }
}
