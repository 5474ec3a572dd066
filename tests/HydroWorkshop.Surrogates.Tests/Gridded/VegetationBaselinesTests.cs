using HydroWorkshop.Data;
using HydroWorkshop.Data.Grids;
using HydroWorkshop.Surrogates.Gridded;
using Xunit;

namespace HydroWorkshop.Surrogates.Tests.Gridded;

public sealed class VegetationBaselinesTests
{
    private static readonly DateOnly Start = new(2001, 1, 1);
    private static readonly DateOnly[] Dates = Enumerable.Range(0, 4 * 365 + 1).Select(Start.AddDays).ToArray();   // 2001–2004
    private static readonly Period Training = new(new DateOnly(2001, 1, 1), new DateOnly(2002, 12, 31));
    private static readonly Period Test = new(new DateOnly(2004, 1, 1), new DateOnly(2004, 12, 31));             // a leap year

    /// <summary>Cells [y * x] of a 1 × 3 grid: cover per cell, land per cell, LAI from (cell, date).</summary>
    private static VegetationMaps Maps(int[] cover, bool[] land, Func<int, DateOnly, float> lai, Func<int, DateOnly, float>? process = null)
    {
        GriddedVariable Variable(string name, Func<int, DateOnly, float> value) => new()
        {
            Name = name, DimensionNames = ["time", "lat", "lon"], Shape = [Dates.Length, 1, cover.Length],
            LatitudeDimension = "lat", LongitudeDimension = "lon", TimeDimension = "time",
            Data = Dates.SelectMany(d => Enumerable.Range(0, cover.Length).Select(i => value(i, d))).ToArray(),
        };
        return new VegetationMaps(Variable("lai", lai), process is null ? null : Variable("simple_lai", process), cover, land);
    }

    /// <summary>A yearly cycle on the 365-day calendar the baseline uses (29 February is 28 February).</summary>
    private static float Season(DateOnly d)
    {
        var folded = d is { Month: 2, Day: 29 } ? d.AddDays(-1) : d;
        var doy = new DateOnly(2001, folded.Month, folded.Day).DayOfYear;
        return (float)Math.Sin(2 * Math.PI * doy / 365);
    }

    [Fact]
    public void ClassClimatology_LaiSetByClassAndDayOfYear_ScoresNseOneOnALeapYear()
    {
        // Cell 0 cropland-like (class 1), cell 1 forest-like (class 3), cell 2 off land.
        var maps = Maps([1, 3, 0], [true, true, false], (i, d) => i == 0 ? 1 + Season(d) : 4 + 0.5f * Season(d));
        var baseline = VegetationBaselines.ClassClimatology(maps, Dates, Training, Test, halfWindowDays: 0);
        Assert.Equal(366, baseline.Dates.Length);
        Assert.Equal(1.0, baseline.Nse(0), 6);
        Assert.Equal(1.0, baseline.Nse(1), 6);
        Assert.True(double.IsNaN(baseline.Nse(2)));
        Assert.Equal(["cell_0_0", "cell_0_1", "cell_0_2"], baseline.TargetNames);
    }

    [Fact]
    public void ClassClimatology_TwoCellsOfOneClass_PredictsTheirMeanForBoth()
    {
        // Same class, opposite anomalies: the class's cycle is their mean, so both get 2 + season, not their own level.
        var maps = Maps([2, 2, 2], [true, true, false], (i, d) => 2 + Season(d) + (i == 0 ? 0.7f : -0.7f));
        var baseline = VegetationBaselines.ClassClimatology(maps, Dates, Training, Test, halfWindowDays: 3);
        var day = Array.IndexOf(baseline.Dates, new DateOnly(2004, 7, 1));
        var expected = Enumerable.Range(-3, 7).Average(k => 2 + Season(new DateOnly(2001, 7, 1).AddDays(k)));
        Assert.Equal(expected, baseline.Predicted[0][day], 5);
        Assert.Equal(expected, baseline.Predicted[1][day], 5);
        Assert.True(double.IsNaN(baseline.Predicted[2][day]));                       // off land: no class, no prediction
    }

    [Fact]
    public void ProcessModel_SimpleLai_IsThePredictionOnLand()
    {
        var maps = Maps([1, 3, 0], [true, true, false], (i, d) => 1 + Season(d), (i, d) => 1 + 0.5f * Season(d));
        var process = VegetationBaselines.ProcessModel(maps, Dates, Test);
        var day = Array.IndexOf(process.Dates, new DateOnly(2004, 3, 1));
        Assert.Equal(1 + 0.5f * Season(new DateOnly(2004, 3, 1)), process.Predicted[0][day], 5);
        Assert.True(process.Nse(0) < 1);
        Assert.True(double.IsNaN(process.Predicted[2][day]));
        var noProcess = Maps([1, 3, 0], [true, true, false], (i, d) => 1f);
        var error = Assert.Throws<ArgumentException>(() => VegetationBaselines.ProcessModel(noProcess, Dates, Test));
        Assert.Contains("no simple_lai", error.Message);
    }
}
