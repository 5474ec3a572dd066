using TorchSharp.Modules;
using static TorchSharp.torch;

namespace HydroWorkshop.Training;

/// <summary>The optimizer a <see cref="TrainingConfig"/> names (<c>optimizer: adam | adamw</c>, learning rate, weight
/// decay), for every trainer.</summary>
public static class TrainingOptimizer
{
    /// <summary>Adam or AdamW over <paramref name="parameters"/> at the config's learning rate and weight decay.</summary>
    public static OptimizerHelper Make(TrainingConfig config, IReadOnlyCollection<Parameter> parameters)
    {
        if (parameters.Count == 0) throw new ArgumentException("no parameters to train (every one is frozen?)", nameof(parameters));
        return config.Optimizer == "adamw"
            ? optim.AdamW(parameters, config.LearningRate, weight_decay: config.WeightDecay)
            : optim.Adam(parameters, config.LearningRate, weight_decay: config.WeightDecay);
    }
}
