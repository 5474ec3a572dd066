using static TorchSharp.torch;

namespace HydroWorkshop.Models;

/// <summary>A sequence model with a <see cref="GaussianHead"/>: it predicts a mean and a variance per
/// target, each [batch, time or 1, targets] in normalised units. <see cref="ISequenceRegressor.forward"/> returns
/// the mean, so evaluation and prediction treat it like any other model; the trainer's Gaussian NLL loss uses both.</summary>
public interface IProbabilisticRegressor : ISequenceRegressor
{
    /// <summary>True when the model was built with a Gaussian head (otherwise <see cref="forward_distribution"/> throws).</summary>
    bool IsGaussian { get; }

    (Tensor Mean, Tensor Variance) forward_distribution(Tensor dynamic, Tensor? statics);
}
