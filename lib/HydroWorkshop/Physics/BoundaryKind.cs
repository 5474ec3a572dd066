namespace HydroWorkshop.Physics;

/// <summary>One side of the rectangular domain. West is x = origin (column 0), South is y = origin (row 0).</summary>
public enum BoundarySide
{
    West,
    East,
    South,
    North,
}

/// <summary>What a boundary face does to the flow.</summary>
public enum BoundaryKind
{
    /// <summary>Reflective, impermeable wall (also used for faces against solid obstacle cells).</summary>
    Wall,
    /// <summary>Free (transmissive) outflow: water leaves with the interior state; inflowing water is reflected.</summary>
    FreeOutflow,
    /// <summary>Fixed water-surface elevation (m) outside the face, velocity from the outgoing Riemann invariant.</summary>
    FixedLevel,
    /// <summary>Prescribed discharge hydrograph (m3/s) spread evenly over the segment's open faces.</summary>
    Inflow,
}
