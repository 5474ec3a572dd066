using HydroWorkshop.Engine;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace HydroWorkshop.Engine.Benchmarks;

/// <summary>
/// One benchmarked training step of a kit model, as the kit's trainers take it: forward, loss, backward, Adam
/// (<c>optim.Adam</c>, lr 1e-3); or, with <see cref="Predict"/>, one prediction as validation and evaluation make it
/// (eval mode, no gradients). The PyTorch peer of each subclass is the workload of the same name in training_steps.py.
/// </summary>
public abstract class TrainingStep : IDisposable
{
    private readonly OptimizerHelper optimizer;

    /// <param name="model">The kit model (its parameters are optimized).</param>
    /// <param name="inputs">The model's inputs (the same tensors every step).</param>
    /// <param name="target">The loss's target.</param>
    protected TrainingStep(nn.Module model, Tensor[] inputs, Tensor target)
    {
        Model = model;
        Inputs = inputs;
        Target = target;
        optimizer = optim.Adam(model.parameters(), 1e-3);
    }

    /// <summary>Time a prediction (eval mode, no gradients) instead of a training step.</summary>
    public bool Predict { get; init; }

    protected nn.Module Model { get; }
    protected Tensor[] Inputs { get; }
    protected Tensor Target { get; }

    /// <summary>The model's prediction for <paramref name="inputs"/> (the part the loss scores).</summary>
    protected abstract Tensor Forward(Tensor[] inputs);

    /// <summary>The loss of a prediction against the target.</summary>
    protected virtual Tensor Loss(Tensor prediction, Tensor target) => MaskedLosses.masked_mse_loss(prediction, target);

    /// <summary>Forward, backward and one Adam step (or the prediction alone, <see cref="Predict"/>); returns the loss.</summary>
    public double Step()
    {
        using var stepScope = NewDisposeScope();
        if (Predict)
        {
            Model.eval();
            using var noGrad = no_grad();
            return Loss(Forward(Inputs), Target).ToDouble();
        }
        Model.train();
        optimizer.zero_grad();
        var loss = Loss(Forward(Inputs), Target);
        loss.backward();
        optimizer.step();
        return loss.ToDouble();
    }

    /// <summary>
    /// For the parity check with PyTorch: the state_dict, the first <paramref name="samples"/> samples of the inputs
    /// (<c>__input.k</c>) and target (<c>__target</c>), the model's output for them in eval mode (<c>__output</c>), the
    /// loss (<c>__loss</c>) and its gradients (<c>__grad.NAME</c>). The model is back in training mode afterwards.
    /// </summary>
    public Dictionary<string, Tensor> ParityTensors(int samples)
    {
        var tensors = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var (name, value) in Model.state_dict()) tensors[name] = value.detach().clone();
        var inputs = Inputs.Select(x => x.narrow(0, 0, Math.Min(samples, x.size(0))).contiguous()).ToArray();
        var target = Target.narrow(0, 0, Math.Min(samples, Target.size(0))).contiguous();
        for (var k = 0; k < inputs.Length; k++) tensors[$"__input.{k}"] = inputs[k];
        tensors["__target"] = target;
        Model.eval();
        try
        {
            Model.zero_grad();
            var output = Forward(inputs);
            var loss = Loss(output, target);
            loss.backward();
            tensors["__output"] = output.detach().clone();
            tensors["__loss"] = loss.detach().reshape(1);
            foreach (var (name, parameter) in Model.named_parameters())
                if (parameter.grad is { } grad) tensors[$"__grad.{name}"] = grad.clone();
            Model.zero_grad();
        }
        finally
        {
            Model.train();
        }
        return tensors;
    }

    public void Dispose()
    {
        optimizer.Dispose();
        Model.Dispose();
        foreach (var x in Inputs) x.Dispose();
        Target.Dispose();
        GC.SuppressFinalize(this);
    }
}
