using System.Text.Json;
using HydroWorkshop.Common;

namespace HydroWorkshop.Models.Maps;

/// <summary>
/// How physical values become model units, fitted on the training events and saved in the run folder
/// (<c>scales.json</c>) so that a run can be reused: depth / <see cref="Depth"/> (m), (bed − <see cref="BedMean"/>) /
/// <see cref="BedScale"/> (m), forcing_k / <see cref="Forcing"/>[k], extra map_k / <see cref="Extra"/>[k], further
/// static map_k / <see cref="MoreStatics"/>[k] (null in runs saved before those maps existed). Depth is only scaled,
/// never shifted, so that zero depth stays zero (dry stays dry) and a ReLU output is non-negative in metres too.
/// </summary>
public sealed record MapScales(double Depth, double BedMean, double BedScale, IReadOnlyList<double> Forcing, IReadOnlyList<double> Extra,
    IReadOnlyList<double>? MoreStatics = null)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>Scaled depth summed over cells that one scaled unit of inflow forcing <paramref name="forcing"/> pours in
    /// over one frame: forcing scale (m³/s) x <paramref name="frameSeconds"/> / (<paramref name="cellArea"/> (m²) x depth
    /// scale (m)). The breach models' volume factor.</summary>
    public double InflowDepthPerFrame(int forcing, double frameSeconds, double cellArea) =>
        Forcing[forcing] * frameSeconds / (cellArea * Depth);

    /// <summary>Scaled depth to scaled bed units, for a water surface (bed + depth).</summary>
    public double DepthToBed => Depth / BedScale;

    /// <summary><paramref name="metres"/> of depth in model units.</summary>
    public double ScaledDepth(double metres) => metres / Depth;

    public void Save(string path) => AtomicFile.WriteAllText(path, JsonSerializer.Serialize(this, Json));

    public static MapScales Load(string path) =>
        JsonSerializer.Deserialize<MapScales>(File.ReadAllText(path)) ?? throw new InvalidDataException(
            $"{path}: not a MapScales JSON file");
}
