using System.Globalization;

namespace HydroWorkshop.Data;

/// <summary>A range of days, both ends included (train, validation or test period).</summary>
public readonly record struct Period(DateOnly Start, DateOnly End)
{
    /// <summary>A period from ISO dates: <c>Period.Parse("1999-10-01", "2008-09-30")</c>.</summary>
    public static Period Parse(string start, string end)
    {
        var period = new Period(ParseDate(start, nameof(start)), ParseDate(end, nameof(end)));
        if (period.End < period.Start) throw new ArgumentException($"period ends ({end}) before it starts ({start})");
        return period;
    }

    public int Days => End.DayNumber - Start.DayNumber + 1;

    public bool Contains(DateOnly date) => date >= Start && date <= End;

    public override string ToString() => $"{Start:yyyy-MM-dd}..{End:yyyy-MM-dd}";

    private static DateOnly ParseDate(string text, string argument) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d
            : throw new ArgumentException($"'{text}' is not a date (yyyy-MM-dd)", argument);
}
