using HydroWorkshop.Data;
using HydroWorkshop.Data.Grids;
using HydroWorkshop.Models.Gridded;
using static TorchSharp.torch;

namespace HydroWorkshop.Surrogates.Gridded;

/// <summary>
/// Which cells a gridded model looks at: the gradient of one target's predicted series (summed over a period) with
/// respect to every input cell and day, times the input (gradient × input, Shrikumar et al. 2017), its magnitude summed
/// over the days and averaged per channel: a map [channel][y * x] per target. High values: changing the rain (or
/// temperature) there changes the prediction a lot. Inputs are in model units (normalised), so channels compare.
/// </summary>
public static class GriddedSaliency
{
    /// <summary>|gradient × input| of target <paramref name="target"/>'s predictions summed over <paramref name="period"/>,
    /// summed over the days from <paramref name="warmupDays"/> before the period to its end, per channel:
    /// [channel][y * x], each map scaled to sum to 1. The sequence starts there (not on the record's first day) because
    /// back-propagating through ten years of daily steps holds every step's activations in memory.</summary>
    public static float[][] GradientTimesInput(nn.Module model, GriddedDataSet data, Period period, int target, int warmupDays = 365)
    {
        var regressor = model as IGriddedRegressor
            ?? throw new ArgumentException($"{model.GetType().Name} is not an IGriddedRegressor", nameof(model));
        var days = Enumerable.Range(0, data.Days).Where(d => period.Contains(data.Dates[d])).ToArray();
        if (days.Length == 0) throw new ArgumentException($"no day of {period} in the data", nameof(period));
        var wasTraining = model.training;
        model.eval();
        try
        {
            using var scope = NewDisposeScope();
            var start = Math.Max(0, days[0] - warmupDays);
            // [1, T, c, y, x]
            var inputs = data.Channels.narrow(0, start, days[^1] + 1 - start).unsqueeze(0).detach().requires_grad_(true);
            var predicted = regressor.forward(inputs)[0];                                                       // [T, k]
            predicted.narrow(0, days[0] - start, days.Length).select(1, target).sum().backward();
            var importance = (inputs.grad! * inputs).abs().sum([0, 1]);                                         // [c, y, x]
            importance = importance / importance.sum([1, 2], keepdim: true).clamp_min(1e-12);
            var channels = (int)importance.size(0);
            return Enumerable.Range(0, channels).Select(c => importance[c].flatten().to(float32).data<float>().ToArray()).ToArray();
        }
        finally
        {
            model.zero_grad();
            model.train(wasTraining);
        }
    }
}
