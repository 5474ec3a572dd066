using HydroWorkshop.Models.Maps;
using static TorchSharp.torch;

namespace HydroWorkshop.Engine.Benchmarks;

/// <summary>
/// The kit's <see cref="ConvLstm"/> (one <see cref="ConvLstmCell"/> layer, 3x3, no peepholes) at the shape it runs
/// inside <c>ConvLstmForecaster</c> on the default flume (64 x 128 cells, encoded to a 16 x 32 grid with 16 channels,
/// 24 hidden channels), over a sequence of frames; MSE of every step's hidden maps against a target.
/// "convlstm" in training_steps.py.
/// </summary>
public sealed class ConvLstmTrainingStep(int batch = 2, int steps = 48, int channels = 16, int hidden = 24, int rows = 16, int columns = 32)
    : TrainingStep(Build(channels, hidden), [randn([batch, steps, channels, rows, columns])], randn([batch, steps, hidden, rows, columns]))
{
    private static ConvLstm Build(int channels, int hidden)
    {
        manual_seed(0);
        return new ConvLstm(channels, hidden);
    }

    protected override Tensor Forward(Tensor[] inputs) => ((ConvLstm)Model).forward(inputs[0]).output;   // [batch, steps, hidden, y, x]
}
