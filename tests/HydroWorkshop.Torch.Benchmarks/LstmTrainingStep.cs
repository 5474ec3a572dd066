using static HydroWorkshop.Torch.torch;

namespace HydroWorkshop.Torch.Benchmarks;

/// <summary>
/// One training step of a workshop-size LSTM: aten::lstm over [batch 256, 365 steps, 5 inputs] (batch-first,
/// hidden 64, one layer), a linear head on the last step, MSE, backward, Adam written with tensor operations.
/// The raw operator, so that this measures the binding; "lstm" in training_steps.py.
/// </summary>
public sealed class LstmTrainingStep : ITrainingStep
{
    private static readonly Operator Lstm = ops("aten::lstm.input");
    private readonly DisposeScope scope;
    private readonly Tensor[] parameters;
    private readonly Tensor x, y, h0, c0;
    private readonly HandAdam adam;

    public LstmTrainingStep(int batch = 256, int steps = 365, int inputs = 5, int hidden = 64)
    {
        scope = NewDisposeScope();
        manual_seed(0);
        var s = 1.0 / Math.Sqrt(hidden);
        Tensor Uniform(params long[] shape) => (rand(shape) * 2.0 - 1.0) * s;
        parameters =
        [
            Uniform(4 * hidden, inputs),   // w_ih
            Uniform(4 * hidden, hidden),   // w_hh
            Uniform(4 * hidden),           // b_ih
            Uniform(4 * hidden),           // b_hh
            Uniform(1, hidden),            // head weight
            zeros(1),                      // head bias
        ];
        foreach (var p in parameters) p.requires_grad_();
        x = randn(batch, steps, inputs);
        y = randn(batch, 1);
        h0 = zeros(1, batch, hidden);
        c0 = zeros(1, batch, hidden);
        adam = new HandAdam(parameters);
    }

    public double Step()
    {
        using var stepScope = NewDisposeScope();
        // (input, hx, params, has_biases, num_layers, dropout, train, bidirectional, batch_first)
        var output = Lstm.CallMany(x, new[] { h0, c0 }, parameters[..4], true, 1L, 0.0, true, false, true)[0]; // [batch, steps, hidden]
        var prediction = output[.., -1].matmul(parameters[4].t()) + parameters[5];                                 // [batch, 1]
        return adam.Step((prediction - y).pow(2.0).mean());
    }

    public void Dispose() => scope.Dispose();
}
