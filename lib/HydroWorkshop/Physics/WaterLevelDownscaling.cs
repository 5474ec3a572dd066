namespace HydroWorkshop.Physics;

/// <summary>
/// Brings a coarse depth map onto the fine grid by the water level: the water of each coarse cell stands at one level L
/// over the F x F fine cells beneath it, L chosen so that the fine cells hold exactly the coarse cell's volume,
/// sum_i max(0, L − b_i) = F² h. The low fine cells get deep water and the high ones stay dry, where repeating h over the
/// block would wet them all. A coarse solver smooths the terrain away; this puts it back, at the cost of one sort per
/// wet block (the "bathtub" step of coarse-to-fine flood mapping, e.g. Schumann et al. 2014, doi:10.1002/2013WR014445).
/// </summary>
public static class WaterLevelDownscaling
{
    /// <summary>Writes the fine depth (m) of one frame.</summary>
    /// <param name="coarseDepth">Coarse depth (m), <c>[rows / F, columns / F]</c> row-major.</param>
    /// <param name="fineBed">Fine bed elevation (m), <c>[rows, columns]</c> row-major.</param>
    /// <param name="fineDepth">Output, <c>[rows, columns]</c>.</param>
    /// <param name="rows">Fine rows.</param>
    /// <param name="columns">Fine columns.</param>
    /// <param name="factor">F: fine cells per coarse cell along each axis.</param>
    public static void Apply(ReadOnlySpan<double> coarseDepth, ReadOnlySpan<float> fineBed, Span<float> fineDepth, int rows,
        int columns, int factor)
    {
        if (rows < 1 || columns < 1)
            throw new ArgumentOutOfRangeException(nameof(rows), $"the grid must have at least 1 x 1 cells (got {rows} x {columns})");
        if (factor < 1 || rows % factor != 0 || columns % factor != 0)
            throw new ArgumentOutOfRangeException(nameof(factor), factor,
                $"the factor must be at least 1 and divide the {rows} x {columns} grid");
        var (coarseRows, coarseColumns) = (rows / factor, columns / factor);
        if (coarseDepth.Length != coarseRows * coarseColumns)
            throw new ArgumentException($"coarse depth has {coarseDepth.Length} values, expected {coarseRows} x {coarseColumns}",
                nameof(coarseDepth));
        if (fineBed.Length != rows * columns)
            throw new ArgumentException($"the fine bed has {fineBed.Length} values, expected {rows} x {columns}", nameof(fineBed));
        if (fineDepth.Length != rows * columns)
            throw new ArgumentException($"the fine depth has {fineDepth.Length} values, expected {rows} x {columns}", nameof(fineDepth));
        var block = factor * factor;
        Span<double> sorted = block <= 256 ? stackalloc double[block] : new double[block];
        for (var r = 0; r < coarseRows; r++)
            for (var c = 0; c < coarseColumns; c++)
            {
                var h = coarseDepth[r * coarseColumns + c];
                for (var k = 0; k < block; k++) sorted[k] = fineBed[(r * factor + k / factor) * columns + c * factor + k % factor];
                // A NaN from a solver that blew up stays NaN (the evaluation flags it); no water, or less, is dry.
                var level = double.IsNaN(h) ? double.NaN : h > 0 ? Level(sorted, h * block) : double.NegativeInfinity;
                for (var k = 0; k < block; k++)
                {
                    var i = (r * factor + k / factor) * columns + c * factor + k % factor;
                    fineDepth[i] = double.IsNaN(level) ? float.NaN : (float)Math.Max(0, level - fineBed[i]);
                }
            }
    }

    /// <summary>The level L over the beds (sorted here, in place) that holds <paramref name="volume"/> (depth x cell units):
    /// fill the k lowest cells, L = (volume + their bed sum) / k, for the first k whose level stays below the next bed.</summary>
    internal static double Level(Span<double> beds, double volume)
    {
        beds.Sort();
        var sum = 0.0;
        for (var k = 1; k <= beds.Length; k++)
        {
            sum += beds[k - 1];
            var level = (volume + sum) / k;
            if (k == beds.Length || level <= beds[k]) return level;
        }
        throw new InvalidOperationException("unreachable: the last k always returns");
    }
}
