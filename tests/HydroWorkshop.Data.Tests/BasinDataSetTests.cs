using System.Globalization;
using System.Text;
using TorchSharp;
using HydroWorkshop.TestSupport;
using Xunit;

namespace HydroWorkshop.Data.Tests;

public class BasinDataSetTests
{
    private static readonly DateOnly Day0 = new(2000, 1, 1);

    /// <summary>Two basins of 100 days: x = day index (+1000 in b2), flow = 0.5 * day; b1 lacks x on day 50 and flow on day 70.</summary>
    private static CsvBasins TwoBasins(TempFolder temp)
    {
        foreach (var (id, offset) in new[] { ("b1", 0), ("b2", 1000) })
        {
            var text = new StringBuilder("date,x,flow\n");
            for (var d = 0; d < 100; d++)
            {
                var x = id == "b1" && d == 50 ? "" : (d + offset).ToString(CultureInfo.InvariantCulture);
                var q = id == "b1" && d == 70 ? "" : (0.5 * d).ToString(CultureInfo.InvariantCulture);
                text.Append(CultureInfo.InvariantCulture, $"{Day0.AddDays(d):yyyy-MM-dd},{x},{q}\n");
            }
            temp.File($"ts/{id}.csv", text.ToString());
        }
        var attributes = temp.File("attributes.csv", "gauge_id,area,kind\nb1,10,a\nb2,30,b\n");
        return new CsvBasins(Path.Combine(temp.Path, "ts"), [attributes], "flow");
    }

    private static BasinDataSetOptions Options(int seq = 10) => new()
    {
        Inputs = ["x"],
        Statics = ["area"],
        Period = new Period(Day0.AddDays(20), Day0.AddDays(79)),
        SequenceLength = seq,
    };

    [Fact]
    public void Create_MissingInputAndTarget_SkippedAndCounted()
    {
        using var temp = new TempFolder();
        var set = BasinDataSet.Create(TwoBasins(temp), Options());
        var b1 = set.Report.Basins.Single(b => b.BasinId == "b1");
        // Period days 20..79 = 60 windows; day 70 has no target; windows ending on 50..59 contain the missing x.
        Assert.Equal(1, b1.DaysWithoutTarget);
        Assert.Equal(10, b1.WindowsWithMissingInputs);
        Assert.Equal(49, b1.Windows);
        Assert.Equal(60, set.Report.Basins.Single(b => b.BasinId == "b2").Windows);
        Assert.Equal(109, set.Count);
    }

