using System.Security.Cryptography;
using HydroWorkshop.Data.Grids;
using HydroWorkshop.TestSupport;
using Xunit;

namespace HydroWorkshop.Data.Tests.Grids;

public sealed class SyntheticRhineMeuseTests : IClassFixture<SyntheticRhineMeuseTests.Generated>
{
    /// <summary>One set for the class (a second or two to make).</summary>
    public sealed class Generated : IDisposable
    {
        private readonly TempFolder temp = new();
        public Generated()
        {
            Folder = Path.Combine(temp.Path, "rhine");
            Result = SyntheticRhineMeuse.Generate(Folder);
        }
        public string Folder { get; }
        public SyntheticRhineMeuse.Result Result { get; }
        public void Dispose() => temp.Dispose();
    }

    private readonly Generated set;

    public SyntheticRhineMeuseTests(Generated set) => this.set = set;

    private static string Hash(string folder) => Convert.ToHexString(SHA256.HashData(
        Directory.GetFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .SelectMany(f => System.Text.Encoding.UTF8.GetBytes(Path.GetRelativePath(folder, f)).Concat(File.ReadAllBytes(f))).ToArray()));

    [Fact]
    public void Generate_Folder_OpensAsTheRealSetDoesAndSaysSynthetic()
    {
        var data = RhineMeuse.Open(set.Folder);

        Assert.True(data.IsSynthetic);
        Assert.StartsWith("synthetic {", data.Source);
        Assert.Contains("SYNTHETIC", data.Description);
        Assert.Contains("SYNTHETIC", File.ReadAllText(Path.Combine(set.Folder, "PROVENANCE.md")));
        Assert.Equal(3652, data.Dates.Length);
        Assert.Equal((new DateOnly(2001, 1, 1), new DateOnly(2010, 12, 31)), (data.Dates[0], data.Dates[^1]));
        Assert.Equal((13, 17), (data.Rows, data.Columns));
        Assert.Equal(52.25, data.Precipitation.Latitude![0], 6);
        // The files hold the generated numbers: rain written in m/day is read back in mm/day; discharge to 3 decimals.
        var generated = set.Result.Maps.Precipitation;
        Assert.All(Enumerable.Range(0, 5000), i => Assert.Equal(generated[i * 7], data.Precipitation.Data[i * 7], 3));
        foreach (var gauge in data.Gauges)
        {
            Assert.Equal(set.Result.Discharge[gauge.Name].Select(q => Math.Round(q, 3)), gauge.DischargeM3s.Select(q => Math.Round(q, 3)));
            Assert.All(gauge.DischargeM3s, q => Assert.True(q > 0));
        }
        var relief = data.LandSurfaceMap("dzRel0090");
        Assert.All(Enumerable.Range(0, relief.Length), i => Assert.Equal(data.Network.Inside[i], float.IsFinite(relief[i])));
        Assert.Equal(relief.Length, data.LandSurfaceMap("fieldCapacity").Length);
    }

    [Fact]
    public void Generate_Discharge_FollowsEachBasinsRegimeAndWaterBalance()
    {
        var data = RhineMeuse.Open(set.Folder);
        foreach (var gauge in data.Gauges)
        {
            var cells = gauge.BasinCellAreaKm2;
            var rain = Enumerable.Range(0, data.Dates.Length).Average(d =>
                Enumerable.Range(0, cells.Length).Sum(i => cells[i] * (double)data.Precipitation.Data[d * cells.Length + i]) / cells.Sum());
            var ratio = gauge.DischargeMmPerDay().Average() / rain;
            Assert.InRange(ratio, 0.25, 0.85);                                             // evaporation takes the rest
        }
        int PeakMonth(string name)
        {
            var q = data.Gauge(name).DischargeM3s;
            return Enumerable.Range(1, 12)
                .MaxBy(m => Enumerable.Range(0, q.Length).Where(d => data.Dates[d].Month == m).Average(d => q[d]));
        }
        // Snow: the Alpine Rhine at Basel peaks with the melt; the Meuse, fed by rain, in late winter.
        Assert.InRange(PeakMonth("Basel"), 4, 7);
        Assert.InRange(PeakMonth("Borgharen"), 1, 3);
        // The river starts full: day 0 at Lobith is a winter day like the next January's, not an empty riverbed.
        var lobith = data.Gauge("Lobith").DischargeM3s;
        Assert.True(lobith[0] > 0.3 * lobith.Skip(365).Take(31).Average(), $"day 0 at Lobith: {lobith[0]:F0} m³/s");
    }

