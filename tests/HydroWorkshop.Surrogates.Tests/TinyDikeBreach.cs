using System.Globalization;
using System.Text;
using HydroWorkshop.FloodData;

namespace HydroWorkshop.Surrogates.Tests;

/// <summary>
/// Tiny simulations in the dike-breach layout (<see cref="DikeBreachDataSet"/>: <c>raw_dataset/DEM/DEM_&lt;id&gt;.txt</c>,
/// <c>raw_dataset/WD/WD_&lt;id&gt;.txt</c>, 64 x 64 cells, which the reader requires): one wet cell of 1 cm at the breach
/// at frame 0, then a cone of water spreading 3 cells per frame, 0.4 m deep at the breach, on a gently tilted bed.
/// </summary>
public static class TinyDikeBreach
{
    public const int Size = DikeBreachDataSet.GridSize;

    /// <summary>Writes simulation <paramref name="id"/> of <paramref name="frames"/> frames with its breach at
    /// <paramref name="breach"/> into <paramref name="folder"/>.</summary>
    public static void Write(string folder, int id, (int Row, int Column) breach, int frames = 6)
    {
        var dem = Path.Combine(folder, "raw_dataset", "DEM");
        var wd = Path.Combine(folder, "raw_dataset", "WD");
        Directory.CreateDirectory(dem);
        Directory.CreateDirectory(wd);
        var bed = new StringBuilder();
        for (var k = 0; k < Size * Size; k++)
            bed.Append(CultureInfo.InvariantCulture,
                $"{100.0 * (k % Size + 0.5)} {100.0 * (k / Size + 0.5)} {0.01 * (k / Size + k % Size) + 0.001 * id:F5}\n");
        File.WriteAllText(Path.Combine(dem, $"DEM_{id}.txt"), bed.ToString());
        var depth = new StringBuilder();
        for (var t = 0; t < frames; t++)
        {
            var row = Depth(t, breach).Select(d => d.ToString("F4", CultureInfo.InvariantCulture));
            depth.Append(string.Join(' ', row)).Append('\n');
        }
        File.WriteAllText(Path.Combine(wd, $"WD_{id}.txt"), depth.ToString());
    }

    /// <summary>Depth (m) of frame <paramref name="t"/>, [y, x] row-major.</summary>
    public static float[] Depth(int t, (int Row, int Column) breach)
    {
        var depth = new float[Size * Size];
        for (var k = 0; k < depth.Length; k++)
        {
            var distance = Math.Sqrt(Math.Pow(k / Size - breach.Row, 2) + Math.Pow(k % Size - breach.Column, 2));
            depth[k] = t == 0 ? (distance == 0 ? 0.01f : 0f) : (float)Math.Round(Math.Max(0, 0.4 * (1 - distance / (3.0 * t))), 4);
        }
        return depth;
    }
}
