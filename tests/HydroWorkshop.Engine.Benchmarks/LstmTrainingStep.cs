using HydroWorkshop.Models;
using static TorchSharp.torch;

namespace HydroWorkshop.Engine.Benchmarks;

/// <summary>
/// The kit's <see cref="LstmRegressor"/> (one layer, batch-first <c>nn.LSTM</c>, linear head) on [batch, steps, dynamic]
/// forcings plus [batch, static] attributes appended to every step, scored on the last step (predict_last_n 1) with the
/// masked MSE, as <c>Trainer</c> does. "lstm" in training_steps.py.
/// </summary>
public sealed class LstmTrainingStep(int batch = 256, int steps = 365, int dynamicInputs = 5, int hidden = 64, int staticInputs = 0)
    : TrainingStep(Build(dynamicInputs, staticInputs, hidden), MakeInputs(batch, steps, dynamicInputs, staticInputs), randn(batch, 1, 1))
{
    private static LstmRegressor Build(int dynamicInputs, int staticInputs, int hidden)
    {
        manual_seed(0);
        return new LstmRegressor(dynamicInputs, staticInputs, hidden);
    }

    private static Tensor[] MakeInputs(int batch, int steps, int dynamicInputs, int staticInputs) =>
        staticInputs > 0 ? [randn(batch, steps, dynamicInputs), randn(batch, staticInputs)] : [randn(batch, steps, dynamicInputs)];

    protected override Tensor Forward(Tensor[] inputs)
    {
        var output = ((LstmRegressor)Model).forward(inputs[0], inputs.Length > 1 ? inputs[1] : null);   // [batch, steps, 1]
        return output.narrow(1, output.size(1) - 1, 1);                                                 // [batch, 1, 1]
    }
}
