using TorchSharp;
using static TorchSharp.torch;

namespace HydroWorkshop.Surrogates;

public static partial class MapMetrics
{
    /// <summary>
    /// Nash–Sutcliffe efficiency of every cell's depth series, <c>[y, x]</c> (float32, dimensionless):
    /// NSE(y, x) = 1 − Σ_t (p − o)² / Σ_t (o − mean_t(o))², over the steps where the observation is finite.
    /// Nash &amp; Sutcliffe (1970), J. Hydrol. 10(3). 1 is perfect, 0 as good as the cell's observed mean.
    /// NaN where the observed series is constant (a cell that stays dry, or fully wet at one depth: the
    /// denominator is 0 and no predictor is better than the mean), where no step is valid, and where the
    /// prediction is NaN at a valid step. Meant for long series; over a short roll-out most cells are NaN or noisy.
    /// </summary>
    /// <param name="predicted">[time, y, x] depths, m.</param>
    /// <param name="observed">[time, y, x] depths, m (NaN = no data).</param>
    /// <returns>A new [y, x] float32 CPU tensor; the caller owns it (it joins the current dispose scope, if any).</returns>
    public static Tensor CellNse(Tensor predicted, Tensor observed)
    {
        var (p, o, shape) = ReadMaps(predicted, observed);
        var nse = CellNse(p, o, shape);
        return torch.tensor(Array.ConvertAll(nse, v => (float)v), [shape[1], shape[2]]);
    }

    /// <summary><see cref="CellNse(Tensor, Tensor)"/> on row-major <c>[time, y, x]</c> arrays; returns the
    /// <c>[y, x]</c> NSE row-major, in double precision.</summary>
    public static double[] CellNse(float[] predicted, float[] observed, int[] shape)
    {
        var (time, cells) = CheckArrays(predicted, observed, shape);
        var count = new int[cells];
        var sum = new double[cells];
        var lowest = new float[cells];
        var highest = new float[cells];
        Array.Fill(lowest, float.PositiveInfinity);
        Array.Fill(highest, float.NegativeInfinity);
        for (var t = 0; t < time; t++)
        {
            for (var c = 0; c < cells; c++)
            {
                var o = observed[t * cells + c];
                if (!float.IsFinite(o)) continue;
                count[c]++;
                sum[c] += o;
                lowest[c] = Math.Min(lowest[c], o);
                highest[c] = Math.Max(highest[c], o);
            }
        }
        var squaredError = new double[cells];
        var variance = new double[cells];
        for (var t = 0; t < time; t++)
        {
            for (var c = 0; c < cells; c++)
            {
                var o = observed[t * cells + c];
                if (!float.IsFinite(o)) continue;
                var error = (double)predicted[t * cells + c] - o;   // NaN prediction propagates: the cell's NSE is NaN
                var anomaly = o - sum[c] / count[c];
                squaredError[c] += error * error;
                variance[c] += anomaly * anomaly;
            }
        }
        var nse = new double[cells];
        for (var c = 0; c < cells; c++)
        {
            // "Constant" is tested on the values themselves rather than on a variance of exactly 0, which would
            // hold only as long as the double mean of the float depths is exact.
            nse[c] = count[c] == 0 || lowest[c] == highest[c] ? double.NaN : 1 - squaredError[c] / variance[c];
        }
        return nse;
    }
}
