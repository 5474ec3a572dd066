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
        using var model = new MapToPointRegressor(1, TinyGauges.Masks(), hiddenChannels: 4, routingBands: 3, stepsPerBand: 2,
            routingDays: 4);
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
        using var model = new MapToPointRegressor(1, TinyGauges.Masks(), hiddenChannels: 4, routingBands: 3, stepsPerBand: 2,
            routingDays: 4);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var x = randn([1, 8, 1, TinyGauges.Size, TinyGauges.Size]);
        var changed = x.clone();
        changed[0, 5] = randn(1, TinyGauges.Size, TinyGauges.Size) * 10;                  // rain on day 5 only
        var (before, after) = (model.forward(x), model.forward(changed));
        Assert.True(allclose(before.narrow(1, 0, 5), after.narrow(1, 0, 5)));            // days 0-4 unchanged: causal
        Assert.False(allclose(before.narrow(1, 5, 3), after.narrow(1, 5, 3)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public void Forward_CellRunoff_WholeGridIsTheAreaWeightedMeanOfItsHalves(int routingBands)
    {
        // Water balance: with each cell making its own runoff, a basin made of two equal halves gets the mean of their
        // specific discharges, routed or not. The basin read-out (a head on pooled features and the basin's size) does not.
        const int n = TinyGauges.Size;
        var (left, right, whole) = (new float[n * n], new float[n * n], new float[n * n]);
        var (stepsLeft, stepsRight, stepsWhole) = (new int[n * n], new int[n * n], new int[n * n]);
        for (var cell = 0; cell < n * n; cell++)
        {
            var (r, c) = (cell / n, cell % n);
            var isLeft = c < n / 2;
            var steps = (n - 1 - r) + (isLeft ? c : n - 1 - c);                           // as TinyGauges: down, then out
            (isLeft ? left : right)[cell] = 100f;
            whole[cell] = 100f;
            (stepsLeft[cell], stepsRight[cell], stepsWhole[cell]) = (isLeft ? steps : -1, isLeft ? -1 : steps, steps);
        }
        var three = new GaugeMasks(["left", "right", "whole"], [left, right, whole], n, n, [stepsLeft, stepsRight, stepsWhole]);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var x = randn([2, 6, 1, n, n]);
        foreach (var cellRunoff in new[] { true, false })
        {
            manual_seed(6);
            using var model = new MapToPointRegressor(1, three, hiddenChannels: 4, routingBands: routingBands, stepsPerBand: 2,
                routingDays: 4,
                cellRunoff: cellRunoff);
            var y = model.forward(x);                                                       // [2, 6, 3]
            var mean = (y.select(2, 0) + y.select(2, 1)) / 2;
            Assert.Equal(cellRunoff, allclose(y.select(2, 2), mean, rtol: 1e-5, atol: 1e-6));
        }
    }
}
