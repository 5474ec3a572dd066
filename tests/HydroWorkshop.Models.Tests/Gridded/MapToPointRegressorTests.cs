using HydroWorkshop.Models.Gridded;
using HydroWorkshop.TestSupport;
using Xunit;
using static TorchSharp.torch;

namespace HydroWorkshop.Models.Tests.Gridded;

public sealed class MapToPointRegressorTests
{
    [Fact]
    public void Forward_Maps_OneSeriesPerGauge()
    {
        manual_seed(1);
        using var model = new MapToPointRegressor(2, TinyGauges.Masks(), hiddenChannels: 4);
        using var scope = NewDisposeScope();
        var y = model.forward(randn([3, 5, 2, TinyGauges.Size, TinyGauges.Size]));
        Assert.Equal([3L, 5, 2], y.shape);
    }

    [Fact]
    public void Forward_RainFarFromBasin_DoesNotReachItInOneDay()
    {
        // A 3 × 3 kernel moves information one cell per day: rain on the last day three columns from the left basin
        // cannot change the left gauge that day, but changes the right gauge (whose basin it falls on).
        manual_seed(2);
        using var model = new MapToPointRegressor(1, TinyGauges.Masks(), hiddenChannels: 4);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var x = randn([1, 4, 1, TinyGauges.Size, TinyGauges.Size]);
        var before = model.forward(x);
        var wetter = x.clone();
        wetter[0, 3, 0, 2, 5] += 10f;                                  // last day, far right column
        var after = model.forward(wetter);
        Assert.Equal(before[0, 3, 0].item<float>(), after[0, 3, 0].item<float>(), 6);
        Assert.NotEqual(before[0, 3, 1].item<float>(), after[0, 3, 1].item<float>(), 3);
    }

    [Fact]
    public void UseGauges_Subset_GivesSameSeriesAsThoseColumns()
    {
        manual_seed(3);
        using var model = new MapToPointRegressor(1, TinyGauges.Masks(), hiddenChannels: 4);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var x = randn([2, 3, 1, TinyGauges.Size, TinyGauges.Size]);
        var both = model.forward(x);
        model.UseGauges(TinyGauges.Masks().Select("right"));
        var right = model.forward(x);
        Assert.Equal([2L, 3, 1], right.shape);
        Assert.True(allclose(both.narrow(2, 1, 1), right, rtol: 1e-5, atol: 1e-6));
    }

    [Fact]
    public void UseGauges_WithRouting_SubsetGivesSameSeriesAsThoseColumns()
    {
        manual_seed(4);
        using var model = new MapToPointRegressor(1, TinyGauges.Masks(), hiddenChannels: 4, routingBands: 3, stepsPerBand: 2, routingDays: 4);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var x = randn([2, 6, 1, TinyGauges.Size, TinyGauges.Size]);
        var both = model.forward(x);
        model.UseGauges(TinyGauges.Masks().Select("right"));
        Assert.True(allclose(both.narrow(2, 1, 1), model.forward(x), rtol: 1e-5, atol: 1e-6));
        Assert.Contains("routing.logits", model.state_dict().Keys);
    }

    [Fact]
    public void Forward_WithRouting_FutureInputsDoNotChangeThePast()
    {
        manual_seed(5);
        using var model = new MapToPointRegressor(1, TinyGauges.Masks(), hiddenChannels: 4, routingBands: 3, stepsPerBand: 2, routingDays: 4);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var x = randn([1, 8, 1, TinyGauges.Size, TinyGauges.Size]);
        var changed = x.clone();
        changed[0, 5] = randn(1, TinyGauges.Size, TinyGauges.Size) * 10;                  // rain on day 5 only
        var (before, after) = (model.forward(x), model.forward(changed));
        Assert.True(allclose(before.narrow(1, 0, 5), after.narrow(1, 0, 5)));            // days 0-4 unchanged: causal
        Assert.False(allclose(before.narrow(1, 5, 3), after.narrow(1, 5, 3)));
    }
}
