using HydroWorkshop.Torch.Optimizers;

namespace HydroWorkshop.Torch.Tests.Optimizers;

/// <summary>
/// A two-layer network made of plain tensors (no Module), y = tanh(x·W1 + b1)·W2 + b2 with x [32, 4],
/// fitted to a fixed synthetic target by mean squared error, for resume and leak tests.
/// </summary>
public sealed class TinyRegression : IDisposable
{
    private readonly Tensor x, y;

    /// <param name="seed">Seeds the initial parameters; the data are the same for every seed.</param>
    public TinyRegression(ulong seed)
    {
        using (var data = new torch.Generator(20261122)) x = torch.randn([32, 4], generator: data).DetachFromDisposeScope();
        using var generator = new torch.Generator(seed);
        using (var scope = torch.NewDisposeScope())
        {
            y = x.sum(1, keepdim: true).sin().MoveToOuterDisposeScope();
        }
        y.DetachFromDisposeScope();
        Parameters = new Dictionary<string, Tensor>
        {
            ["hidden.weight"] = torch.randn([4, 8], generator: generator).mul_(0.5).requires_grad_().DetachFromDisposeScope(),
            ["hidden.bias"] = torch.zeros([8], requires_grad: true).DetachFromDisposeScope(),
            ["out.weight"] = torch.randn([8, 1], generator: generator).mul_(0.5).requires_grad_().DetachFromDisposeScope(),
            ["out.bias"] = torch.zeros([1], requires_grad: true).DetachFromDisposeScope(),
        };
    }

    /// <summary>The parameters by name, like a module's state_dict.</summary>
    public Dictionary<string, Tensor> Parameters { get; }

    /// <summary>One training step: forward, backward, optimizer step, zero_grad; returns the loss.</summary>
    public double TrainStep(Optimizer optimizer)
    {
        using var scope = torch.NewDisposeScope();
        var p = Parameters;
        var hidden = x.matmul(p["hidden.weight"]).add(p["hidden.bias"]).tanh();
        var prediction = hidden.matmul(p["out.weight"]).add(p["out.bias"]);
        var loss = prediction.sub(y).square().mean();
        loss.backward();
        optimizer.step();
        optimizer.zero_grad();
        return loss.item<double>();
    }

    /// <summary>Every parameter's bytes, for bitwise comparison.</summary>
    public float[][] Snapshot() => Parameters.Values.Select(t =>
    {
        using var detached = t.detach();
        return detached.ToArray<float>();
    }).ToArray();

    public void Dispose()
    {
        x.Dispose();
        y.Dispose();
        foreach (var t in Parameters.Values) t.Dispose();
    }
}
