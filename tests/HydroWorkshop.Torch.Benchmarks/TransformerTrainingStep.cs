using HydroWorkshop.Torch.Modules;
using static HydroWorkshop.Torch.torch;

namespace HydroWorkshop.Torch.Benchmarks;

/// <summary>One training step of a 2-layer Transformer encoder (d_model 64, 4 heads, feed-forward 256,
/// sequence 365, batch 64, dropout 0.1) with a linear head on the last step; "transformer" in training_steps.py.</summary>
public sealed class TransformerTrainingStep : ITrainingStep
{
    private const int Batch = 64, Steps = 365, DModel = 64;
    private readonly DisposeScope scope;
    private readonly TransformerEncoder encoder;
    private readonly Linear head;
    private readonly Tensor x, y;
    private readonly HandAdam adam;

    public TransformerTrainingStep()
    {
        scope = NewDisposeScope();
        manual_seed(0);
        encoder = new TransformerEncoder(() => new TransformerEncoderLayer(DModel, 4, 256, 0.1, batchFirst: true), 2);
        head = new Linear(DModel, 1);
        x = randn(Batch, Steps, DModel);
        y = randn(Batch, 1);
        adam = new HandAdam([.. encoder.parameters(), .. head.parameters()]);
    }

    public double Step()
    {
        using var stepScope = NewDisposeScope();
        var prediction = head.forward(encoder.forward(x)[.., -1]);       // [batch, 1]
        return adam.Step((prediction - y).pow(2.0).mean());
    }

    public void Dispose()
    {
        encoder.Dispose();
        head.Dispose();
        scope.Dispose();
    }
}
