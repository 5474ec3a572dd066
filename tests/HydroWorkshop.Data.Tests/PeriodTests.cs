using Xunit;

namespace HydroWorkshop.Data.Tests;

public class PeriodTests
{
    [Fact]
    public void Parse_WaterYears_CountsLeapDays()
    {
        var period = Period.Parse("1999-10-01", "2008-09-30");
        Assert.Equal(9 * 365 + 3, period.Days);   // 29 February 2000, 2004 and 2008
        Assert.True(period.Contains(new DateOnly(2008, 9, 30)));
        Assert.False(period.Contains(new DateOnly(2008, 10, 1)));
        Assert.Equal("1999-10-01..2008-09-30", period.ToString());
    }

    [Fact]
    public void Parse_Reversed_OrBadDate_Throws()
    {
        Assert.Contains("before it starts", Assert.Throws<ArgumentException>(() => Period.Parse("2001-01-01", "2000-01-01")).Message);
        Assert.Contains("'2001-13-01' is not a date",
            Assert.Throws<ArgumentException>(() => Period.Parse("2001-13-01", "2002-01-01")).Message);
    }
}
