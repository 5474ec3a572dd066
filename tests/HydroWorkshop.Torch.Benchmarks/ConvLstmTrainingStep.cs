using HydroWorkshop.Torch.Modules;
using static HydroWorkshop.Torch.torch;

namespace HydroWorkshop.Torch.Benchmarks;

/// <summary>One training step of a one-layer ConvLSTM (Shi et al. 2015) written with Conv2d: 16 hidden
/// channels, 3x3 kernels, a 64x64 grid, 12 steps, batch 8, a 1x1 head; "convlstm" in training_steps.py.</summary>
public sealed class ConvLstmTrainingStep : ITrainingStep
{
    private const int Batch = 8, Steps = 12, Channels = 1, Hidden = 16, Size = 64;
    private readonly DisposeScope scope;
    private readonly Conv2d gates, head;
    private readonly Tensor x, y;
    private readonly HandAdam adam;

    public ConvLstmTrainingStep()
    {
        scope = NewDisposeScope();
        manual_seed(0);
        gates = new Conv2d(Channels + Hidden, 4 * Hidden, 3, padding: 1);
        head = new Conv2d(Hidden, 1, 1);
        x = randn(Batch, Steps, Channels, Size, Size);                  // [batch, time, channel, y, x]
        y = randn(Batch, 1, Size, Size);
        adam = new HandAdam([.. gates.parameters(), .. head.parameters()]);
    }

    public double Step()
    {
        using var stepScope = NewDisposeScope();
        var h = zeros(Batch, Hidden, Size, Size);
        var c = zeros(Batch, Hidden, Size, Size);
        for (var t = 0; t < Steps; t++)
        {
            var g = gates.forward(cat([x[.., t], h], 1)).chunk(4, 1);   // 4 x [batch, hidden, y, x]
            c = g[1].sigmoid() * c + g[0].sigmoid() * g[2].tanh();
            h = g[3].sigmoid() * c.tanh();
        }
        return adam.Step((head.forward(h) - y).pow(2.0).mean());
    }

    public void Dispose()
    {
        gates.Dispose();
        head.Dispose();
        scope.Dispose();
    }
}
