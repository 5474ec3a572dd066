using static TorchSharp.torch;

namespace HydroWorkshop.Training;

/// <summary>
/// An exponential moving average of a model's parameters (Polyak &amp; Juditsky 1992, SIAM J. Control Optim. 30, 838;
/// as in TensorFlow's <c>ExponentialMovingAverage</c> and PyTorch's <c>torch.optim.swa_utils.AveragedModel</c> with an
/// EMA function). After every optimiser step
/// <code>
/// average ← d·average + (1 − d)·parameter,   d = min(decay, (1 + n) / (10 + n)),  n = steps so far
/// </code>
/// (the ramp lets the first steps forget the initial weights quickly). With small data and noisy gradients the last
/// weights wander from batch to batch; their average is a steadier model, so validating it makes early stopping pick
/// an epoch for the model rather than for one lucky batch. The trainer validates and keeps the averaged weights
/// (<see cref="Swap"/>) and trains on its own.
/// <code>
/// using var average = new WeightAverage(model, decay: 0.9);
/// ... optimizer.step(); average.Update();
/// using (average.Swap()) { validate(model); stopping.Record(epoch, score); }   // the averaged weights are in the model here
/// average.CopyInto();                                                            // the model keeps the average for good
/// </code>
/// </summary>
public sealed class WeightAverage : IDisposable
{
    private readonly (Tensor Parameter, Tensor Average)[] pairs;
    private long steps;

    /// <param name="model">The model whose trainable parameters are averaged (buffers are left alone).</param>
    /// <param name="decay">The weight of the old average per step, in [0, 1): 0.9 averages over about the last 10
    /// steps.</param>
    public WeightAverage(nn.Module model, double decay)
    {
        if (!(decay is >= 0 and < 1)) throw new ArgumentOutOfRangeException(nameof(decay), decay, "the decay must be in [0, 1)");
        Decay = decay;
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        pairs = model.parameters().Where(p => p.requires_grad)
            .Select(p => ((Tensor)p, p.detach().clone().DetachFromDisposeScope())).ToArray();
    }

    /// <summary>The weight of the old average per step once the ramp is over.</summary>
    public double Decay { get; }

    /// <summary>Optimiser steps averaged so far.</summary>
    public long Steps => steps;

    /// <summary>Folds the parameters' current values into the average; call after every optimiser step.</summary>
    public void Update()
    {
        var d = Math.Min(Decay, (1.0 + steps) / (10.0 + steps));
        steps++;
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();          // in-place ops hand back wrappers that would outlive the step
        foreach (var (parameter, average) in pairs) average.lerp_(parameter, 1 - d);
    }

    /// <summary>Puts the averaged weights into the model until the returned handle is disposed, which puts the training
    /// weights back.</summary>
    public IDisposable Swap()
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var saved = pairs.Select(p => p.Parameter.detach().clone().DetachFromDisposeScope()).ToArray();
        CopyInto();
        return new Restore(pairs, saved);
    }

    /// <summary>Overwrites the model's parameters with the average (the end of training).</summary>
    public void CopyInto()
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        foreach (var (parameter, average) in pairs) parameter.copy_(average);
    }

    public void Dispose()
    {
        foreach (var (_, average) in pairs) average.Dispose();
    }

    private sealed class Restore((Tensor Parameter, Tensor Average)[] pairs, Tensor[] saved) : IDisposable
    {
        public void Dispose()
        {
            using (no_grad())
            using (NewDisposeScope())
            {
                for (var i = 0; i < pairs.Length; i++) pairs[i].Parameter.copy_(saved[i]);
            }
            foreach (var tensor in saved) tensor.Dispose();
        }
    }
}
