namespace HydroWorkshop.Torch;

public static partial class torch
{
    public static partial class nn
    {
        /// <summary>PyTorch's <c>torch.nn.utils</c>.</summary>
        public static class utils
        {
            /// <summary>
            /// Scales the gradients of <paramref name="parameters"/> in place so that their joint
            /// <paramref name="norm_type"/>-norm (the norm of the per-tensor norms; ∞: the largest |g|) is at
            /// most <paramref name="max_norm"/>, as PyTorch's <c>clip_grad_norm_</c>: g ← g · min(1, max_norm / (‖g‖ + 1e-6)).
            /// LSTMs on long hydrological sequences need it against exploding gradients.
            /// Returns the norm before clipping (a 0-dimensional tensor; zero when no parameter has a gradient).
            /// </summary>
            /// <exception cref="InvalidOperationException">The norm is NaN or infinite and
            /// <paramref name="error_if_nonfinite"/> is set.</exception>
            public static Tensor clip_grad_norm_(IEnumerable<Tensor> parameters, double max_norm, double norm_type = 2, bool error_if_nonfinite = false)
            {
                ArgumentNullException.ThrowIfNull(parameters);
                if (!(max_norm >= 0)) throw new ArgumentOutOfRangeException(nameof(max_norm), max_norm, "clip_grad_norm_: max_norm must be >= 0");
                using var noGrad = no_grad();
                var grads = new List<Tensor>();
                try
                {
                    foreach (var p in parameters)
                    {
                        var g = p.grad;
                        if (g is not null) grads.Add(g);
                    }
                    if (grads.Count == 0) return tensor(0f);
                    Tensor total;
                    using (var scope = NewDisposeScope())
                    {
                        var norms = grads.Select(g => double.IsPositiveInfinity(norm_type) ? g.abs().max() : g.norm(norm_type)).ToArray();
                        var stacked = stack(norms);
                        total = (double.IsPositiveInfinity(norm_type) ? stacked.max() : stacked.norm(norm_type)).MoveToOuterDisposeScope();
                    }
                    if (error_if_nonfinite && !double.IsFinite(total.item<double>()))
                    {
                        var value = total.item<double>();
                        total.Dispose();
                        throw new InvalidOperationException(
                            $"clip_grad_norm_: the total norm of order {norm_type} of the gradients is {value}; pass error_if_nonfinite: false to clip anyway");
                    }
                    using (NewDisposeScope())
                    {
                        var coefficient = full_like(total, max_norm).div(total.add(1e-6)).clamp_max(1.0);
                        foreach (var g in grads) g.mul_(coefficient);
                    }
                    return total;
                }
                finally
                {
                    foreach (var g in grads) g.Dispose();
                }
            }
        }
    }
}
