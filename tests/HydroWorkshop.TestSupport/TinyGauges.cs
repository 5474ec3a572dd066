using HydroWorkshop.Data;
using HydroWorkshop.Data.Grids;
using HydroWorkshop.Models.Gridded;
using static TorchSharp.torch;

namespace HydroWorkshop.TestSupport;

/// <summary>A 6 × 6 grid with two basins (left and right halves) and synthetic rain whose discharge is known: each
/// gauge's specific discharge is a linear reservoir (k = 0.3 per day) fed by its basin's mean rain. A model that learns
/// where each basin is can reach an NSE near 1; one that cannot, not.</summary>
public static class TinyGauges
{
    public const int Size = 6;
    public static readonly DateOnly Start = new(2001, 1, 1);

    /// <summary>Both basins; their flow distances: each drains down its column to the bottom row, then along it to its
    /// outer corner (left basin to column 0, right basin to column 5), one LDD step per cell.</summary>
    public static GaugeMasks Masks()
    {
        var left = new float[Size * Size];
        var right = new float[Size * Size];
        var (stepsLeft, stepsRight) = (Enumerable.Repeat(-1, Size * Size).ToArray(), Enumerable.Repeat(-1, Size * Size).ToArray());
        for (var r = 0; r < Size; r++)
            for (var c = 0; c < Size; c++)
            {
                var isLeft = c < Size / 2;
                (isLeft ? left : right)[r * Size + c] = 100f;
                (isLeft ? stepsLeft : stepsRight)[r * Size + c] = (Size - 1 - r) + (isLeft ? c : Size - 1 - c);
            }
        return new GaugeMasks(["left", "right"], [left, right], Size, Size, [stepsLeft, stepsRight]);
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
        return new GriddedDataSet(channels, ["rain"], targets, ["left", "right"],
            Enumerable.Range(0, days).Select(Start.AddDays).ToArray(), training);
    }
}
