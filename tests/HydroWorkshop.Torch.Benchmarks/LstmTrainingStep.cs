using HydroWorkshop.Torch;
using static HydroWorkshop.Torch.torch;

namespace HydroWorkshop.Torch.Benchmarks;

/// <summary>
/// One training step of a workshop-size LSTM: aten::lstm over [batch, steps, inputs] (batch-first, one
/// layer), a linear head on the last step, MSE, backward, and Adam written with tensor operations.
/// The same step as lstm_step.py, line for line.
/// </summary>
public sealed class LstmTrainingStep : IDisposable
{
    private const double LearningRate = 1e-3, Beta1 = 0.9, Beta2 = 0.999, Epsilon = 1e-8;
    private static readonly Operator Lstm = ops("aten::lstm.input");
    private readonly DisposeScope scope;
    private readonly Tensor[] parameters, m, v;
    private readonly Tensor x, y, h0, c0;
    private int t;

    public LstmTrainingStep(int batch, int steps, int inputs, int hidden)
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
        m = parameters.Select(p => zeros_like(p)).ToArray();
        v = parameters.Select(p => zeros_like(p)).ToArray();
        x = randn(batch, steps, inputs);
        y = randn(batch, 1);
        h0 = zeros(1, batch, hidden);
        c0 = zeros(1, batch, hidden);
    }

    public double Step()
    {
        using var stepScope = NewDisposeScope();
        // (input, hx, params, has_biases, num_layers, dropout, train, bidirectional, batch_first)
        var output = Lstm.CallMany(x, new[] { h0, c0 }, parameters[..4], true, 1L, 0.0, true, false, true)[0]; // [batch, steps, hidden]
        var prediction = output[.., -1].matmul(parameters[4].t()) + parameters[5];                                 // [batch, 1]
        var loss = (prediction - y).pow(2.0).mean();
        foreach (var p in parameters) p.grad = null;
        loss.backward();
        t++;
        using (no_grad())
        {
            for (var k = 0; k < parameters.Length; k++)
            {
                var g = parameters[k].grad!;
                m[k].mul_(Beta1).add_(g, alpha: 1 - Beta1);
                v[k].mul_(Beta2).addcmul_(g, g, value: 1 - Beta2);
                var denominator = (v[k].sqrt() / Math.Sqrt(1 - Math.Pow(Beta2, t))).add_(Epsilon);
                parameters[k].addcdiv_(m[k], denominator, value: -LearningRate / (1 - Math.Pow(Beta1, t)));
            }
        }
        return loss.item<double>();
    }

    public void Dispose() => scope.Dispose();
}
