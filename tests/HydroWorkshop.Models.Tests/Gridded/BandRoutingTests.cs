using HydroWorkshop.Models.Gridded;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace HydroWorkshop.Models.Tests.Gridded;

public sealed class BandRoutingTests
{
    [Fact]
    public void Forward_DeltaKernels_DelaysEachBandByItsLagAndSumsThem()
    {
        using var routing = new BandRouting(bands: 2, days: 4);
        using (no_grad())
        {
            var logits = routing.parameters().Single();
            logits.fill_(-30.0);
            logits[0, 0] = tensor(30f);                                                   // band 0: the same day
            logits[1, 3] = tensor(30f);                                                   // band 1: three days late
        }
        // One gauge, one feature: band 0 has a pulse on day 2, band 1 on day 4; 10 days.
        var features = zeros([1, 10, 1, 2, 1]);
        features[0, 2, 0, 0, 0] = tensor(1f);
        features[0, 4, 0, 1, 0] = tensor(5f);

        var routed = routing.forward(features)[0, .., 0, 0].data<float>().ToArray();   // [time]

        float[] expected = [0, 0, 1, 0, 0, 0, 0, 5, 0, 0];
        Assert.Equal(expected, routed.Select(v => MathF.Round(v, 5)).ToArray());
    }

    [Fact]
    public void Forward_AnyKernel_KeepsTheVolumeOfAPulse()
    {
        using var routing = new BandRouting(bands: 3, days: 6);
        using (no_grad()) routing.parameters().Single().copy_(randn(3, 6));
        var features = zeros([2, 30, 2, 3, 4]);
        features[.., 5] = ones([2, 2, 3, 4]);                                              // a pulse on day 5 in every band

        var routed = routing.forward(features);                                          // [2, 30, 2, 4]

        // The volume (sum over time) of each gauge and feature is the sum over bands of the pulse: 3.
        Assert.True(routed.sum(1).sub(3).abs().max().item<float>() < 1e-5f);
        Assert.True(routed.narrow(1, 0, 5).abs().max().item<float>() == 0f);             // nothing before it: the kernel is causal
    }

    [Fact]
    public void Kernel_NewModule_DelaysBandKByKDays()
    {
        using var routing = new BandRouting(bands: 4, days: 3);
        var kernel = routing.Kernel();                                                   // [4, 3]
        Assert.Equal([0L, 1, 2, 2], kernel.argmax(1).data<long>().ToArray());            // the last band is capped at the longest delay
        Assert.InRange(kernel[0, 0].item<float>(), 0.85f, 0.95f);                       // e³ / (e³ + 2)
        Assert.True(kernel.sum(1).sub(1).abs().max().item<float>() < 1e-6f);
    }

    [Fact]
    public void Forward_WrongBands_SaysTheExpectedShape()
    {
        using var routing = new BandRouting(bands: 3, days: 2);
        var error = Assert.Throws<ArgumentException>(() => routing.forward(zeros([1, 5, 1, 2, 1])));
        Assert.Contains("[batch, time, gauge, 3 bands, feature]", error.Message);
    }
}
