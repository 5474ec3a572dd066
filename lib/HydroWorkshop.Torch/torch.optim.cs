using HydroWorkshop.Torch.Optimizers;
using HydroWorkshop.Torch.Optimizers.Schedules;

namespace HydroWorkshop.Torch;

public static partial class torch
{
    /// <summary>
    /// PyTorch's <c>torch.optim</c>: <c>var optimizer = torch.optim.Adam(model.parameters(), lr: 1e-3);</c>
    /// Each factory takes either the parameters (one group) or <see cref="ParamGroup"/>s (per-group rates).
    /// Adam's betas are a tuple as in PyTorch: <c>betas: (0.9, 0.98)</c>.
    /// </summary>
    public static class optim
    {
        /// <summary>Stochastic gradient descent with optional (Nesterov) momentum; see <see cref="Optimizers.SGD"/>.</summary>
        public static SGD SGD(IEnumerable<Tensor> parameters, double lr = 1e-3, double momentum = 0, double dampening = 0,
            double weight_decay = 0, bool nesterov = false, bool maximize = false) =>
            new([new ParamGroup(parameters)], lr, momentum, dampening, weight_decay, nesterov, maximize);

        public static SGD SGD(IEnumerable<ParamGroup> parameters, double lr = 1e-3, double momentum = 0, double dampening = 0,
            double weight_decay = 0, bool nesterov = false, bool maximize = false) =>
            new(parameters, lr, momentum, dampening, weight_decay, nesterov, maximize);

        /// <summary>Adam (Kingma &amp; Ba 2015); see <see cref="Optimizers.Adam"/>.</summary>
        public static Adam Adam(IEnumerable<Tensor> parameters, double lr = 1e-3, (double, double)? betas = null, double eps = 1e-8,
            double weight_decay = 0, bool amsgrad = false, bool maximize = false) =>
            Adam([new ParamGroup(parameters)], lr, betas, eps, weight_decay, amsgrad, maximize);

        public static Adam Adam(IEnumerable<ParamGroup> parameters, double lr = 1e-3, (double, double)? betas = null, double eps = 1e-8,
            double weight_decay = 0, bool amsgrad = false, bool maximize = false)
        {
            var (beta1, beta2) = betas ?? (0.9, 0.999);
            return new Adam(parameters, lr, beta1, beta2, eps, weight_decay, amsgrad, maximize);
        }

        /// <summary>Adam with decoupled weight decay (Loshchilov &amp; Hutter 2019); see <see cref="Optimizers.AdamW"/>.</summary>
        public static AdamW AdamW(IEnumerable<Tensor> parameters, double lr = 1e-3, (double, double)? betas = null, double eps = 1e-8,
            double weight_decay = 1e-2, bool amsgrad = false, bool maximize = false) =>
            AdamW([new ParamGroup(parameters)], lr, betas, eps, weight_decay, amsgrad, maximize);

        public static AdamW AdamW(IEnumerable<ParamGroup> parameters, double lr = 1e-3, (double, double)? betas = null, double eps = 1e-8,
            double weight_decay = 1e-2, bool amsgrad = false, bool maximize = false)
        {
            var (beta1, beta2) = betas ?? (0.9, 0.999);
            return new AdamW(parameters, lr, beta1, beta2, eps, weight_decay, amsgrad, maximize);
        }

        /// <summary>RMSprop (Tieleman &amp; Hinton 2012); see <see cref="Optimizers.RMSprop"/>.</summary>
        public static RMSprop RMSprop(IEnumerable<Tensor> parameters, double lr = 1e-2, double alpha = 0.99, double eps = 1e-8,
            double weight_decay = 0, double momentum = 0, bool centered = false, bool maximize = false) =>
            new([new ParamGroup(parameters)], lr, alpha, eps, weight_decay, momentum, centered, maximize);

        public static RMSprop RMSprop(IEnumerable<ParamGroup> parameters, double lr = 1e-2, double alpha = 0.99, double eps = 1e-8,
            double weight_decay = 0, double momentum = 0, bool centered = false, bool maximize = false) =>
            new(parameters, lr, alpha, eps, weight_decay, momentum, centered, maximize);

        /// <summary>PyTorch's <c>torch.optim.lr_scheduler</c>.</summary>
        public static class lr_scheduler
        {
            public static StepLR StepLR(Optimizer optimizer, int step_size, double gamma = 0.1) => new(optimizer, step_size, gamma);

            public static MultiStepLR MultiStepLR(Optimizer optimizer, IEnumerable<int> milestones, double gamma = 0.1) =>
                new(optimizer, milestones, gamma);

            /// <summary>neuralhydrology's <c>learning_rate: {0: 1e-3, 10: 5e-4}</c>; see <see cref="Optimizers.Schedules.EpochRateLR"/>.</summary>
            public static EpochRateLR EpochRateLR(Optimizer optimizer, IReadOnlyDictionary<int, double> rates) => new(optimizer, rates);

            public static ExponentialLR ExponentialLR(Optimizer optimizer, double gamma) => new(optimizer, gamma);

            public static WarmupCosineLR WarmupCosineLR(Optimizer optimizer, int warmup_epochs, int total_epochs,
                double warmup_start_factor = 0.1, double eta_min = 0) =>
                new(optimizer, warmup_epochs, total_epochs, warmup_start_factor, eta_min);

            public static OneCycleLR OneCycleLR(Optimizer optimizer, double max_lr, int total_steps, double pct_start = 0.3,
                string anneal_strategy = "cos", bool cycle_momentum = true, double base_momentum = 0.85, double max_momentum = 0.95,
                double div_factor = 25, double final_div_factor = 1e4, bool three_phase = false) =>
                new(optimizer, max_lr, total_steps, pct_start, anneal_strategy, cycle_momentum, base_momentum, max_momentum,
                    div_factor, final_div_factor, three_phase);

            public static ReduceLROnPlateau ReduceLROnPlateau(Optimizer optimizer, string mode = "min", double factor = 0.1,
                int patience = 10, double threshold = 1e-4, string threshold_mode = "rel", int cooldown = 0, double min_lr = 0,
                double eps = 1e-8) =>
                new(optimizer, mode, factor, patience, threshold, threshold_mode, cooldown, min_lr, eps);
        }
    }
}
