using HydroWorkshop.Data.Grids;
using HydroWorkshop.TestSupport;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace HydroWorkshop.Data.Tests.Grids;

public class GriddedDataSetTests
{
    private const int T = 10, C = 2, Y = 2, X = 3;
    private static readonly DateOnly Start = new(2001, 1, 1);
    private static readonly DateOnly[] Dates = Enumerable.Range(0, T).Select(Start.AddDays).ToArray();
    private static readonly Period Training = new(Start, Start.AddDays(5));            // days 0..5; days 6..9 are "test"

    /// <summary>Channel value = 100 t + 10 c + cell; target = t (day 8: not observed).</summary>
    private static (float[] Channels, float[] Targets) Values()
    {
        var x = new float[T * C * Y * X];
        for (var t = 0; t < T; t++)
            for (var c = 0; c < C; c++)
                for (var cell = 0; cell < Y * X; cell++) x[((t * C) + c) * Y * X + cell] = 100 * t + 10 * c + cell;
        var y = Enumerable.Range(0, T).Select(t => t == 8 ? float.NaN : t).ToArray();
        return (x, y);
    }

    private static GriddedDataSet Build(float[] x, float[] y)
    {
        using var channels = tensor(x).reshape(T, C, Y, X);
        using var targets = tensor(y).reshape(T, 1);
        return new GriddedDataSet(channels, ["rain", "temperature"], targets, ["discharge"], Dates, Training);
    }

    [Fact]
    public void Normalisation_FittedOnTrainingDays_TestValuesDoNotMatter()
    {
        var (x, y) = Values();
        using var data = Build(x, y);
        for (var i = 6 * C * Y * X; i < x.Length; i++) x[i] = 1e6f;                       // change every test-period value
        for (var t = 6; t < T; t++) y[t] = -50;
        using var changed = Build(x, y);

        Assert.Equal(data.Normalisation.Inputs, changed.Normalisation.Inputs);
        Assert.Equal(data.Normalisation.Targets, changed.Normalisation.Targets);
        // rain over days 0..5 and cells 0..5: mean 100 * 2.5 + 2.5 = 252.5
        Assert.Equal(252.5, data.Normalisation.Inputs[0].Mean, 6);
        Assert.Equal(262.5, data.Normalisation.Inputs[1].Mean, 6);
        Assert.Equal(2.5, data.Normalisation.Targets[0].Mean, 6);
        Assert.Equal("rain", data.Normalisation.Inputs[0].Name);
        Assert.Equal(Math.Sqrt(3.5), data.Normalisation.Targets[0].Std, 6);                  // sample std of 0..5
    }

    [Fact]
    public void Window_IsAViewOfTheNormalisedChannels()
    {
        var (x, y) = Values();
        using var data = Build(x, y);

        using var window = data.Window(end: 5, length: 3);                                   // days 3, 4, 5
        var scale = data.Normalisation.Inputs[0];

        Assert.Equal([3L, C, Y, X], window.shape);
        Assert.Equal((float)((300 - scale.Mean) / scale.Std), window[0, 0, 0, 0].item<float>(), 4);
        window[0, 0, 0, 0].fill_(42f);                                                       // writing through the view...
        Assert.Equal(42f, data.Channels[3, 0, 0, 0].item<float>());                          // ...changes the data set: no copy
    }

    [Fact]
    public void Windows_UnfoldedView_WindowIEndsOnDayIPlusLengthMinus1()
    {
        var (x, y) = Values();
        using var data = Build(x, y);

        using var windows = data.Windows(4);

        Assert.Equal([7L, 4, C, Y, X], windows.shape);
        using var expected = data.Channels.narrow(0, 2, 4);
        Assert.Equal(expected.data<float>().ToArray(), windows[2].contiguous().data<float>().ToArray());
    }

    [Fact]
    public void Batches_InOrder_ViewsWithTargetsAndDates()
    {
        var (x, y) = Values();
        using var data = Build(x, y);

        var batches = data.Batches(Training, length: 3, batchSize: 3).ToList();

        Assert.Equal([[2, 3, 4], [5]], batches.Select(b => b.Ends));                         // windows need 2 earlier days
        var first = batches[0];
        Assert.Equal([3L, 3, C, Y, X], first.Inputs.shape);
        Assert.Equal([3L, 3, 1], first.Targets.shape);
        Assert.Equal(new DateOnly(2001, 1, 3), first.EndDates[0]);
        var scale = data.Normalisation.Targets[0];
        using var last = first.LastTargets().contiguous();
        Assert.Equal(new[] { 2.0, 3.0, 4.0 }.Select(q => (q - scale.Mean) / scale.Std), last.data<float>().ToArray().Select(v => (double)v),
            (a, b) => Math.Abs(a - b) < 1e-5);
        first.Inputs[1, 2, 0, 0, 0].fill_(-7f);                                              // window 1 (ends day 3), its last day
        Assert.Equal(-7f, data.Channels[3, 0, 0, 0].item<float>());
        foreach (var b in batches) b.Dispose();
    }

