using System.Globalization;
using System.Text.RegularExpressions;

namespace HydroWorkshop.Data.Grids;

/// <summary>
/// Decodes a CF time coordinate ("days since 1901-01-01", "hours since 2000-01-01 00:00:00") into dates. Daily data
/// is all this library models, so each time value becomes the date it falls on (a value at 12:00 is that day).
/// Only the Gregorian calendars are decoded: a model calendar (noleap, 360_day, ...) has dates that do not exist in
/// ours, so it is an error rather than a silent shift.
/// </summary>
public static partial class CfTime
{
    /// <summary>Calendars whose dates are those of <see cref="DateOnly"/> (proleptic Gregorian; "standard" and "gregorian"
    /// agree with it after 1582-10-15).</summary>
    public static readonly IReadOnlyList<string> SupportedCalendars = ["standard", "gregorian", "proleptic_gregorian"];

    /// <summary>The dates of <paramref name="values"/> in <paramref name="units"/>.</summary>
    /// <param name="values">Time coordinate values.</param>
    /// <param name="units">CF units: "&lt;days|hours|minutes|seconds&gt; since YYYY-MM-DD[ hh:mm[:ss]][Z]" (any case).</param>
    /// <param name="calendar">The calendar attribute, or null (= standard).</param>
    /// <param name="path">The file, for errors.</param>
    /// <param name="variable">The time variable, for errors.</param>
    public static DateOnly[] Decode(IReadOnlyList<double> values, string? units, string? calendar, string path, string variable)
    {
        if (calendar is not null && !SupportedCalendars.Contains(calendar.Trim().ToLowerInvariant()))
            throw new DataFileException(path,
                $"variable '{variable}': calendar '{calendar}' is not supported (only {string.Join(", ", SupportedCalendars)})");
        var (unit, origin) = ParseUnits(units, path, variable);
        if (calendar?.Trim().ToLowerInvariant() is null or "standard" or "gregorian" && origin < new DateTime(1582, 10, 15))
            throw new DataFileException(path,
                $"variable '{variable}': '{units}' starts before 1582-10-15, where the standard calendar is Julian; not supported");
        var dates = new DateOnly[values.Count];
        for (var i = 0; i < values.Count; i++)
        {
            var v = values[i];
            if (!double.IsFinite(v)) throw new DataFileException(path, $"variable '{variable}': time value {i} is {v}");
            try
            {
                var ticks = checked((long)Math.Round(v * unit.Ticks));
                dates[i] = DateOnly.FromDateTime(origin.AddTicks(ticks));
            }
            catch (Exception e) when (e is OverflowException or ArgumentOutOfRangeException)
            {
                throw new DataFileException(path, $"variable '{variable}': time value {v} {units} is outside the years 1–9999");
            }
        }
        return dates;
    }

    /// <summary>The unit (as a time span) and origin of CF time units; throws naming the file and variable otherwise.</summary>
    public static (TimeSpan Unit, DateTime Origin) ParseUnits(string? units, string path, string variable)
    {
        var match = units is null ? null : UnitsPattern().Match(units);
        if (match is null || !match.Success)
            throw new DataFileException(path,
                $"variable '{variable}': time units '{units}' are not '<days|hours|minutes|seconds> since YYYY-MM-DD[ hh:mm:ss]'");
        var unit = match.Groups["unit"].Value.ToLowerInvariant().TrimEnd('s') switch
        {
            "day" => TimeSpan.FromDays(1),
            "hour" => TimeSpan.FromHours(1),
            "minute" => TimeSpan.FromMinutes(1),
            _ => TimeSpan.FromSeconds(1),
        };
        var zone = match.Groups["zone"].Value.ToUpperInvariant();
        if (zone is not ("" or "Z" or "UTC" or "+0" or "+00" or "+00:00" or "+0000" or "-00:00"))
            throw new DataFileException(path,
                $"variable '{variable}': time units '{units}' have a time zone offset, which is not supported");
        try
        {
            var origin = new DateTime(Int(match, "year"), Int(match, "month"), Int(match, "day"), Int(match, "hour"), Int(match, "minute"),
                0, DateTimeKind.Unspecified);
            if (match.Groups["second"].Success) origin = origin.AddSeconds(double.Parse(match.Groups["second"].Value,
                CultureInfo.InvariantCulture));
            return (unit, origin);
        }
        catch (ArgumentOutOfRangeException)
        {
            throw new DataFileException(path, $"variable '{variable}': time units '{units}' name a date that does not exist");
        }
    }

    private static int Int(Match match, string group) =>
        match.Groups[group].Success ? int.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture) : 0;

    [GeneratedRegex(@"^\s*(?<unit>days?|hours?|minutes?|seconds?)\s+since\s+(?<year>\d{1,4})-(?<month>\d{1,2})-(?<day>\d{1,2})" +
                    @"(?:[T ]+(?<hour>\d{1,2}):(?<minute>\d{1,2})(?::(?<second>\d{1,2}(?:\.\d*)?))?)?\s*(?<zone>Z|UTC|[+-]\d{1,2}(?::?\d{2})?)?\s*$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex UnitsPattern();
}
