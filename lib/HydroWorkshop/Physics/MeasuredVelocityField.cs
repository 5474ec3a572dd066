using System.Globalization;
using System.Text.RegularExpressions;

namespace HydroWorkshop.Physics;

/// <summary>
/// Surface velocities measured at scattered points at one instant, e.g. <c>building_vel_t01.txt</c> of the
/// Soares-Frazão and Zech (2007) isolated-building experiment: a title line (<c>Velocity field t=1s</c>), a line of
/// column titles, then tab-separated rows <c>x (m), y (m), u (m/s), v (m/s)</c>; CRLF or LF line ends. The points are
/// not a raster, and the field covers the camera's view whether or not water is there (dry points read about 0).
/// </summary>
public sealed partial class MeasuredVelocityField
{
    private MeasuredVelocityField(double time, double[] x, double[] y, double[] u, double[] v)
    {
        Time = time;
        X = x;
        Y = y;
        VelocityX = u;
        VelocityY = v;
    }

    /// <summary>The instant (s) the title line names, on the data's own clock.</summary>
    public double Time { get; }

    /// <summary>Point positions (m), <c>[point]</c>.</summary>
    public double[] X { get; }
    public double[] Y { get; }

    /// <summary>Velocity components (m/s), <c>[point]</c>.</summary>
    public double[] VelocityX { get; }
    public double[] VelocityY { get; }

    public int Count => X.Length;

    /// <summary>Reads a velocity-field file; errors name the file, line and column.</summary>
    public static MeasuredVelocityField Read(string path)
    {
        var lines = File.ReadAllLines(path);
        if (lines.Length < 3) throw new InvalidDataException(
            $"{path}: expected a title line, a column-title line and data rows, found {lines.Length} lines");
        var title = TitleTime().Match(lines[0]);
        if (!title.Success) throw new InvalidDataException(
            $"{path}, line 1: expected a title like 'Velocity field t=1s', found '{lines[0].Trim()}'");
        var time = double.Parse(title.Groups[1].Value, CultureInfo.InvariantCulture);
        string[] columns = ["x (m)", "y (m)", "u (m/s)", "v (m/s)"];
        var values = columns.Select(_ => new List<double>()).ToArray();
        for (var n = 2; n < lines.Length; n++)
        {
            var fields = lines[n].Split('\t', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (fields.Length == 0) continue;
            if (fields.Length != columns.Length)
                throw new InvalidDataException(
                    $"{path}, line {n + 1}: expected 4 tab-separated fields (x, y, u, v), found {fields.Length}");
            for (var c = 0; c < columns.Length; c++)
            {
                if (!double.TryParse(fields[c], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
                    throw new InvalidDataException($"{path}, line {n + 1}, column '{columns[c]}': '{fields[c]}' is not a number");
                values[c].Add(value);
            }
        }
        return new MeasuredVelocityField(time, values[0].ToArray(), values[1].ToArray(), values[2].ToArray(), values[3].ToArray());
    }

    [GeneratedRegex(@"t\s*=\s*([0-9.]+)\s*s", RegexOptions.IgnoreCase)]
    private static partial Regex TitleTime();
}
