using HydroWorkshop.Physics.Vegetation;
using Xunit;

namespace HydroWorkshop.Physics.Tests.Vegetation;

public class DisturbanceRegimeTests
{
    static readonly DateOnly Start = new(2001, 1, 1);

    [Fact]
    public void Draw_SameSeed_SameEventsAndDifferentSeed_DifferentEvents()
    {
        var regime = new DisturbanceRegime();
        var first = regime.Draw(3652, 13, 17, Start, 42);
        Assert.Equal(first, regime.Draw(3652, 13, 17, Start, 42));
        Assert.NotEqual(first, regime.Draw(3652, 13, 17, Start, 43));
        Assert.NotEmpty(first);
    }

    [Fact]
    public void Draw_ManyEvents_RespectSeasonsGridAndSeverityRange()
    {
        var regime = new DisturbanceRegime { StormRate = 0.05, FireRate = 0.05, ClearCutRate = 0.05 };
        var events = regime.Draw(3652, 13, 17, Start, 1);
        Assert.True(events.Count > 100, $"only {events.Count} events");
        foreach (var e in events)
        {
            int month = Start.AddDays(e.Day).Month;
            if (e.Kind == DisturbanceKind.Storm) Assert.True(month is >= 10 or <= 3, $"storm in month {month}");
            if (e.Kind == DisturbanceKind.Fire) Assert.InRange(month, 6, 9);
            Assert.InRange(e.Row, 0, 12);
            Assert.InRange(e.Column, 0, 16);
            Assert.InRange(e.Severity, 0.1, 0.8);
        }
        Assert.Equal(events.OrderBy(e => e.Day).Select(e => e.Day), events.Select(e => e.Day));
    }

    [Fact]
    public void Draw_RateTen_TimesMoreEventsThanRateOne()
    {
        int Count(double rate) =>
            new DisturbanceRegime { StormRate = rate, FireRate = 0, ClearCutRate = 0 }.Draw(3652, 13, 17, Start, 9).Count;
        int low = Count(0.01), high = Count(0.1);
        Assert.InRange(high / (double)low, 6, 15);
    }

    [Fact]
    public void Draw_None_IsEmpty()
    {
        Assert.Empty(DisturbanceRegime.None.Draw(3652, 13, 17, Start, 5));
    }
}
