namespace HydroWorkshop.Physics;

public sealed partial class ShallowWaterSolver
{
    // Per boundary face: its condition, its segment (-1: the side's default) and its fixed level (m).
    private BoundaryKind[] westKind = [], eastKind = [], southKind = [], northKind = [];
    private int[] westSegment = [], eastSegment = [], southSegment = [], northSegment = [];
    private double[] westLevel = [], eastLevel = [], southLevel = [], northLevel = [];
    // Per segment: open (non-solid) face length (m) and the current discharge per unit width (m2/s).
    private double[] segmentOpenLength = [];
    private double[] segmentUnitDischarge = [];

    // Sorted times (s) where an inflow hydrograph changes slope.
    private double[] breakpoints = [];

    private void BuildBoundaries()
    {
        breakpoints = domain.Segments
            .Where(s => s.Kind == BoundaryKind.Inflow && s.Inflow is not null)
            .SelectMany(s => s.Inflow!.Times)
            .Distinct()
            .Order()
            .ToArray();
        (westKind, westSegment, westLevel) = BuildSide(BoundarySide.West, ny);
        (eastKind, eastSegment, eastLevel) = BuildSide(BoundarySide.East, ny);
        (southKind, southSegment, southLevel) = BuildSide(BoundarySide.South, nx);
        (northKind, northSegment, northLevel) = BuildSide(BoundarySide.North, nx);
        var segments = domain.Segments;
        segmentOpenLength = new double[segments.Count];
        segmentUnitDischarge = new double[segments.Count];
        AddOpenLength(BoundarySide.West, westSegment, dy);
        AddOpenLength(BoundarySide.East, eastSegment, dy);
        AddOpenLength(BoundarySide.South, southSegment, dx);
        AddOpenLength(BoundarySide.North, northSegment, dx);
        for (var s = 0; s < segments.Count; s++)
        {
            if (segments[s].Kind == BoundaryKind.Inflow && segmentOpenLength[s] <= 0)
                throw new ShallowWaterInputException(
                    $"boundary segment {s} (Inflow on {segments[s].Side}, {segments[s].Start}..{segments[s].End} m) has no open face left: a later segment or solid cells cover it");
        }
    }

    private (BoundaryKind[] Kinds, int[] Segments, double[] Levels) BuildSide(BoundarySide side, int count)
    {
        var kinds = new BoundaryKind[count];
        var segmentOf = new int[count];
        var levels = new double[count];
        Array.Fill(kinds, domain.SideKind(side));
        Array.Fill(segmentOf, -1);
        Array.Fill(levels, domain.SideFixedLevel);
        var size = side is BoundarySide.West or BoundarySide.East ? dy : dx;
        for (var s = 0; s < domain.Segments.Count; s++)
        {
            var segment = domain.Segments[s];
            if (segment.Side != side) continue;
            for (var k = 0; k < count; k++)
            {
                if (!segment.Covers(k, size)) continue;
                kinds[k] = segment.Kind;
                segmentOf[k] = s;
                levels[k] = segment.FixedLevel;
            }
        }
        return (kinds, segmentOf, levels);
    }

    private void AddOpenLength(BoundarySide side, int[] segmentOf, double size)
    {
        for (var k = 0; k < segmentOf.Length; k++)
        {
            if (segmentOf[k] >= 0 && !solid[domain.BoundaryCell(side, k)]) segmentOpenLength[segmentOf[k]] += size;
        }
    }

    /// <summary>The first hydrograph breakpoint after <paramref name="time"/> (s); +infinity when none.</summary>
    private double NextBreakpoint(double time)
    {
        foreach (var t in breakpoints)
            if (t > time + 1e-9) return t;
        return double.PositiveInfinity;
    }

    /// <summary>Discharge per unit width (m2/s) of each inflow segment at <paramref name="time"/> (s).</summary>
    private void UpdateBoundaryForcing(double time)
    {
        var segments = domain.Segments;
        for (var s = 0; s < segments.Count; s++)
        {
            segmentUnitDischarge[s] = segments[s] is { Kind: BoundaryKind.Inflow, Inflow: { } hydrograph }
                ? hydrograph.At(time) / segmentOpenLength[s]
                : 0;
        }
    }
}
