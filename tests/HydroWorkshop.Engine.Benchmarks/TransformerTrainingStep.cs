using HydroWorkshop.Models;
using static TorchSharp.torch;

namespace HydroWorkshop.Engine.Benchmarks;

/// <summary>
/// The kit's <see cref="TransformerRegressor"/> with its defaults (d_model 64, 4 heads, 2 pre-norm GELU layers,
/// feed-forward 256, dropout 0.1, sinusoidal positions, last-step pooling) on [batch, steps, inputs], masked MSE.
/// "transformer" in training_steps.py.
/// </summary>
public sealed class TransformerTrainingStep(int batch = 64, int steps = 365, int inputs = 5)
    : TrainingStep(Build(inputs, steps), [randn(batch, steps, inputs)], randn(batch, 1, 1))
{
    private static TransformerRegressor Build(int inputs, int steps)
    {
        manual_seed(0);
        return new TransformerRegressor(inputs, 0, steps);
    }

    protected override Tensor Forward(Tensor[] inputs) => ((TransformerRegressor)Model).forward(inputs[0]);   // [batch, 1, 1]
}
