using TorchSharp;
using TorchSharp.Modules;
using Xunit;
using static TorchSharp.torch;

namespace HydroWorkshop.Tests.Checkpoints;

/// <summary>
/// A two-layer network y = tanh(x·W1ᵀ + b1)·W2ᵀ + b2 (keys <c>hidden.*</c>, <c>out.*</c>) fitted by mean squared error to
/// sin(Σx) on fixed data x [32, 4], for resume tests. The seed picks the initial weights; the data are the same for every seed.
/// </summary>
internal sealed class TinyRegression : IDisposable
{
    private readonly Tensor x, y;

    public TinyRegression(long seed)
    {
        manual_seed(seed);
        Model = nn.Sequential(("hidden", nn.Linear(4, 8)), ("tanh", nn.Tanh()), ("out", nn.Linear(8, 1)));
        using var data = new Generator(20261122);
        x = randn(32, 4, generator: data).DetachFromDisposeScope();
        y = x.sum(1, keepdim: true).sin().DetachFromDisposeScope();
    }

    public Sequential Model { get; }

    /// <summary>Named optimizers as the checkpoint tests use them (kinds: see <see cref="OptimizerKinds"/>).</summary>
    public OptimizerHelper Optimizer(string kind) => kind switch
    {
        "sgd_nesterov" => optim.SGD(Model.parameters(), learningRate: 0.05, momentum: 0.9, nesterov: true, weight_decay: 1e-3),
        "adam_amsgrad" => optim.Adam(Model.parameters(), lr: 1e-2, amsgrad: true),
        "adamw" => optim.AdamW(Model.parameters(), lr: 1e-2, weight_decay: 1e-2),
        "rmsprop_centered_momentum" => optim.RMSProp(Model.parameters(), lr: 1e-3, momentum: 0.5, centered: true),
        _ => throw new ArgumentException(kind),
    };

    public static TheoryData<string> OptimizerKinds => new() { "sgd_nesterov", "adam_amsgrad", "adamw", "rmsprop_centered_momentum" };

    /// <summary>One training step: zero_grad, forward, backward, optimizer step; returns the loss.</summary>
    public float TrainStep(OptimizerHelper optimizer)
    {
        using var scope = NewDisposeScope();
        optimizer.zero_grad();
        var loss = nn.functional.mse_loss(Model.forward(x), y);
        loss.backward();
        optimizer.step();
        return loss.item<float>();
    }

    /// <summary>Every parameter's values, for bitwise comparison.</summary>
    public float[][] Snapshot() => Model.parameters().Select(p => p.detach().data<float>().ToArray()).ToArray();

    public void Dispose()
    {
        x.Dispose();
        y.Dispose();
        Model.Dispose();
    }
}
