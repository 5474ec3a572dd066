using static TorchSharp.torch;

namespace HydroWorkshop.Data;

/// <summary>
/// One batch of windows as tensors (float32, CPU). Dispose it, or create it inside a dispose scope.
/// Targets may hold NaN where an observation is missing: mask them in the loss.
/// </summary>
public sealed class BasinBatch : IDisposable
{
    internal BasinBatch(Tensor inputs, Tensor targets, Tensor? statics, int[] samples, string[] basinIds, DateOnly[] endDates)
    {
        Inputs = inputs;
        Targets = targets;
        Statics = statics;
        Samples = samples;
        BasinIds = basinIds;
        EndDates = endDates;
    }

    /// <summary>Normalised inputs <c>[batch, time, feature]</c> (statics appended to every step when the data set concatenates
    /// them).</summary>
    public Tensor Inputs { get; }

    /// <summary>Normalised targets of the last <c>PredictLastN</c> days, <c>[batch, PredictLastN, target]</c>.</summary>
    public Tensor Targets { get; }

    /// <summary>Normalised statics <c>[batch, attribute]</c>, or null when the data set has none.</summary>
    public Tensor? Statics { get; }

    /// <summary>The data set's sample indices in this batch.</summary>
    public int[] Samples { get; }

    /// <summary>The basin of each window.</summary>
    public string[] BasinIds { get; }

    /// <summary>The date of each window's last day (its last target).</summary>
    public DateOnly[] EndDates { get; }

    public int Size => Samples.Length;

    public void Dispose()
    {
        Inputs.Dispose();
        Targets.Dispose();
        Statics?.Dispose();
    }
}
