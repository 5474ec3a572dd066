namespace HydroWorkshop.Physics;

/// <summary>An invalid model set-up: geometry, boundary segment, roughness or initial state. The message names
/// the cell or segment and the quantity.</summary>
public sealed class ShallowWaterInputException(string message) : ArgumentException(message);

/// <summary>The state became non-finite during a run. Names the simulated time, the cell and the quantity.</summary>
public sealed class SolverDivergedException(string message, double time, int column, int row, string quantity)
    : InvalidOperationException(message)
{
    /// <summary>Simulated time (s) of the step that produced the bad value.</summary>
    public double Time { get; } = time;
    /// <summary>Column (x index) of the first bad cell.</summary>
    public int Column { get; } = column;
    /// <summary>Row (y index) of the first bad cell.</summary>
    public int Row { get; } = row;
    /// <summary>The quantity that is not finite: "depth", "discharge x" or "discharge y".</summary>
    public string Quantity { get; } = quantity;
}