    [Fact]
    public void Create_Normalisation_FittedOnPeriodDaysOnly()
    {
        using var temp = new TempFolder();
        var set = BasinDataSet.Create(TwoBasins(temp), Options());
        // x over days 20..79 of both basins (day 50 of b1 missing): mean of {20..79 \ 50} and {1020..1079}.
        var values = Enumerable.Range(20, 60).Where(d => d != 50).Select(d => (double)d)
            .Concat(Enumerable.Range(1020, 60).Select(d => (double)d)).ToArray();
        var mean = values.Average();
        var std = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1));
        Assert.Equal(mean, set.Normalisation.Inputs[0].Mean, 6);
        Assert.Equal(std, set.Normalisation.Inputs[0].Std, 4);
        Assert.Equal(20.0, set.Normalisation.Statics[0].Mean, 6);
        Assert.Equal(Math.Sqrt(200), set.Normalisation.Statics[0].Std, 6);
    }

    [Fact]
    public void GetBatch_Windows_AlignInputsAndTargetDatesExactly()
    {
        using var temp = new TempFolder();
        var baseline = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        var set = BasinDataSet.Create(TwoBasins(temp), Options() with { PredictLastN = 3 });
        var n = set.Normalisation;
        using (var batch = set.GetBatch([0, 5, set.Count - 1]))
        {
            Assert.Equal([3L, 10, 2], batch.Inputs.shape);      // x plus the static area at every step
            Assert.Equal([3L, 3, 1], batch.Targets.shape);
            Assert.Equal([3L, 1], batch.Statics!.shape);
            var x = batch.Inputs.data<float>().ToArray();
            var y = batch.Targets.data<float>().ToArray();
            for (var i = 0; i < 3; i++)
            {
                var (basin, end) = set.SampleAt(batch.Samples[i]);
                Assert.Equal(basin, batch.BasinIds[i]);
                Assert.Equal(end, batch.EndDates[i]);
                var endDay = end.DayNumber - Day0.DayNumber;
                var offset = basin == "b2" ? 1000 : 0;
                for (var t = 0; t < 10; t++)
                {
                    var raw = x[(i * 10 + t) * 2] * n.Inputs[0].Std + n.Inputs[0].Mean;
                    Assert.Equal(endDay - 9 + t + offset, raw, 3);
                    Assert.Equal(basin == "b1" ? 10 : 30, x[(i * 10 + t) * 2 + 1] * n.Statics[0].Std + n.Statics[0].Mean, 4);
                }
                for (var k = 0; k < 3; k++)
                    Assert.Equal(0.5 * (endDay - 2 + k), n.DenormaliseTarget(y[i * 3 + k]), 4);
            }
            // The first window of b1 ends on the period's first day and reaches 9 days back into the warm-up.
            Assert.Equal(("b1", Day0.AddDays(20)), set.SampleAt(0));
        }
        Assert.Equal(baseline, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
    }

    [Fact]
    public void Batches_SameSeed_SameOrderDifferentEpochsDiffer()
    {
        using var temp = new TempFolder();
        var set = BasinDataSet.Create(TwoBasins(temp), Options() with { ConcatenateStatics = false });
        var baseline = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        List<int> Epoch(torch.Generator g) => set.Batches(32, g).SelectMany(b => { using (b) return b.Samples; }).ToList();
        using var g1 = new torch.Generator(7);
        using var g2 = new torch.Generator(7);
        var first = Epoch(g1);
        Assert.Equal(first, Epoch(g2));
        Assert.NotEqual(first, Epoch(g1));                              // the generator moved on: a new order next epoch
        Assert.Equal(Enumerable.Range(0, set.Count), first.Order());   // a permutation: every window once
        Assert.NotEqual(Enumerable.Range(0, set.Count), first);
        Assert.Equal(4, set.Batches(32).Count(b => { b.Dispose(); return true; }));
        Assert.Equal(3, set.Batches(32, dropLast: true).Count(b => { b.Dispose(); return true; }));
        Assert.Equal(baseline, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
    }

    [Fact]
    public void GetBatch_TwoTargetsSeparateStatics_Shapes()
    {
        using var temp = new TempFolder();
        var set = BasinDataSet.Create(TwoBasins(temp),
            Options() with { Targets = ["flow", "x"], ConcatenateStatics = false, PredictLastN = 2 });
        using var scope = torch.NewDisposeScope();
        var batch = set.GetBatch([0, 1, 2, 3]);
        Assert.Equal([4L, 10, 1], batch.Inputs.shape);
        Assert.Equal([4L, 2, 2], batch.Targets.shape);
        Assert.Equal([4L, 1], batch.Statics!.shape);
        var y = batch.Targets.data<float>().ToArray();
        // Sample 0 ends on day 20: targets of days 19 and 20, flow then x.
        Assert.Equal(0.5 * 19, set.Normalisation.DenormaliseTarget(y[0], 0), 4);
        Assert.Equal(19, set.Normalisation.DenormaliseTarget(y[1], 1), 3);
        Assert.Equal(20, set.Normalisation.DenormaliseTarget(y[3], 1), 3);
    }

    [Fact]
    public void Create_WindowLongerThanRecord_SaysSo()
    {
        using var temp = new TempFolder();
        var error = Assert.Throws<ArgumentException>(() => BasinDataSet.Create(TwoBasins(temp), Options(seq: 200)));
        Assert.Contains("window of 200 days is longer than every record", error.Message);
    }

    [Fact]
    public void Create_BasinWithoutDataInPeriod_IsReported()
    {
        using var temp = new TempFolder();
        var source = TwoBasins(temp);
        temp.File("ts/b3.csv", "date,x,flow\n1990-01-01,1,1\n1990-01-02,1,1\n");
        source = new CsvBasins(Path.Combine(temp.Path, "ts"), [], "flow");
        var set = BasinDataSet.Create(source, Options() with { Statics = [] });
        Assert.Contains(set.Report.EmptyBasins, e => e.BasinId == "b3" && e.Reason.Contains("no data in 2000-01-21..2000-03-20"));
        Assert.Contains("b3", set.Report.ToString());
        Assert.Equal(["b1", "b2"], set.BasinIds);
    }

    [Fact]
    public void Create_UnknownVariableOrBasin_ListsValidNames()
    {
        using var temp = new TempFolder();
        var source = TwoBasins(temp);
        var variable = Assert.Throws<ArgumentException>(() => BasinDataSet.Create(source, Options() with { Inputs = ["prcp"] }));
        Assert.Contains("unknown input variable 'prcp'", variable.Message);
        Assert.Contains("valid names: x, flow", variable.Message);
        var basin = Assert.Throws<ArgumentException>(() => BasinDataSet.Create(source, Options() with { Basins = ["b1", "b7"] }));
        Assert.Contains("b7", basin.Message);
        var categorical = Assert.Throws<ArgumentException>(() => BasinDataSet.Create(source, Options() with { Statics = ["kind"] }));
        Assert.Contains("categorical", categorical.Message);
    }

    [Fact]
    public void Create_ValidationWithTrainingNormalisation_ReusesItUnchanged()
    {
        using var temp = new TempFolder();
        var source = TwoBasins(temp);
        var train = BasinDataSet.Create(source, Options());
        var validation = BasinDataSet.Create(source, Options() with { Period = new Period(Day0.AddDays(80), Day0.AddDays(99)) },
            train.Normalisation);
        Assert.Same(train.Normalisation, validation.Normalisation);
        Assert.Equal(40, validation.Count);
        var mismatch = Assert.Throws<ArgumentException>(() => BasinDataSet.Create(source, Options() with { Statics = [] },
            train.Normalisation));
        Assert.Contains("fitted for statics [area]", mismatch.Message);
    }

    [RealDataFact("camels_us_nwc_sample")]
    public void Create_RealNwcTrainBasins_MemoryWithinTwiceRawAndDatesAligned()
    {
        var root = TestPaths.RealData("camels_us_nwc_sample");
        var source = CamelsUs.Open(root, ["nldas"]);
        var options = new BasinDataSetOptions
        {
            Inputs = ["PRCP(mm/day)", "srad", "tmax(C)", "vp(Pa)", "dayl(s)"],
            Statics = ["p_mean", "aridity", "area_gages2"],
            Basins = BasinLists.Read(Path.Combine(root, "train_basins.txt")),
            Period = Period.Parse("1999-10-01", "2008-09-30"),
            SequenceLength = 365,
        };
        var set = BasinDataSet.Create(source, options);
        Assert.Equal(14, set.BasinIds.Count);
        Assert.True(set.ArrayBytes < 2 * set.Report.RawBytes, $"{set.ArrayBytes} bytes held vs {set.Report.RawBytes} raw");
        // 06221400's streamflow starts 2002-06-30: no window may end before that.
        var first = Enumerable.Range(0, set.Count).Select(set.SampleAt).Where(s => s.BasinId == "06221400").Min(s => s.EndDate);
        Assert.Equal(new DateOnly(2002, 6, 30), first);
        // A window of 01333000 ending 2005-03-10: its last and first input days (2004-03-11) against the raw record.
        var record = source.ReadBasin("01333000");
        var sample = Enumerable.Range(0, set.Count).First(i => set.SampleAt(i) == ("01333000", new DateOnly(2005, 3, 10)));
        using var batch = set.GetBatch([sample]);
        var x = batch.Inputs.data<float>().ToArray();
        var last = 364 * set.InputFeatures;
        var prcp = x[last] * set.Normalisation.Inputs[0].Std + set.Normalisation.Inputs[0].Mean;
        Assert.Equal(record.ValueOn("prcp(mm/day)", new DateOnly(2005, 3, 10)), prcp, 3);
        var firstDayVp = x[3] * set.Normalisation.Inputs[3].Std + set.Normalisation.Inputs[3].Mean;
        Assert.Equal(record.ValueOn("vp(Pa)", new DateOnly(2004, 3, 11)), firstDayVp, 1);
        Assert.Equal(record.ValueOn(CamelsUs.Discharge, new DateOnly(2005, 3, 10)),
            set.Normalisation.DenormaliseTarget(batch.Targets.data<float>().ToArray()[0]), 3);
    }
}
