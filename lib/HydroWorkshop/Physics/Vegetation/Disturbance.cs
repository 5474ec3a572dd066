namespace HydroWorkshop.Physics.Vegetation;

/// <summary>One disturbance event: on <paramref name="Day"/> every cell within <paramref name="Radius"/> cells of
/// (<paramref name="Row"/>, <paramref name="Column"/>) loses up to <paramref name="Severity"/> of its leaves and of its
/// canopy capacity (which then regrows on the class's recovery time). Drawn by <see cref="DisturbanceRegime"/>.</summary>
/// <param name="Day">Index into the simulation's time axis (0 = start date).</param>
/// <param name="Row">Centre row (y index) of the patch.</param>
/// <param name="Column">Centre column (x index) of the patch.</param>
/// <param name="Radius">Patch radius in cells (0 = the centre cell only); Euclidean distance in index space.</param>
/// <param name="Kind">Storm, fire or clear-cut.</param>
/// <param name="Severity">Fraction (0-1) of leaves and canopy capacity lost by a fully susceptible cell.</param>
public sealed record Disturbance(int Day, int Row, int Column, double Radius, DisturbanceKind Kind, double Severity)
{
    /// <summary>Water-stress memory (0-1, 1 = unstressed) below which a cell is dry enough to burn.</summary>
    public const double FireStressThreshold = 0.6;

    /// <summary>True when cell (<paramref name="row"/>, <paramref name="column"/>) lies in the patch.</summary>
    public bool Covers(int row, int column)
    {
        double dy = row - Row, dx = column - Column;
        return dy * dy + dx * dx <= Radius * Radius + 1e-9;
    }

    /// <summary>Fraction (0-1) of leaves and canopy capacity the event removes from a cell of class
    /// <paramref name="landCover"/> whose water-stress memory is <paramref name="waterStress"/> (1 = unstressed). WHY the
    /// class matters: storms and clear-cuts are forest events (a storm flattens some crops, so 20 % there); a fire needs
    /// dry fuel, so a moist cell does not burn.</summary>
    public double LossFor(LandCover landCover, double waterStress)
    {
        bool forest = landCover is LandCover.DeciduousForest or LandCover.EvergreenForest;
        double susceptibility = Kind switch
        {
            DisturbanceKind.Storm => forest ? 1.0 : 0.2,
            DisturbanceKind.ClearCut => forest ? 1.0 : 0.0,
            DisturbanceKind.Fire => waterStress < FireStressThreshold ? 1.0 : 0.0,
            _ => 0.0,
        };
        return Math.Clamp(Severity * susceptibility, 0, 1);
    }
}
