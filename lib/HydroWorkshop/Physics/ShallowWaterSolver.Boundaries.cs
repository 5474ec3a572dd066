namespace HydroWorkshop.Physics;

public sealed partial class ShallowWaterSolver
{
    // Per boundary face: its condition, its segment (-1: the side's default) and its fixed level (m).
    private BoundaryKind[] _westKind = [], _eastKind = [], _southKind = [], _northKind = [];
    private int[] _westSegment = [], _eastSegment = [], _southSegment = [], _northSegment = [];
    private double[] _westLevel = [], _eastLevel = [], _southLevel = [], _northLevel = [];
    // Per segment: open (non-solid) face length (m) and the current discharge per unit width (m2/s).
    private double[] _segmentOpenLength = [];
    private double[] _segmentUnitDischarge = [];

    // Sorted times (s) where an inflow hydrograph changes slope.
    private double[] _breakpoints = [];

    private void BuildBoundaries()
    {
        _breakpoints = _domain.Segments
            .Where(s => s.Kind == BoundaryKind.Inflow && s.Inflow is not null)
            .SelectMany(s => s.Inflow!.Times)
            .Distinct()
            .Order()
            .ToArray();
        (_westKind, _westSegment, _westLevel) = BuildSide(BoundarySide.West, _ny);
        (_eastKind, _eastSegment, _eastLevel) = BuildSide(BoundarySide.East, _ny);
        (_southKind, _southSegment, _southLevel) = BuildSide(BoundarySide.South, _nx);
        (_northKind, _northSegment, _northLevel) = BuildSide(BoundarySide.North, _nx);
        var segments = _domain.Segments;
        _segmentOpenLength = new double[segments.Count];
        _segmentUnitDischarge = new double[segments.Count];
        AddOpenLength(BoundarySide.West, _westSegment, _dy);
        AddOpenLength(BoundarySide.East, _eastSegment, _dy);
        AddOpenLength(BoundarySide.South, _southSegment, _dx);
        AddOpenLength(BoundarySide.North, _northSegment, _dx);
        for (var s = 0; s < segments.Count; s++)
        {
            if (segments[s].Kind == BoundaryKind.Inflow && _segmentOpenLength[s] <= 0)
                throw new ShallowWaterInputException($"boundary segment {s} (Inflow on {segments[s].Side}, {segments[s].Start}..{segments[s].End} m) has no open face left: a later segment or solid cells cover it");
        }
    }

    private (BoundaryKind[] Kinds, int[] Segments, double[] Levels) BuildSide(BoundarySide side, int count)
    {
        var kinds = new BoundaryKind[count];
        var segmentOf = new int[count];
        var levels = new double[count];
        Array.Fill(kinds, _domain.SideKind(side));
        Array.Fill(segmentOf, -1);
        Array.Fill(levels, _domain.SideFixedLevel);
        var size = side is BoundarySide.West or BoundarySide.East ? _dy : _dx;
        for (var s = 0; s < _domain.Segments.Count; s++)
        {
            var segment = _domain.Segments[s];
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
            if (segmentOf[k] >= 0 && !_solid[_domain.BoundaryCell(side, k)]) _segmentOpenLength[segmentOf[k]] += size;
        }
    }

    /// <summary>The first hydrograph breakpoint after <paramref name="time"/> (s); +infinity when none.</summary>
    private double NextBreakpoint(double time)
    {
        foreach (var t in _breakpoints)
            if (t > time + 1e-9) return t;
        return double.PositiveInfinity;
    }

    /// <summary>Discharge per unit width (m2/s) of each inflow segment at <paramref name="time"/> (s).</summary>
    private void UpdateBoundaryForcing(double time)
    {
        var segments = _domain.Segments;
        for (var s = 0; s < segments.Count; s++)
        {
            _segmentUnitDischarge[s] = segments[s] is { Kind: BoundaryKind.Inflow, Inflow: { } hydrograph }
                ? hydrograph.At(time) / _segmentOpenLength[s]
                : 0;
        }
    }
}
