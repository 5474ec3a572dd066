namespace HydroWorkshop.Common;

/// <summary>
/// US discharge units and runoff depth. Here rather than beside the CAMELS-US reader (<c>Data.CamelsUsFiles</c>) because
/// the synthetic basins (<c>Data.Synthetic</c>) write the same ft³/s files, and the reader's namespace already depends on
/// the generator's: the one conversion sits below both.
/// </summary>
public static class DischargeUnits
{
    /// <summary>One cubic foot in cubic metres (0.3048^3).</summary>
    public const double CubicFootInCubicMetres = 0.3048 * 0.3048 * 0.3048;

    /// <summary>Discharge in ft3/s to runoff depth in mm/day over a basin of <paramref name="areaSquareMetres"/> m2.</summary>
    public static double CubicFeetPerSecondToMillimetresPerDay(double discharge, double areaSquareMetres) =>
        discharge * CubicFootInCubicMetres * 86400.0 * 1000.0 / areaSquareMetres;
}
