using HydroWorkshop.Data.Grids;
using Xunit;

namespace HydroWorkshop.Data.Tests.Grids;

public class CfTimeTests
{
    [Fact]
    public void Decode_DaysSinceCapitalised_AsInTheRhineMeuseForcing()
    {
        var dates = CfTime.Decode([36525, 40176], "Days since 1901-01-01", "standard", "f.nc", "time");

        Assert.Equal([new DateOnly(2001, 1, 1), new DateOnly(2010, 12, 31)], dates);
    }

    [Fact]
    public void Decode_HoursSinceWithClock_DayOfEachValue()
    {
        var dates = CfTime.Decode([0, 23, 24, 36], "hours since 2000-02-28 12:00:00", null, "f.nc", "time");

        Assert.Equal([new DateOnly(2000, 2, 28), new DateOnly(2000, 2, 29), new DateOnly(2000, 2, 29), new DateOnly(2000, 3, 1)], dates);
    }

    [Theory]
    [InlineData("noleap")]
    [InlineData("360_day")]
    [InlineData("julian")]
    public void Decode_ModelCalendar_ThrowsNamingFileVariableAndCalendar(string calendar)
    {
        var e = Assert.Throws<DataFileException>(() => CfTime.Decode([0], "days since 2000-01-01", calendar, "lai.nc", "t"));

        Assert.Contains($"lai.nc: variable 't': calendar '{calendar}' is not supported", e.Message);
    }

    [Theory]
    [InlineData("days")]
    [InlineData("months since 2000-01-01")]
    [InlineData("days since 2000-13-01")]
    [InlineData("days since 2000-01-01 00:00 +02:00")]
    public void ParseUnits_Unsupported_Throws(string units)
    {
        var e = Assert.Throws<DataFileException>(() => CfTime.ParseUnits(units, "f.nc", "time"));

        Assert.Contains("f.nc: variable 'time'", e.Message);
    }

    [Fact]
    public void ParseUnits_SecondsWithZone_Origin()
    {
        var (unit, origin) = CfTime.ParseUnits("seconds since 1970-01-01T00:00:00Z", "f.nc", "time");

        Assert.Equal(TimeSpan.FromSeconds(1), unit);
        Assert.Equal(new DateTime(1970, 1, 1), origin);
    }
}
