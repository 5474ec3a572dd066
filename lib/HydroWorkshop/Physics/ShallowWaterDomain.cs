using System.Globalization;

namespace HydroWorkshop.Physics;

/// <summary>
/// The geometry and boundary set-up of a 2D shallow-water model on a regular grid of
/// <see cref="Columns"/> x <see cref="Rows"/> cells. Cell arrays are row-major <c>[y, x]</c>:
/// index = row * Columns + column, row 0 at the South side (y = OriginY), column 0 at the West side.
/// </summary>
public sealed class ShallowWaterDomain
{
    /// <param name="columns">Number of cells along x (at least 1).</param>
    /// <param name="rows">Number of cells along y (at least 1).</param>
    /// <param name="cellSizeX">Cell size along x (m).</param>
    /// <param name="cellSizeY">Cell size along y (m); default: square cells.</param>
    /// <param name="originX">x (m) of the West side.</param>
    /// <param name="originY">y (m) of the South side.</param>
    public ShallowWaterDomain(int columns, int rows, double cellSizeX, double? cellSizeY = null, double originX = 0, double originY = 0)
    {
        if (columns < 1 || rows < 1)
            throw new ShallowWaterInputException($"grid must have at least 1 x 1 cells (got {columns} columns x {rows} rows)");
        var dy = cellSizeY ?? cellSizeX;
        if (!(cellSizeX > 0) || !double.IsFinite(cellSizeX) || !(dy > 0) || !double.IsFinite(dy))
            throw new ShallowWaterInputException($"cell size must be positive and finite (got dx = {cellSizeX} m, dy = {dy} m)");
        if (!double.IsFinite(originX) || !double.IsFinite(originY))
            throw new ShallowWaterInputException($"origin must be finite (got x = {originX} m, y = {originY} m)");
        if ((long)columns * rows > int.MaxValue / 4)
            throw new ShallowWaterInputException($"grid of {columns} x {rows} cells is too large");
        Columns = columns;
        Rows = rows;
        CellSizeX = cellSizeX;
        CellSizeY = dy;
        OriginX = originX;
        OriginY = originY;
        BedElevation = new double[columns * rows];
        Solid = new bool[columns * rows];
    }

    public int Columns { get; }
    public int Rows { get; }
    public int CellCount => Columns * Rows;
    /// <summary>Cell size along x (m).</summary>
    public double CellSizeX { get; }
    /// <summary>Cell size along y (m).</summary>
    public double CellSizeY { get; }
    public double OriginX { get; }
    public double OriginY { get; }
    /// <summary>Length of the domain along x (m).</summary>
    public double LengthX => Columns * CellSizeX;
    /// <summary>Length of the domain along y (m).</summary>
    public double LengthY => Rows * CellSizeY;

    /// <summary>Bed elevation z (m) per cell, <c>[y, x]</c>.</summary>
    public double[] BedElevation { get; }

    /// <summary>Solid (obstacle) cells, <c>[y, x]</c>: never wet, walls on their faces.</summary>
    public bool[] Solid { get; }

    /// <summary>Manning roughness n (s/m^(1/3)) per cell <c>[y, x]</c>; null means frictionless.</summary>
    public double[]? ManningRoughness { get; set; }

    /// <summary>Crest elevation (m) of each x face, <c>[row, face]</c> with <see cref="Columns"/> + 1 faces per row, face i
    /// between columns i - 1 and i; null means none. Water crosses an interior face only above the higher of the two beds
    /// and its crest, so a ridge narrower than a cell still holds water back (a coarse grid's block-averaged bed loses it).
    /// Use <see cref="double.NegativeInfinity"/> for a face without a crest; boundary faces ignore it.</summary>
    public double[]? FaceCrestX { get; set; }

