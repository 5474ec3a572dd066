namespace HydroWorkshop.Physics.Vegetation;

/// <summary>One array of a vegetation data set, ready for a file writer (netCDF, npy): name, units, dimension names,
/// shape and the values flat in row-major order.</summary>
/// <param name="Name">Variable name, lower_snake_case (e.g. "lai").</param>
/// <param name="Units">Units in the CF style ("m2 m-2", "mm", "mm day-1", "1", "days since 2001-01-01").</param>
/// <param name="Dimensions">Dimension names, slowest first ("time", "lat", "lon", "event").</param>
/// <param name="Shape">Length of each dimension.</param>
/// <param name="Values">The values, row-major: a float[] or an int[].</param>
/// <param name="Description">What the variable is and where it comes from (a long_name/comment attribute).</param>
public sealed record VegetationVariable(string Name, string Units, string[] Dimensions, int[] Shape, Array Values, string Description);
