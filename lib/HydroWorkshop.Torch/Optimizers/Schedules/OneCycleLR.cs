namespace HydroWorkshop.Torch.Optimizers.Schedules;

/// <summary>
/// The one-cycle policy (Smith &amp; Topin 2019, "Super-Convergence", SPIE 11006), exactly as PyTorch's
/// <c>OneCycleLR</c>; step it once per batch. The rate rises from max_lr/div_factor to max_lr over the
/// first pct_start of total_steps, then anneals to max_lr/(div_factor·final_div_factor) (three_phase:
/// back to the start first, then down). Momentum (SGD's momentum, Adam's beta1) moves the opposite way
/// between max_momentum and base_momentum when cycle_momentum is on. Annealing "cos":
/// a(start, end, p) = end + (start − end)(1 + cos πp)/2; "linear": start + (end − start)p.
/// </summary>
public sealed class OneCycleLR : LRScheduler
{
    private readonly (double EndStep, string StartLr, string EndLr, string StartMomentum, string EndMomentum)[] phases;
    private readonly string? momentumOption;

    public OneCycleLR(Optimizer optimizer, double max_lr, int total_steps, double pct_start = 0.3, string anneal_strategy = "cos",
        bool cycle_momentum = true, double base_momentum = 0.85, double max_momentum = 0.95, double div_factor = 25,
        double final_div_factor = 1e4, bool three_phase = false)
        : this(optimizer, optimizer.param_groups.Select(_ => max_lr).ToArray(), total_steps, pct_start, anneal_strategy,
            cycle_momentum, base_momentum, max_momentum, div_factor, final_div_factor, three_phase)
    {
    }

    /// <summary>As the other constructor, with a peak rate <paramref name="max_lr"/> per parameter group.</summary>
    public OneCycleLR(Optimizer optimizer, IReadOnlyList<double> max_lr, int total_steps, double pct_start = 0.3, string anneal_strategy = "cos",
        bool cycle_momentum = true, double base_momentum = 0.85, double max_momentum = 0.95, double div_factor = 25,
        double final_div_factor = 1e4, bool three_phase = false)
        : base(optimizer)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(total_steps, 1);
        if (!(pct_start >= 0 && pct_start <= 1)) throw new ArgumentOutOfRangeException(nameof(pct_start), pct_start, "OneCycleLR: pct_start must be in [0, 1]");
        if (anneal_strategy is not ("cos" or "linear")) throw new ArgumentException($"OneCycleLR: anneal_strategy must be \"cos\" or \"linear\", got \"{anneal_strategy}\"", nameof(anneal_strategy));
        var groups = optimizer.param_groups;
        if (max_lr.Count != groups.Count) throw new ArgumentException($"OneCycleLR: {max_lr.Count} max_lr values for {groups.Count} parameter groups", nameof(max_lr));
        this.total_steps = total_steps;
        this.anneal_strategy = anneal_strategy;
        phases = three_phase
            ?
            [
                (pct_start * total_steps - 1, "initial_lr", "max_lr", "max_momentum", "base_momentum"),
                (2 * pct_start * total_steps - 2, "max_lr", "initial_lr", "base_momentum", "max_momentum"),
                (total_steps - 1, "initial_lr", "min_lr", "max_momentum", "max_momentum"),
            ]
            :
            [
                (pct_start * total_steps - 1, "initial_lr", "max_lr", "max_momentum", "base_momentum"),
                (total_steps - 1, "max_lr", "min_lr", "base_momentum", "max_momentum"),
            ];
        if (cycle_momentum)
        {
            momentumOption = groups[0].Has("beta1") ? "beta1" : groups[0].Has("momentum") ? "momentum"
                : throw new ArgumentException($"OneCycleLR: {optimizer.GetType().Name} has neither momentum nor beta1; pass cycle_momentum: false");
        }
        for (var g = 0; g < groups.Count; g++)
        {
            var group = groups[g];
            group["initial_lr"] = max_lr[g] / div_factor;
            group["max_lr"] = max_lr[g];
            group["min_lr"] = group["initial_lr"] / final_div_factor;
            if (momentumOption is null) continue;
            group[momentumOption] = max_momentum;
            group["max_momentum"] = max_momentum;
            group["base_momentum"] = base_momentum;
        }
        base_lrs = groups.Select(g => g["initial_lr"]).ToArray();
        InitialStep();
    }

    public int total_steps { get; }
    public string anneal_strategy { get; }

    protected override double[] get_lr()
    {
        var step = last_epoch;
        if (step > total_steps)
            throw new InvalidOperationException($"OneCycleLR stepped {step} times, more than total_steps = {total_steps}");
        var groups = optimizer.param_groups;
        var rates = new double[groups.Count];
        for (var g = 0; g < groups.Count; g++)
        {
            var group = groups[g];
            double startStep = 0;
            for (var i = 0; i < phases.Length; i++)
            {
                var phase = phases[i];
                if (step <= phase.EndStep || i == phases.Length - 1)
                {
                    var pct = (step - startStep) / (phase.EndStep - startStep);
                    rates[g] = Anneal(group[phase.StartLr], group[phase.EndLr], pct);
                    if (momentumOption is not null) group[momentumOption] = Anneal(group[phase.StartMomentum], group[phase.EndMomentum], pct);
                    break;
                }
                startStep = phase.EndStep;
            }
        }
        return rates;
    }

    private double Anneal(double start, double end, double pct) => anneal_strategy == "cos"
        ? end + (start - end) / 2.0 * (Math.Cos(Math.PI * pct) + 1)
        : (end - start) * pct + start;
}
