using static TorchSharp.torch;

namespace HydroWorkshop.Engine;

/// <summary>
/// Losses over the elements whose target is not NaN (observation gaps), which TorchSharp and PyTorch lack:
/// Σ mask·ℓ(input − target) / Σ mask. Gaps pass no gradient, and a batch with no valid target gives 0 rather
/// than NaN. Shapes: input and target alike (e.g. [batch, time, targets]); the result is a scalar.
/// </summary>
public static class MaskedLosses
{
    /// <summary>Mean squared error over the valid elements.</summary>
    public static Tensor masked_mse_loss(Tensor input, Tensor target) =>
        Masked(input, target, static d => d.pow(2.0));

    /// <summary>Mean absolute error over the valid elements.</summary>
    public static Tensor masked_l1_loss(Tensor input, Tensor target) =>
        Masked(input, target, static d => d.abs());

    /// <summary>Huber loss (quadratic within <paramref name="delta"/>, linear beyond) over the valid elements.</summary>
    public static Tensor masked_huber_loss(Tensor input, Tensor target, double delta = 1.0) =>
        Masked(input, target, d =>
        {
            var absolute = d.abs();
            return where(absolute <= delta, d.pow(2.0) * 0.5, (absolute - 0.5 * delta) * delta);
        });

    /// <summary>Gaussian negative log-likelihood ½(log σ² + (μ − y)²/σ²) over the valid elements, σ² clamped at
    /// <paramref name="eps"/> (PyTorch's <c>gaussian_nll_loss</c> without the constant term).</summary>
    public static Tensor masked_gaussian_nll_loss(Tensor input, Tensor target, Tensor variance, double eps = 1e-6)
    {
        using var scope = NewDisposeScope();
        var clamped = variance.clamp(min: eps);
        var result = Masked(input, target, d => (clamped.log() + d.pow(2.0) / clamped) * 0.5);
        return result.MoveToOuterDisposeScope();
    }

    private static Tensor Masked(Tensor input, Tensor target, Func<Tensor, Tensor> elementLoss)
    {
        using var scope = NewDisposeScope();
        var valid = target.isnan().logical_not();
        // The gap's target is replaced before subtracting so that no NaN reaches the gradient.
        var difference = input - target.nan_to_num(0.0);
        var perElement = where(valid, elementLoss(difference), zeros_like(difference));
        var count = valid.sum().clamp_min(1.0);
        return (perElement.sum() / count).MoveToOuterDisposeScope();
    }
}
