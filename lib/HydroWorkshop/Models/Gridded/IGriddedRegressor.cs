using static TorchSharp.torch;

namespace HydroWorkshop.Models.Gridded;

/// <summary>
/// A model that reads a sequence of maps and predicts a series per target at every step: discharge at gauges
/// (<see cref="MapToPointRegressor"/>, <see cref="LumpedGaugeLstm"/>) or a value per grid cell
/// (<see cref="MapToMapRegressor"/>, <see cref="CellLstm"/>). One interface so that <c>Surrogates.Gridded.GriddedTrainer</c> trains
/// and scores them all on the same windows.
/// </summary>
public interface IGriddedRegressor
{
    /// <summary>The input channels per frame the model was built for.</summary>
    int InputChannels { get; }

    /// <summary>inputs [batch, time, channel, y, x] (normalised) → [batch, time, target] (normalised).</summary>
    Tensor forward(Tensor inputs);
}
