using System.Globalization;

namespace HydroWorkshop.Plotting;

/// <summary>
/// Tick values and labels for a log axis that say their value ("0.2", "0.5", "1", "2"). plotly.js labels the ticks
/// between powers of ten with their leading digit only, in small type, so a loss axis read "2, 1, 5, 2, 0.1".
/// </summary>
internal static class LogTicks
{
    /// <summary>Mantissas per decade, densest first; the densest with at most <see cref="MaxTicks"/> ticks in the data's range
    /// wins.</summary>
    private static readonly double[][] Mantissas = [[1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 2, 3, 5], [1, 2, 5], [1, 3], [1]];

    /// <summary>At most this many labelled ticks (about 30 px apart on a 250 px axis).</summary>
    public const int MaxTicks = 8;

    /// <summary>Sets <c>tickvals</c>/<c>ticktext</c> on a log <paramref name="axis"/> for the positive finite
    /// <paramref name="values"/> drawn on it. Where the data span less than a few ticks' worth (under about half a
    /// decade), plotly.js's own linear ticks are already full numbers and the axis is left as it is.</summary>
    public static void Apply(Axis axis, IEnumerable<double> values)
    {
        var positive = values.Where(v => double.IsFinite(v) && v > 0).ToArray();
        if (positive.Length == 0) return;
        var (low, high) = (positive.Min(), positive.Max());
        var ticks = Mantissas.Select(m => Candidates(m, low, high)).FirstOrDefault(t => InRange(t, low, high) <= MaxTicks);
        if (ticks is null)
        {
            // More than MaxTicks decades: every k-th power of ten.
            var powers = Candidates([1], low, high);
            var every = (int)Math.Ceiling(InRange(powers, low, high) / (double)MaxTicks);
            ticks = powers.Where((_, i) => i % every == 0).ToArray();
        }
        if (InRange(ticks, low, high) < 3) return;
        axis.Set("tickmode", "array");
        axis.Set("tickvals", ticks);
        axis.Set("ticktext", ticks.Select(Label).ToArray());
    }

    /// <summary>m · 10^k for every k from one decade below <paramref name="low"/> to one above <paramref name="high"/>
    /// (plotly pads the range a little; ticks outside it are not drawn).</summary>
    private static double[] Candidates(double[] mantissas, double low, double high)
    {
        var first = (int)Math.Floor(Math.Log10(low)) - 1;
        var last = (int)Math.Ceiling(Math.Log10(high)) + 1;
        return Enumerable.Range(first, last - first + 1)
            .SelectMany(k => mantissas.Select(m => double.Parse($"{m}e{k}", CultureInfo.InvariantCulture)))
            .ToArray();
    }

    private static int InRange(double[] ticks, double low, double high) => ticks.Count(t => t >= low * 0.999 && t <= high * 1.001);

    /// <summary>Plain decimals from 0.0001 to 100 000 ("0.02", "5000"), otherwise "2e-05".</summary>
    private static string Label(double value) => value is >= 1e-4 and < 1e5
        ? value.ToString("0.#####", CultureInfo.InvariantCulture)
        : value.ToString("0e+0", CultureInfo.InvariantCulture);
}