    /// <summary>Crest elevation (m) of each y face, <c>[face row, column]</c> with <see cref="Rows"/> + 1 face rows, face row
    /// j between rows j - 1 and j; null means none. See <see cref="FaceCrestX"/>.</summary>
    public double[]? FaceCrestY { get; set; }

    /// <summary>Default condition of each side where no <see cref="Segments"/> entry applies.</summary>
    public BoundaryKind West { get; set; } = BoundaryKind.Wall;
    public BoundaryKind East { get; set; } = BoundaryKind.Wall;
    public BoundaryKind South { get; set; } = BoundaryKind.Wall;
    public BoundaryKind North { get; set; } = BoundaryKind.Wall;

    /// <summary>Default fixed level (m) of a whole side set to <see cref="BoundaryKind.FixedLevel"/>.</summary>
    public double SideFixedLevel { get; set; } = double.NaN;

    /// <summary>Boundary segments, applied in order (a later segment overrides an earlier one on shared faces).</summary>
    public List<BoundarySegment> Segments { get; } = [];

    /// <summary>Cell index of (column, row).</summary>
    public int Index(int column, int row) => row * Columns + column;

    /// <summary>x (m) of the centre of column <paramref name="column"/>.</summary>
    public double CellCenterX(int column) => OriginX + (column + 0.5) * CellSizeX;

    /// <summary>y (m) of the centre of row <paramref name="row"/>.</summary>
    public double CellCenterY(int row) => OriginY + (row + 0.5) * CellSizeY;

    /// <summary>The cell that contains point (x, y), or null outside the domain.</summary>
    public (int Column, int Row)? CellAt(double x, double y)
    {
        var column = (int)Math.Floor((x - OriginX) / CellSizeX);
        var row = (int)Math.Floor((y - OriginY) / CellSizeY);
        if (column < 0 || column >= Columns || row < 0 || row >= Rows) return null;
        return (column, row);
    }

    /// <summary>Sets the Manning roughness n (s/m^(1/3)) of every cell.</summary>
    public void SetUniformRoughness(double manning)
    {
        var n = new double[CellCount];
        Array.Fill(n, manning);
        ManningRoughness = n;
    }

    /// <summary>Sets the bed elevation from a function of the cell centre (x, y) in metres.</summary>
    public void SetBed(Func<double, double, double> elevation)
    {
        for (var row = 0; row < Rows; row++)
            for (var column = 0; column < Columns; column++)
                BedElevation[Index(column, row)] = elevation(CellCenterX(column), CellCenterY(row));
    }

    /// <summary>Marks as solid every cell whose centre satisfies <paramref name="inside"/>(x, y).</summary>
    public void MarkSolid(Func<double, double, bool> inside)
    {
        for (var row = 0; row < Rows; row++)
            for (var column = 0; column < Columns; column++)
                if (inside(CellCenterX(column), CellCenterY(row))) Solid[Index(column, row)] = true;
    }

    /// <summary>The kind of a side without segments.</summary>
    public BoundaryKind SideKind(BoundarySide side) => side switch
    {
        BoundarySide.West => West,
        BoundarySide.East => East,
        BoundarySide.South => South,
        _ => North,
    };

    /// <summary>Length (m) of a side.</summary>
    public double SideLength(BoundarySide side) => side is BoundarySide.West or BoundarySide.East ? LengthY : LengthX;