    [Fact]
    public void Route_RainOnOneCell_ArrivesWholeAndLaterFurtherDownstream()
    {
        var network = set.Result.Network;
        var cells = network.Geometry.Cells;
        var (days, day) = (40, 5);
        var basel = network.SnapGauge(47.56, 7.62, 35_897);
        var lobith = network.SnapGauge(51.84, 6.11, 160_800);
        var toBasel = network.FlowSteps(basel.Row, basel.Column);
        var source = Enumerable.Range(0, cells).First(i => toBasel[i] == 2);
        var runoff = new float[days * cells];
        runoff[day * cells + source] = 10;                                                  // 10 mm on one day

        var atBasel = SyntheticRhineMeuse.Route(network, toBasel, runoff, days);
        var atLobith = SyntheticRhineMeuse.Route(network, network.FlowSteps(lobith.Row, lobith.Column), runoff, days);

        var volume = 10 * network.CellAreaKm2[source] / 86.4;                               // m³/s for one day
        Assert.Equal(volume, atBasel.Sum(), 3);
        Assert.Equal(volume, atLobith.Sum(), 3);
        Assert.All(atBasel.Take(day), q => Assert.Equal(0, q));
        double Centre(float[] q) => q.Select((v, t) => v * (double)t).Sum() / q.Sum();
        Assert.True(Centre(atLobith) > Centre(atBasel) + 2,
            $"arrives at Lobith after Basel: day {Centre(atLobith):F1} vs {Centre(atBasel):F1}");
    }

    [Fact]
    public void Generate_SameSeed_IdenticalFilesOtherSeedDiffers()
    {
        using var temp = new TempFolder();
        SyntheticRhineMeuse.Generate(Path.Combine(temp.Path, "again"));
        SyntheticRhineMeuse.Generate(Path.Combine(temp.Path, "other"), seed: 2);

        Assert.Equal(Hash(set.Folder), Hash(Path.Combine(temp.Path, "again")));
        Assert.NotEqual(Hash(set.Folder), Hash(Path.Combine(temp.Path, "other")));
    }

    [Fact]
    public void EnsureGenerated_CompleteSet_KeepsItAndOtherSeedReplacesIt()
    {
        using var temp = new TempFolder();
        var folder = Path.Combine(temp.Path, "cache");
        SyntheticRhineMeuse.EnsureGenerated(folder);
        var forcing = Path.Combine(folder, "forcing", "precipitation_2001to2010.nc");
        File.SetLastWriteTimeUtc(forcing, new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc));

        SyntheticRhineMeuse.EnsureGenerated(folder);
        Assert.Equal(2020, File.GetLastWriteTimeUtc(forcing).Year);
        SyntheticRhineMeuse.EnsureGenerated(folder, seed: 2);
        Assert.NotEqual(2020, File.GetLastWriteTimeUtc(forcing).Year);
    }

    /// <summary>Reports synchronously (Progress&lt;T&gt; posts to the thread pool) and fails on the report that starts writing.</summary>
    private sealed class FailWhileWriting : IProgress<string>
    {
        public void Report(string value)
        {
            if (value.Contains("writing", StringComparison.Ordinal)) throw new IOException("disk full (test)");
        }
    }

    [Fact]
    public void Generate_FailsWhileWritingOverASet_KeepsTheSetThatWasThere()
    {
        using var temp = new TempFolder();
        var folder = Path.Combine(temp.Path, "cache");
        SyntheticRhineMeuse.Generate(folder);

        Assert.Throws<IOException>(() => SyntheticRhineMeuse.Generate(folder, seed: 2, progress: new FailWhileWriting()));

        Assert.Equal(Hash(set.Folder), Hash(folder));
    }

    [Fact]
    public void Generate_FolderWithOtherFiles_RefusesAndLeavesThem()
    {
        using var temp = new TempFolder();
        var mine = temp.File(Path.Combine("notes", "thesis.md"), "mine");

        var error = Assert.Throws<IOException>(() => SyntheticRhineMeuse.Generate(Path.Combine(temp.Path, "notes")));

        Assert.Contains(Path.Combine(temp.Path, "notes"), error.Message);
        Assert.Contains("$HYDROWORKSHOP_SYNTHETIC_RHINE_MEUSE", error.Message);
        Assert.Equal("mine", File.ReadAllText(mine));
    }

    [Fact]
    public void EnsureGenerated_TrailingSeparator_ReturnsTheFolderWithoutIt()
    {
        using var temp = new TempFolder();
        var folder = Path.Combine(temp.Path, "cache");

        Assert.Equal(folder, SyntheticRhineMeuse.EnsureGenerated(folder + Path.DirectorySeparatorChar));
        Assert.True(RhineMeuse.Open(folder).IsSynthetic);
    }
}
