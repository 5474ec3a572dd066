using HydroWorkshop.Physics.Vegetation;
using Xunit;

namespace HydroWorkshop.Physics.Tests.Vegetation;

public class SolarRadiationTests
{
    [Fact]
    public void Extraterrestrial_Fao56Example8_Gives32Point2()
    {
        // FAO-56 Example 8: 20 °S on 3 September (day 246): Ra = 32.2 MJ m-2 day-1.
        Assert.Equal(32.2, SolarRadiation.Extraterrestrial(-20, 246), 1);
    }

    [Fact]
    public void DayLength_Fao56Example9_Gives11Point7Hours()
    {
        // FAO-56 Example 9: same place and day, N = 11.7 h.
        Assert.Equal(11.7, SolarRadiation.DayLength(-20, 246), 1);
    }

    [Fact]
    public void Extraterrestrial_50NorthSolsticeAndMidwinter_MatchesHandComputed()
    {
        // Eq. 21-25 by hand at 50 °N: day 166 (mid-June) gives 41.7 MJ m-2 day-1, day 350 (mid-December) 7.5.
        Assert.Equal(41.7, SolarRadiation.Extraterrestrial(50, 166), 1);
        Assert.Equal(7.5, SolarRadiation.Extraterrestrial(50, 350), 1);
    }

    [Fact]
    public void Extraterrestrial_PolarNight_IsZeroNotNaN()
    {
        Assert.Equal(0, SolarRadiation.Extraterrestrial(80, 355));
        Assert.Equal(0, SolarRadiation.DayLength(80, 355), 9);
        Assert.Equal(24, SolarRadiation.DayLength(80, 172), 9);
    }

    [Fact]
    public void Extraterrestrial_LatitudeOutOfRange_Throws()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => SolarRadiation.Extraterrestrial(95, 100));
        Assert.Equal("latitudeDegrees", error.ParamName);
    }

    [Fact]
    public void Shortwave_RainyDay_IsBelowDryDay()
    {
        double ra = 40;
        Assert.Equal((0.25 + 0.5 * SolarRadiation.DryDaySunshineFraction) * ra, SolarRadiation.Shortwave(ra, 0), 12);
        Assert.True(SolarRadiation.Shortwave(ra, 5) < SolarRadiation.Shortwave(ra, 0));
    }
}
