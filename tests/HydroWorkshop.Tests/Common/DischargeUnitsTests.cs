using HydroWorkshop.Common;
using Xunit;

namespace HydroWorkshop.Tests.Common;

public sealed class DischargeUnitsTests
{
    [Fact]
    public void CubicFeetPerSecondToMillimetresPerDay_HandComputed_Matches()
    {
        // 4.30 ft3/s * 0.028316846592 m3/ft3 * 86400 s / 114169652 m2 = 0.092146 mm/day.
        Assert.Equal(0.092146, DischargeUnits.CubicFeetPerSecondToMillimetresPerDay(4.30, 114169652), 6);
        // 255 ft3/s over 587.675987 km2 (01022500): 1.061600 mm/day.
        Assert.Equal(1.061600, DischargeUnits.CubicFeetPerSecondToMillimetresPerDay(255, 587675987), 6);
        Assert.Equal(0.028316846592, DischargeUnits.CubicFootInCubicMetres, 12);
    }
}
