using HydroWorkshop.Data;
using HydroWorkshop.Models.Gridded;
using HydroWorkshop.Surrogates.Gridded;
using HydroWorkshop.TestSupport;
using Xunit;
using static TorchSharp.torch;

namespace HydroWorkshop.Surrogates.Tests.Gridded;

public sealed class GriddedSaliencyTests
{
    [Fact]
    public void GradientTimesInput_LumpedModel_NothingOutsideTheBasin()
    {
        var training = new Period(new DateOnly(2001, 1, 1), new DateOnly(2001, 3, 31));
        using var data = TinyGauges.DataSet(120, training);
        manual_seed(8);
        using var model = new LumpedGaugeLstm(1, TinyGauges.Masks(), hiddenSize: 4);
        var maps = GriddedSaliency.GradientTimesInput(model, data, new Period(new DateOnly(2001, 4, 1), new DateOnly(2001, 4, 30)),
            target: 0);
        var map = Assert.Single(maps);                                     // one channel
        Assert.Equal(1.0, map.Sum(), 4);
        for (var r = 0; r < TinyGauges.Size; r++)
            for (var c = 0; c < TinyGauges.Size; c++)
                if (c >= TinyGauges.Size / 2) Assert.Equal(0f, map[r * TinyGauges.Size + c]);
                else Assert.True(map[r * TinyGauges.Size + c] > 0);
    }
}
