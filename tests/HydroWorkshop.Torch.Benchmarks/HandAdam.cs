using static HydroWorkshop.Torch.torch;

namespace HydroWorkshop.Torch.Benchmarks;

/// <summary>Adam (Kingma &amp; Ba 2015) written with tensor operations, line for line as training_steps.py,
/// so that the benchmark measures the binding, not two different optimizers.</summary>
internal sealed class HandAdam(Tensor[] parameters)
{
    private const double LearningRate = 1e-3, Beta1 = 0.9, Beta2 = 0.999, Epsilon = 1e-8;
    private readonly Tensor[] m = parameters.Select(p => zeros_like(p)).ToArray();
    private readonly Tensor[] v = parameters.Select(p => zeros_like(p)).ToArray();
    private int t;

    /// <summary>Backward from <paramref name="loss"/>, then one Adam update; returns the loss value.</summary>
    public double Step(Tensor loss)
    {
        foreach (var p in parameters) p.grad = null;
        loss.backward();
        t++;
        using var noGrad = no_grad();
        for (var k = 0; k < parameters.Length; k++)
        {
            var g = parameters[k].grad!;
            m[k].mul_(Beta1).add_(g, alpha: 1 - Beta1);
            v[k].mul_(Beta2).addcmul_(g, g, value: 1 - Beta2);
            var denominator = (v[k].sqrt() / Math.Sqrt(1 - Math.Pow(Beta2, t))).add_(Epsilon);
            parameters[k].addcdiv_(m[k], denominator, value: -LearningRate / (1 - Math.Pow(Beta1, t)));
        }
        return loss.item<double>();
    }
}

/// <summary>One benchmarked training step.</summary>
public interface ITrainingStep : IDisposable
{
    double Step();
}
