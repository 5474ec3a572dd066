namespace HydroWorkshop.Torch;

public static partial class torch
{
    public static partial class nn
    {
        public static partial class functional
        {
            private static readonly Operator MseOp = Op("mse_loss"), L1Op = Op("l1_loss"), HuberOp = Op("huber_loss");
            private static readonly Operator SmoothL1Op = Op("smooth_l1_loss"), BceLogitsOp = Op("binary_cross_entropy_with_logits");

            /// <summary>Mean squared error, mean((input - target)²).</summary>
            public static Tensor mse_loss(Tensor input, Tensor target, Reduction reduction = Reduction.Mean) =>
                MseOp.Call(input, target, (long)reduction);

            /// <summary>Mean absolute error, mean(|input - target|).</summary>
            public static Tensor l1_loss(Tensor input, Tensor target, Reduction reduction = Reduction.Mean) =>
                L1Op.Call(input, target, (long)reduction);

            /// <summary>Huber loss: ½d² where |d| ≤ delta, else delta(|d| - ½delta), with d = input - target (Huber 1964).</summary>
            public static Tensor huber_loss(Tensor input, Tensor target, Reduction reduction = Reduction.Mean, double delta = 1.0) =>
                HuberOp.Call(input, target, (long)reduction, delta);

            /// <summary>Smooth L1: ½d²/beta where |d| &lt; beta, else |d| - ½beta (Girshick 2015).</summary>
            public static Tensor smooth_l1_loss(Tensor input, Tensor target, Reduction reduction = Reduction.Mean, double beta = 1.0) =>
                SmoothL1Op.Call(input, target, (long)reduction, beta);

            /// <summary>
            /// Gaussian negative log-likelihood of <paramref name="target"/> under N(input, var):
            /// ½(log max(var, eps) + (input - target)² / max(var, eps)), plus ½log 2π when <paramref name="full"/>
            /// (as torch.nn.functional.gaussian_nll_loss). Use it with a head that predicts a mean and a variance.
            /// </summary>
            public static Tensor gaussian_nll_loss(Tensor input, Tensor target, Tensor var, bool full = false, double eps = 1e-6,
                Reduction reduction = Reduction.Mean)
            {
                using var scope = NewDisposeScope();
                var clamped = var.clamp(min: eps);                                       // the clamp passes no gradient below eps, as PyTorch's
                var loss = (clamped.log() + (input - target).pow(2.0) / clamped) * 0.5;
                if (full) loss = loss + 0.5 * Math.Log(2 * Math.PI);
                return Reduce(loss, reduction).MoveToOuterDisposeScope();
            }

            /// <summary>Binary cross-entropy on logits, numerically stable (e.g. wet/dry classification of cells).</summary>
            public static Tensor binary_cross_entropy_with_logits(Tensor input, Tensor target, Tensor? weight = null, Tensor? pos_weight = null,
                Reduction reduction = Reduction.Mean) =>
                BceLogitsOp.Call(input, target, weight, pos_weight, (long)reduction);

            /// <summary>
            /// MSE over the elements whose target is not NaN (observation gaps): Σ mask·(input - target)² / Σ mask.
            /// Gaps pass no gradient, and a batch with no valid target gives 0 rather than NaN.
            /// </summary>
            public static Tensor masked_mse_loss(Tensor input, Tensor target) =>
                Masked(input, target, static d => d.pow(2.0));

            /// <summary>L1 over the elements whose target is not NaN.</summary>
            public static Tensor masked_l1_loss(Tensor input, Tensor target) =>
                Masked(input, target, static d => d.abs());

            /// <summary>Huber over the elements whose target is not NaN.</summary>
            public static Tensor masked_huber_loss(Tensor input, Tensor target, double delta = 1.0) =>
                Masked(input, target, d =>
                {
                    var absolute = d.abs();
                    return where(absolute <= delta, d.pow(2.0) * 0.5, (absolute - 0.5 * delta) * delta);
                });

            /// <summary>Gaussian NLL over the elements whose target is not NaN.</summary>
            public static Tensor masked_gaussian_nll_loss(Tensor input, Tensor target, Tensor var, double eps = 1e-6)
            {
                using var scope = NewDisposeScope();
                var clamped = var.clamp(min: eps);
                var result = Masked(input, target, d => (clamped.log() + d.pow(2.0) / clamped) * 0.5);
                return result.MoveToOuterDisposeScope();
            }

            private static Tensor Masked(Tensor input, Tensor target, Func<Tensor, Tensor> elementLoss)
            {
                using var scope = NewDisposeScope();
                var valid = !target.isnan();
                // The gap's target is replaced before subtracting so that no NaN reaches the gradient.
                var difference = input - target.nan_to_num(0.0);
                var perElement = where(valid, elementLoss(difference), 0.0);
                var count = valid.sum().clamp_min(1.0);
                return (perElement.sum() / count).MoveToOuterDisposeScope();
            }

            private static Tensor Reduce(Tensor loss, Reduction reduction) => reduction switch
            {
                Reduction.None => loss.alias(),
                Reduction.Sum => loss.sum(),
                _ => loss.mean(),
            };
        }
    }
}
