using HydroWorkshop.Data.Synthetic;
using Xunit;

namespace HydroWorkshop.Data.Tests;

public class WeatherGeneratorTests
{
    [Fact]
    public void Solar_DayLength_MatchesAstronomy()
    {
        // Equator: 12 h all year; 45 N at the June solstice: about 15.4 h; polar night at 80 N in December.
        Assert.Equal(12 * 3600, WeatherGenerator.Solar(0, 80).DayLengthSeconds, 0);
        Assert.Equal(15.4, WeatherGenerator.Solar(45 * Math.PI / 180, 172).DayLengthSeconds / 3600, 1);
        Assert.Equal(0, WeatherGenerator.Solar(80 * Math.PI / 180, 355).DayLengthSeconds, 3);
    }

    [Fact]
    public void Generate_LongRun_MeetsTheBasinsClimate()
    {
        var basin = SyntheticBasin.Draw(42, 0);
        var weather = WeatherGenerator.Generate(basin, new DateOnly(1980, 1, 1), 40 * 365, new SeededRandom(9));
        // Mean precipitation is the basin's by construction (Markov chain stationary wet fraction times wet-day mean).
        Assert.Equal(basin.PrecipitationMean, weather.Precipitation.Average(v => (double)v), basin.PrecipitationMean * 0.06);
        var wet = weather.Precipitation.Count(v => v > 0) / (double)weather.Precipitation.Length;
        Assert.Equal(basin.WetAfterDry / (1 - basin.WetAfterWet + basin.WetAfterDry), wet, 0.05);
        Assert.All(weather.MaxTemperature.Zip(weather.MinTemperature), p => Assert.True(p.First > p.Second));
        Assert.All(weather.VapourPressure, v => Assert.True(v > 0));
    }
}