    /// <summary>Checks the whole set-up; throws <see cref="ShallowWaterInputException"/> naming the cell, segment and quantity.</summary>
    public void Validate()
    {
        for (var k = 0; k < CellCount; k++)
        {
            if (!double.IsFinite(BedElevation[k]))
                throw new ShallowWaterInputException(
                    $"bed elevation at cell (column {k % Columns}, row {k / Columns}) is {Format(BedElevation[k])} m; must be finite");
        }
        if (ManningRoughness is { } n)
        {
            if (n.Length != CellCount)
                throw new ShallowWaterInputException(
                    $"Manning roughness has {n.Length} values; the grid has {CellCount} cells ({Columns} x {Rows})");
            for (var k = 0; k < CellCount; k++)
            {
                if (!(n[k] > 0) || !double.IsFinite(n[k]))
                    throw new ShallowWaterInputException(
                        $"Manning roughness at cell (column {k % Columns}, row {k / Columns}) is {Format(n[k])} s/m^(1/3); must be positive and finite (use null for frictionless)");
            }
        }
        ValidateCrests(FaceCrestX, nameof(FaceCrestX), Columns + 1, Rows, "x face");
        ValidateCrests(FaceCrestY, nameof(FaceCrestY), Columns, Rows + 1, "y face");
        foreach (var side in Enum.GetValues<BoundarySide>())
        {
            if (SideKind(side) == BoundaryKind.Inflow)
                throw new ShallowWaterInputException(
                    $"side {side}: an inflow needs a hydrograph; add a BoundarySegment with Kind = Inflow instead of setting the whole side");
            if (SideKind(side) == BoundaryKind.FixedLevel && !double.IsFinite(SideFixedLevel))
                throw new ShallowWaterInputException($"side {side} is FixedLevel but SideFixedLevel is {Format(SideFixedLevel)} m");
        }
        for (var s = 0; s < Segments.Count; s++)
        {
            var segment = Segments[s];
            var length = SideLength(segment.Side);
            var name = $"boundary segment {s} ({segment.Kind} on {segment.Side}, {Format(segment.Start)}..{Format(segment.End)} m)";
            if (!double.IsFinite(segment.Start) || !double.IsFinite(segment.End) || segment.Start >= segment.End)
                throw new ShallowWaterInputException($"{name}: start must be finite and below end");
            if (segment.Start < -1e-9 || segment.End > length + 1e-9)
                throw new ShallowWaterInputException($"{name}: lies outside the side, which runs 0..{Format(length)} m");
            if (segment.Kind == BoundaryKind.Inflow && segment.Inflow is null)
                throw new ShallowWaterInputException($"{name}: inflow segment has no hydrograph");
            if (segment.Kind == BoundaryKind.FixedLevel && !double.IsFinite(segment.FixedLevel))
                throw new ShallowWaterInputException($"{name}: fixed level is {Format(segment.FixedLevel)} m; must be finite");
            var open = 0;
            var count = segment.Side is BoundarySide.West or BoundarySide.East ? Rows : Columns;
            var size = segment.Side is BoundarySide.West or BoundarySide.East ? CellSizeY : CellSizeX;
            for (var k = 0; k < count; k++)
                if (segment.Covers(k, size) && !Solid[BoundaryCell(segment.Side, k)]) open++;
            if (open == 0)
                throw new ShallowWaterInputException($"{name}: covers no open (non-solid) boundary cell centre");
        }
    }

    private static void ValidateCrests(double[]? crests, string name, int perRow, int rows, string what)
    {
        if (crests is null) return;
        if (crests.Length != perRow * rows)
            throw new ShallowWaterInputException(
                $"{name} has {crests.Length} values; the grid has {perRow} x {rows} = {perRow * rows} {what}s");
        for (var k = 0; k < crests.Length; k++)
            if (double.IsNaN(crests[k]) || double.IsPositiveInfinity(crests[k]))
                throw new ShallowWaterInputException(
                    $"{name} at {what} {k % perRow} of row {k / perRow} is {Format(crests[k])} m; must be finite, or -infinity for none");
    }

    /// <summary>The interior cell index next to boundary face <paramref name="k"/> of a side.</summary>
    internal int BoundaryCell(BoundarySide side, int k) => side switch
    {
        BoundarySide.West => Index(0, k),
        BoundarySide.East => Index(Columns - 1, k),
        BoundarySide.South => Index(k, 0),
        _ => Index(k, Rows - 1),
    };

    internal static string Format(double value) => value.ToString("G6", CultureInfo.InvariantCulture);
}
