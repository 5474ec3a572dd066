using TorchSharp;
using static TorchSharp.torch;

namespace HydroWorkshop.Models.Maps;

/// <summary>Slopes of a map per cell, the terrain and water-surface inputs of the breach models
/// (<see cref="FloodStepper"/>, <see cref="CoarseRefiner"/>, <see cref="OnePassFlood"/>).</summary>
public static class MapSlopes
{
    /// <summary>Central differences of a map per cell (one-sided, halved, at the edges), in the map's units per cell:
    /// [N, 1, y, x] → x and y slopes, [N, 1, y, x] each.</summary>
    public static (Tensor X, Tensor Y) Central(Tensor map)
    {
        var padded = nn.functional.pad(map, [1, 1, 1, 1], PaddingModes.Replicate);
        return ((padded[.., .., 1..^1, 2..] - padded[.., .., 1..^1, ..^2]) * 0.5,
            (padded[.., .., 2.., 1..^1] - padded[.., .., ..^2, 1..^1]) * 0.5);
    }
}
