using static TorchSharp.torch;

namespace HydroWorkshop.Data.Grids;

/// <summary>
/// A batch of map sequences from a <see cref="GriddedDataSet"/>. In order (unshuffled), <see cref="Inputs"/> and
/// <see cref="Targets"/> are views of the data set's tensors (no copy); shuffled, they are gathered copies. Either way
/// the batch owns its tensor handles: dispose it (a view's disposal leaves the data set's storage alone). Do not modify
/// the tensors in place: a view would write into the data set.
/// </summary>
public sealed class GriddedBatch : IDisposable
{
    internal GriddedBatch(Tensor inputs, Tensor targets, int[] ends, DateOnly[] endDates)
    {
        Inputs = inputs;
        Targets = targets;
        Ends = ends;
        EndDates = endDates;
    }

    /// <summary>Normalised input maps [batch, time, channel, y, x]; as a view it is strided (not contiguous): moving it to
    /// a GPU with <c>.to(device)</c> makes the one contiguous copy a model needs.</summary>
    public Tensor Inputs { get; }

    /// <summary>Normalised targets of every day of each window [batch, time, target]; NaN where not observed (mask them in the
    /// loss).</summary>
    public Tensor Targets { get; }

    /// <summary>The targets of each window's last day [batch, target] (sequence-to-one training); a view of
    /// <see cref="Targets"/>.</summary>
    public Tensor LastTargets() => Targets.select(1, -1);

    /// <summary>Index (in the data set's days) of each window's last day.</summary>
    public int[] Ends { get; }

    /// <summary>Date of each window's last day.</summary>
    public DateOnly[] EndDates { get; }

    public int Size => Ends.Length;

    public void Dispose()
    {
        Inputs.Dispose();
        Targets.Dispose();
    }
}
