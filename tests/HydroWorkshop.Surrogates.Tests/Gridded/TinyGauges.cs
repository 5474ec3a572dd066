using HydroWorkshop.Data;
using HydroWorkshop.Data.Grids;
using HydroWorkshop.Surrogates.Gridded;
using static TorchSharp.torch;

namespace HydroWorkshop.Surrogates.Tests.Gridded;

/// <summary>A 6 × 6 grid with two basins (left and right halves) and synthetic rain whose discharge is known: each
/// gauge's specific discharge is a linear reservoir (k = 0.3 per day) fed by its basin's mean rain. A model that learns
/// where each basin is can reach an NSE near 1; one that cannot, not.</summary>
internal static class TinyGauges
{
    public const int Size = 6;
    public static readonly DateOnly Start = new(2001, 1, 1);

    public static GaugeMasks Masks()
    {
        var left = new float[Size * Size];
        var right = new float[Size * Size];
        for (var r = 0; r < Size; r++)
            for (var c = 0; c < Size; c++) (c < Size / 2 ? left : right)[r * Size + c] = 100f;
        return new GaugeMasks(["left", "right"], [left, right], Size, Size);
    }

    /// <summary>days of rain [days, 1, 6, 6] (gamma-like showers, independent per half) and discharge [days, 2].</summary>
    public static GriddedDataSet DataSet(int days, Period training, int seed = 3)
    {
        var random = new Random(seed);
        var rain = new float[days * Size * Size];
        var discharge = new float[days * 2];
        double storeLeft = 0, storeRight = 0;
        for (var d = 0; d < days; d++)
        {
            double sumLeft = 0, sumRight = 0;
            for (var r = 0; r < Size; r++)
                for (var c = 0; c < Size; c++)
                {
                    var wet = random.NextDouble() < 0.3 ? -Math.Log(1 - random.NextDouble()) * 5 : 0;
                    rain[(d * Size + r) * Size + c] = (float)wet;
                    if (c < Size / 2) sumLeft += wet; else sumRight += wet;
                }
            storeLeft += sumLeft / 18;
            storeRight += sumRight / 18;
            var (outLeft, outRight) = (0.3 * storeLeft, 0.3 * storeRight);
            storeLeft -= outLeft;
            storeRight -= outRight;
            discharge[d * 2] = (float)outLeft;
            discharge[d * 2 + 1] = (float)outRight;
        }
        using var channels = tensor(rain).reshape(days, 1, Size, Size);
        using var targets = tensor(discharge).reshape(days, 2);
        return new GriddedDataSet(channels, ["rain"], targets, ["left", "right"], Enumerable.Range(0, days).Select(Start.AddDays).ToArray(), training);
    }
}
