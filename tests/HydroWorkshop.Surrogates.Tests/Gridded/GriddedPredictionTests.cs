using HydroWorkshop.Data;
using HydroWorkshop.Models.Gridded;
using HydroWorkshop.Surrogates.Gridded;
using HydroWorkshop.TestSupport;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace HydroWorkshop.Surrogates.Tests.Gridded;

public sealed class GriddedPredictionTests
{
    /// <summary>Predicts the observed (normalised) targets shifted by one day: its scores are known.</summary>
    private sealed class Yesterday(Tensor targets) : nn.Module("yesterday"), IGriddedRegressor
    {
        public int InputChannels => 1;

        public Tensor forward(Tensor inputs)
        {
            var days = inputs.size(1);
            var observed = targets.narrow(0, 0, days).nan_to_num(0.0);
            return cat([observed.narrow(0, 0, 1), observed.narrow(0, 0, days - 1)], 0).unsqueeze(0);
        }
    }

    [Fact]
    public void Of_PersistenceModel_PhysicalUnitsAndKnownNse()
    {
        var training = new Period(new DateOnly(2001, 1, 1), new DateOnly(2001, 6, 30));
        using var data = TinyGauges.DataSet(300, training);
        using var model = new Yesterday(data.Targets);
        var period = new Period(new DateOnly(2001, 7, 1), new DateOnly(2001, 10, 27));
        var prediction = GriddedPrediction.Of(model, data, period);
        Assert.Equal(new DateOnly(2001, 7, 1), prediction.Dates[0]);
        Assert.Equal(119, prediction.Dates.Length);
        // Physical units: the prediction on day d is the observation of day d − 1.
        for (var d = 1; d < prediction.Dates.Length; d++) Assert.Equal(prediction.Observed[1][d - 1], prediction.Predicted[1][d], 4);
        var observed = prediction.Observed[0];
        var mean = observed.Average();
        var expected = 1 - prediction.Observed[0].Select((o, d) => Math.Pow(o - prediction.Predicted[0][d], 2)).Sum()
            / observed.Sum(o => (o - mean) * (o - mean));
        Assert.Equal(expected, prediction.Nse(0), 6);
    }
}
