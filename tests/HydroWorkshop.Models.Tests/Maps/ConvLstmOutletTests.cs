using HydroWorkshop.Models.Maps;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace HydroWorkshop.Models.Tests.Maps;

public sealed class ConvLstmOutletTests
{
    [Fact]
    public void Forward_Maps_SeriesPerStep()
    {
        using var model = new ConvLstmOutlet(3, hiddenChannels: 4, targets: 2, nonNegative: true);
        using var scope = NewDisposeScope();
        var y = model.forward(randn([2, 7, 3, 6, 5]));
        Assert.Equal([2L, 7, 2], y.shape);
        Assert.True(y.min().item<float>() > 0);
    }

    [Fact]
    public void Forward_Training_LearnsCumulativeRainfall()
    {
        // Outlet "discharge" = mean rainfall over the grid in the last two steps: a ConvLSTM must find it from maps.
        manual_seed(5);
        using var model = new ConvLstmOutlet(1, hiddenChannels: 6);
        using var adam = optim.Adam(model.parameters(), lr: 1e-2);
        using var data = NewDisposeScope();
        var rain = rand([8, 10, 1, 6, 6]);
        var mean = rain.mean([2L, 3L, 4L]);                                          // [8, 10]
        var target = (mean + cat([zeros(8, 1), mean.narrow(1, 0, 9)], 1)).unsqueeze(2); // [8, 10, 1]
        double first = 0, last = 0;
        for (var step = 0; step < 150; step++)
        {
            using var scope = NewDisposeScope();
            var loss = (model.forward(rain) - target).square().mean();
            adam.zero_grad();
            loss.backward();
            adam.step();
            if (step == 0) first = loss.ToDouble();
            last = loss.ToDouble();
        }
        Assert.True(last < first / 10, $"loss {first:G3} -> {last:G3}");
    }
}