    [Fact]
    public void Batches_Shuffled_SameWindowsGathered()
    {
        var (x, y) = Values();
        using var data = Build(x, y);
        var test = new Period(Start.AddDays(6), Start.AddDays(9));

        var batches = data.Batches(test, length: 2, batchSize: 10, generator: new Generator(1)).ToList();

        var batch = Assert.Single(batches);
        Assert.Equal([6, 7, 9], batch.Ends.Order());                                         // day 8 has no observed target
        for (var i = 0; i < batch.Size; i++)
        {
            using var expected = data.Window(batch.Ends[i], 2);
            Assert.Equal(expected.contiguous().data<float>().ToArray(), batch.Inputs[i].contiguous().data<float>().ToArray());
        }
        batch.Dispose();
    }

    [Fact]
    public void Constructor_NaNChannelsBecomeZero_GapInDatesRejected()
    {
        var (x, y) = Values();
        x[0] = float.NaN;
        using var data = Build(x, y);

        Assert.Equal(0f, data.Channels[0, 0, 0, 0].item<float>());
        Assert.True(float.IsNaN(data.Targets[8, 0].item<float>()));
        using var channels = tensor(x).reshape(T, C, Y, X);
        using var targets = tensor(y).reshape(T, 1);
        var gap = Dates.Select((d, i) => i < 5 ? d : d.AddDays(1)).ToArray();
        var e = Assert.Throws<ArgumentException>(() => new GriddedDataSet(channels, ["rain", "temperature"], targets, ["discharge"],
            gap, Training));
        Assert.Contains("2001-01-05 is followed by 2001-01-07", e.Message);
    }

    [Fact]
    public void StackChannels_MapsNorthUpAndStaticsRepeated()
    {
        GriddedVariable Map(string name, float offset) => new()
        {
            Name = name,
            DimensionNames = ["time", "lat", "lon"],
            Shape = [2, 2, 1],
            Data = [offset + 0, offset + 1, offset + 2, offset + 3],
            Latitude = [46.75, 47.25],                                                      // south first: flipped
            Longitude = [3.75],
            Time = [Start, Start.AddDays(1)],
            LatitudeDimension = "lat",
            LongitudeDimension = "lon",
            TimeDimension = "time",
        };

        using var stack = GriddedDataSet.StackChannels([Map("p", 0), Map("t", 10)], [[7f, 8f]]);

        Assert.Equal([2L, 3, 2, 1], stack.shape);
        Assert.Equal([1f, 0, 11, 10, 7, 8, 3, 2, 13, 12, 7, 8], stack.data<float>().ToArray());
    }

    [RealDataFact("rhine_meuse_30min_grdc")]
    public void Constructor_RhineMeuseForcingAndLobith_TrainingTargetsNormalisedToZeroMean()
    {
        var folder = TestPaths.RealData("rhine_meuse_30min_grdc");
        var rain = GriddedFile.Read(Path.Combine(folder, "forcing", "precipitation_2001to2010.nc"), "precipitation");
        var temperature = GriddedFile.Read(Path.Combine(folder, "forcing", "temperature_2001to2010.nc"), "temperature");
        var lobith = GrdcDischarge.Read(Path.Combine(folder, "discharge", "Discharge_lobith.csv")).AlignTo(rain.Time!);
        var training = Period.Parse("2001-01-01", "2006-12-31");

        using var channels = GriddedDataSet.StackChannels([rain, temperature]);
        using var targets = tensor(lobith).reshape(-1, 1);
        using var data = new GriddedDataSet(channels, ["precipitation", "temperature"], targets, ["lobith"], rain.Time!, training);
        using var batch = data.Batches(training, length: 30, batchSize: 16).First();

        Assert.Equal([3652L, 2, 13, 17], data.Channels.shape);
        Assert.Equal([16L, 30, 2, 13, 17], batch.Inputs.shape);
        Assert.InRange(data.Normalisation.Inputs[0].Mean, 0.002, 0.004);                    // m/day
        Assert.InRange(data.Normalisation.Targets[0].Mean, 1500, 3500);                     // m³/s at Lobith
        using var trainingTargets = data.Targets.narrow(0, 0, training.Days);
        Assert.Equal(0.0, trainingTargets.mean().item<float>(), 3);
    }
}
