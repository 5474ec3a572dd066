namespace HydroWorkshop.Physics;

/// <summary>
/// A stretch of one domain side with its own boundary condition. <paramref name="Start"/> and <paramref name="End"/>
/// are distances (m) along the side from the domain origin (x for South/North, y for West/East); a boundary face
/// belongs to the segment when its centre lies in [Start, End].
/// </summary>
/// <param name="Side">Which side of the domain.</param>
/// <param name="Start">Start of the segment along the side (m, from the origin corner).</param>
/// <param name="End">End of the segment along the side (m).</param>
/// <param name="Kind">The condition on this segment.</param>
/// <param name="Inflow">Discharge hydrograph (m3/s, whole segment) for <see cref="BoundaryKind.Inflow"/>.</param>
/// <param name="FixedLevel">Water-surface elevation (m) for <see cref="BoundaryKind.FixedLevel"/>.</param>
public sealed record BoundarySegment(
    BoundarySide Side,
    double Start,
    double End,
    BoundaryKind Kind,
    Hydrograph? Inflow = null,
    double FixedLevel = double.NaN)
{
    /// <summary>An inflow hydrograph over [start, end] of a side.</summary>
    public static BoundarySegment InflowOver(BoundarySide side, double start, double end, Hydrograph discharge) =>
        new(side, start, end, BoundaryKind.Inflow, Inflow: discharge);

    /// <summary>A fixed water-surface elevation over [start, end] of a side.</summary>
    public static BoundarySegment FixedLevelOver(BoundarySide side, double start, double end, double level) =>
        new(side, start, end, BoundaryKind.FixedLevel, FixedLevel: level);

    /// <summary>Whether boundary face <paramref name="k"/> (counted from the origin corner along the side, faces
    /// <paramref name="cellSize"/> m long) belongs to this segment: its centre lies in [Start, End].</summary>
    public bool Covers(int k, double cellSize)
    {
        var centre = (k + 0.5) * cellSize;
        return centre >= Start && centre <= End;
    }
}
