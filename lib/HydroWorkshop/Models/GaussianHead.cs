using TorchSharp.Modules;
using static TorchSharp.torch;

namespace HydroWorkshop.Models;

/// <summary>
/// A head that predicts a distribution rather than a value: a mean and a variance per target, the variance kept
/// positive with softplus plus a floor. Train it with the Gaussian negative log-likelihood
/// (<c>nn.functional.gaussian_nll_loss</c>) to get predictive uncertainty (Nix &amp; Weigend 1994).
/// Input [*, in_features]; output (mean, variance), each [*, targets].
/// </summary>
public sealed class GaussianHead : nn.Module
{
    public GaussianHead(long inFeatures, int targets = 1, double minimumVariance = 1e-6) : base(nameof(GaussianHead))
    {
        Targets = targets;
        MinimumVariance = minimumVariance;
        register_module("linear", linear = nn.Linear(inFeatures, 2 * targets));
    }

    public int Targets { get; }
    public double MinimumVariance { get; }

    private readonly Linear linear;

    public (Tensor mean, Tensor variance) forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var parts = linear.forward(input).chunk(2, -1);                      // 2 x [*, targets]
        var variance = parts[1].softplus() + MinimumVariance;
        scope.MoveToOuter(parts[0], variance);
        return (parts[0], variance);
    }

    public (Tensor mean, Tensor variance) call(Tensor input) => forward(input);
}
