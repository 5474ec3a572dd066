using System.Globalization;
using System.Text;

namespace HydroWorkshop.Evaluation;

/// <summary>
/// The per-basin CSV of <c>hw evaluate</c> and <c>hw predict</c>: <c>Date</c>, then every series in mm/day with the unit
/// in its name (<c>Observed_mm_d</c>, <c>Predicted_mm_d</c>, ...), then, when the basin area is known, the same series
/// in m³/s (<c>Observed_m3s</c>, ...). Units in the header because a hydrologist opening the file in a spreadsheet
/// has nothing else to tell runoff depth from discharge. Missing values (NaN) are empty cells.
/// </summary>
internal static class PredictionCsv
{
    /// <summary>The header suffix of runoff depth (mm/day).</summary>
    public const string MillimetresPerDay = "_mm_d";

    /// <summary>The header suffix of discharge (m³/s).</summary>
    public const string CubicMetresPerSecond = "_m3s";

    /// <summary>mm/day over <paramref name="areaSquareKilometres"/> km² in m³/s: A · 10⁶ m² · 10⁻³ m / 86 400 s.</summary>
    public static double CubicMetresPerSecondPerMillimetrePerDay(double areaSquareKilometres) => areaSquareKilometres * 1000.0 / 86400.0;

    /// <summary>Writes <paramref name="columns"/> (name without unit, values in mm/day, one per date) by date.</summary>
    public static string Write(DateOnly[] dates, IReadOnlyList<(string Name, double[] MillimetresPerDay)> columns,
        double? areaSquareKilometres)
    {
        var toCubicMetres = areaSquareKilometres is { } area ? CubicMetresPerSecondPerMillimetrePerDay(area) : (double?)null;
        var text = new StringBuilder("Date");
        foreach (var (name, _) in columns) text.Append(',').Append(name).Append(MillimetresPerDay);
        if (toCubicMetres is not null)
            foreach (var (name, _) in columns) text.Append(',').Append(name).Append(CubicMetresPerSecond);
        text.Append('\n');
        for (var t = 0; t < dates.Length; t++)
        {
            text.Append(dates[t].ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            foreach (var (_, values) in columns) text.Append(',').Append(Format(values[t]));
            if (toCubicMetres is { } k)
                foreach (var (_, values) in columns) text.Append(',').Append(Format(values[t] * k));
            text.Append('\n');
        }
        return text.ToString();
    }

    /// <summary>Six significant digits; NaN as an empty cell.</summary>
    public static string Format(double value) => double.IsNaN(value) ? "" : value.ToString("G6", CultureInfo.InvariantCulture);

    /// <summary>Whether any value is observed (not NaN): <c>hw predict</c> writes an Observed column only then.</summary>
    public static bool AnyObserved(double[] observed) => observed.Any(v => !double.IsNaN(v));
}
