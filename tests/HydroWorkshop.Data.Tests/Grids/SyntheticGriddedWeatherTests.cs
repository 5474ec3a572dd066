using HydroWorkshop.Data.Grids;
using Xunit;

namespace HydroWorkshop.Data.Tests.Grids;

public sealed class SyntheticGriddedWeatherTests
{
    private static readonly Lazy<(float[] Elevation, SyntheticMaps Maps)> TenYears = new(() =>
    {
        var elevation = SyntheticGriddedWeather.Elevation(SyntheticRiverNetwork.Grid, 1);
        return (elevation, SyntheticGriddedWeather.Generate(SyntheticRiverNetwork.Grid, elevation, new DateOnly(2001, 1, 1), 3652, 1));
    });

    private static int Cells => SyntheticRiverNetwork.Grid.Cells;
    private static int Columns => SyntheticRiverNetwork.Grid.Columns;

    private static double Correlation(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        var (ma, mb) = (a.Average(), b.Average());
        var cov = a.Select((x, i) => (x - ma) * (b[i] - mb)).Sum();
        return cov / Math.Sqrt(a.Sum(x => (x - ma) * (x - ma)) * b.Sum(x => (x - mb) * (x - mb)));
    }

    [Fact]
    public void Generate_TenYears_RainAveragesTheRealForcingsMeanWithDryAndStormyDays()
    {
        var rain = TenYears.Value.Maps.Precipitation;

        Assert.Equal(3652 * Cells, rain.Length);
        Assert.Equal(SyntheticGriddedWeather.MeanPrecipitation, rain.Average(v => (double)v), 2);
        Assert.All(rain, v => Assert.True(v >= 0 && float.IsFinite(v)));
        var dry = rain.Count(v => v == 0) / (double)rain.Length;
        Assert.InRange(dry, 0.1, 0.6);
        Assert.InRange(rain.Max(), 40, 200);                                              // storms, not drizzle
    }

    [Fact]
    public void Generate_TenYears_RainFieldsAreCoherentAndDriftEast()
    {
        // What makes it a video a ConvLSTM can learn from: neighbours rain together, and today's rain in a cell is
        // tomorrow's rain east of it more than west of it.
        var rain = TenYears.Value.Maps.Precipitation;
        var days = rain.Length / Cells;
        double[] Series(int row, int column, int shift) =>
            Enumerable.Range(1, days - 2).Select(d => (double)rain[(d + shift) * Cells + row * Columns + column]).ToArray();
        var (row, column) = (6, 7);

        Assert.True(Correlation(Series(row, column, 0), Series(row, column + 1, 0)) > 0.6, "neighbouring cells rain together");
        var east = Correlation(Series(row, column, 0), Series(row, column + 2, 1));
        var west = Correlation(Series(row, column, 0), Series(row, column - 2, 1));
        Assert.True(east > west + 0.1, $"rain moves east: corr(today here, tomorrow 2 cells east) {east:F2}, west {west:F2}");
    }

    [Fact]
    public void Generate_TenYears_MountainsColderAndSummersWarmer()
    {
        var (elevation, maps) = TenYears.Value;
        var days = maps.Temperature.Length / Cells;
        double CellMean(int i) => Enumerable.Range(0, days).Average(d => (double)maps.Temperature[d * Cells + i]);
        var high = Enumerable.Range(0, Cells).Where(i => elevation[i] > 1000).ToArray();
        var low = Enumerable.Range(0, Cells).Where(i => elevation[i] < 300).ToArray();
        double Month(int month) => Enumerable.Range(0, days).Where(d => new DateOnly(2001, 1, 1).AddDays(d).Month == month)
            .Average(d => Enumerable.Range(0, Cells).Average(i => (double)maps.Temperature[d * Cells + i]));

        Assert.NotEmpty(high);
        Assert.True(low.Average(CellMean) - high.Average(CellMean) > 4, "a lapse rate: 1,000 m and more is at least 4 °C colder");
        Assert.InRange(Month(7) - Month(1), 12, 22);
        Assert.InRange(maps.Temperature.Average(v => (double)v), 6, 11);                   // the real forcing: 8.7 °C
    }

    [Fact]
    public void Elevation_Grid_AlpsInTheSouthEastAndLowlandsInTheNorthWest()
    {
        var elevation = TenYears.Value.Elevation;

        Assert.All(elevation, h => Assert.True(h >= 0));
        Assert.True(elevation[12 * Columns + 14] > 1200, "the Alps");
        Assert.True(elevation[0 * Columns + 2] < 150, "the Dutch lowlands");
        Assert.Equal(elevation, SyntheticGriddedWeather.Elevation(SyntheticRiverNetwork.Grid, 1));
        Assert.NotEqual(elevation, SyntheticGriddedWeather.Elevation(SyntheticRiverNetwork.Grid, 2));
    }
}
