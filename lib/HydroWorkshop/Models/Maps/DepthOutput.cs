using TorchSharp.Modules;
using static TorchSharp.torch;

namespace HydroWorkshop.Models.Maps;

/// <summary>
/// The output rule shared by the map models, which keeps depths physical: a 2-channel head gives a depth change and a
/// wet/dry logit per cell, and
/// <code>depth = ReLU(base depth + change) x gate x open</code>
/// ReLU: never negative. open (0 in solid cells): obstacles stay dry. gate: sigmoid(logit) in training (differentiable,
/// so the MSE teaches it to close where observed water is absent) and the hard step logit &gt; 0 in evaluation, so a cell
/// the model judges dry gets exactly 0 m rather than a thin film of drift (which would count as a false alarm at a 1 mm
/// threshold). In training the ReLU leaks (slope 0.01 below zero): where the water has not arrived yet the base depth is
/// 0 and a plain ReLU of a negative change has no gradient, so a model started on dry frames (the dike breach, or a
/// flume event from a dry bed) never learned to make water appear; the MSE against the non-negative observations
/// pushes the leaked values up, and evaluation clips them. Evaluation also caps depth at <see cref="MaxScaledDepth"/>
/// (twice the deepest training water): an autoregressive roll-out that feeds its own errors back can otherwise grow
/// without bound (the dike-breach forecaster once predicted kilometres of water).
/// </summary>
public static class DepthOutput
{
    /// <summary>The largest depth evaluation gives, in model units (1 = the deepest water of the training events).</summary>
    public const double MaxScaledDepth = 2.0;

    /// <summary>Makes <paramref name="head"/> start close to persistence: small changes, gates open (sigmoid(3) = 0.95).</summary>
    public static void Initialise(Conv2d head)
    {
        using var noGrad = no_grad();
        head.weight.mul_(0.1);
        using var gateBias = head.bias!.narrow(0, 1, 1);
        gateBias.fill_(3.0);
    }

    /// <summary>head output [n, 2, y, x] (change, logit) and base depth, open [n, 1, y, x] (or broadcastable) →
    /// (depth, wet logit), each [n, 1, y, x].</summary>
    public static (Tensor Depth, Tensor WetLogit) Apply(Tensor headOutput, Tensor baseDepth, Tensor open, bool training)
    {
        using var scope = NewDisposeScope();
        var change = headOutput.narrow(1, 0, 1);
        var logit = headOutput.narrow(1, 1, 1);
        var gate = training ? logit.sigmoid() : (logit > 0.0).to(ScalarType.Float32);
        var raw = baseDepth + change;
        var depth = (training ? raw.leaky_relu(0.01) : raw.clamp(0.0, MaxScaledDepth)) * gate * open;
        return (depth.MoveToOuterDisposeScope(), logit.MoveToOuterDisposeScope());
    }
}
