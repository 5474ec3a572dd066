using System.Globalization;

namespace HydroWorkshop.Plotting;

/// <summary>Colour scales and 8-bit quantisation for the depth maps. Quantised maps keep NaN (dry or no data) as a
/// reserved level whose colour is transparent, so a gap stays a gap.</summary>
internal static class MapColours
{
    /// <summary>Light to dark blue (ColorBrewer Blues without its near-white end, so shallow water is visible).</summary>
    public static readonly string[] Depth = ["#c6dbef", "#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#08519c", "#08306b"];

    /// <summary>Blue (model too shallow) through white to red (model too deep): ColorBrewer RdBu reversed.</summary>
    public static readonly string[] Error = ["#053061", "#2166ac", "#4393c3", "#92c5de", "#d1e5f0", "#f7f7f7", "#fddbc7", "#f4a582",
        "#d6604d", "#b2182b", "#67001f"];

    public const string Transparent = "rgba(0,0,0,0)";

    /// <summary>Stops spread evenly over [0, 1].</summary>
    public static object[][] Even(string[] colours) =>
        colours.Select((c, i) => new object[] { (double)i / (colours.Length - 1), c }).ToArray();

    /// <summary>u1 levels 0..254 take the colours; level 255 (NaN) is transparent.</summary>
    public static object[][] UnsignedLevels(string[] colours) =>
        colours.Select((c, i) => new object[] { Math.Round(254.0 / 255 * i / (colours.Length - 1), 6), c })
            .Append([1.0, Transparent]).ToArray();

    /// <summary>i1 levels −127..127 take the colours (0 in the middle); level −128 (NaN) is transparent.</summary>
    public static object[][] SignedLevels(string[] colours) =>
        new[] { new object[] { 0.0, Transparent } }
            .Concat(colours.Select((c, i) => new object[] { Math.Round((1 + 254.0 * i / (colours.Length - 1)) / 255, 6), c }))
            .ToArray();

    /// <summary>The smallest of 1, 2, 2.5, 5 × 10^k that is at least <paramref name="raw"/>.</summary>
    public static double NiceStep(double raw)
    {
        if (!(raw > 0) || !double.IsFinite(raw)) return 1;
        var power = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        foreach (var m in new[] { 1, 2, 2.5, 5, 10 })
            if (m * power >= raw * (1 - 1e-12)) return m * power;
        return 10 * power;
    }

    public static TypedArray QuantiseUnsigned(ReadOnlySpan<float> values, double step, int ny, int nx)
    {
        var levels = new byte[values.Length];
        for (var i = 0; i < values.Length; i++)
            levels[i] = float.IsNaN(values[i]) ? (byte)255 : (byte)Math.Clamp(Math.Round(values[i] / step), 0, 254);
        return TypedArray.UInt8(levels, ny, nx);
    }

    public static TypedArray QuantiseSigned(ReadOnlySpan<float> values, double step, int ny, int nx)
    {
        var levels = new sbyte[values.Length];
        for (var i = 0; i < values.Length; i++)
            levels[i] = float.IsNaN(values[i]) ? (sbyte)-128 : (sbyte)Math.Clamp(Math.Round(values[i] / step), -127, 127);
        return TypedArray.Int8(levels, ny, nx);
    }

    /// <summary>Colour bar ticks in physical units for a quantised axis: tick values in levels, labels in units.</summary>
    public static void LevelTicks(ColorAxis axis, double step, double low, double high)
    {
        var tick = NiceStep((high - low) / 5);
        var values = new List<double>();
        var labels = new List<string>();
        for (var v = Math.Ceiling(low / tick) * tick; v <= high + tick * 1e-9; v += tick)
        {
            values.Add(Math.Round(v / step, 6));
            labels.Add(PlotlyJson.RoundSignificant(v, 4).ToString("G4", CultureInfo.InvariantCulture));
        }
        axis.Set("colorbar.tickmode", "array");
        axis.Set("colorbar.tickvals", values.ToArray());
        axis.Set("colorbar.ticktext", labels.ToArray());
    }
}
