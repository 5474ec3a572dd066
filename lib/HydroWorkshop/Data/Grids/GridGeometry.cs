namespace HydroWorkshop.Data.Grids;

/// <summary>
/// A regular north-up grid: row 0 is the northernmost (top) row, column 0 the westernmost. For geographic grids x is
/// longitude and y latitude (degrees); the Rhine–Meuse maps are 13 rows × 17 columns of 0.5° with the upper-left
/// corner at (3.5 °E, 52.5 °N).
/// </summary>
/// <param name="Rows">Number of rows (y).</param>
/// <param name="Columns">Number of columns (x).</param>
/// <param name="XUpperLeft">x of the grid's upper-left corner (the western edge, not a cell centre).</param>
/// <param name="YUpperLeft">y of the upper-left corner (the northern edge).</param>
/// <param name="CellSizeX">Cell width, positive.</param>
/// <param name="CellSizeY">Cell height, positive (y decreases down the rows).</param>
public sealed record GridGeometry(int Rows, int Columns, double XUpperLeft, double YUpperLeft, double CellSizeX, double CellSizeY)
{
    public int Cells => Rows * Columns;

    /// <summary>x (longitude) of the centre of cells in <paramref name="column"/>.</summary>
    public double CellCentreX(int column) => XUpperLeft + (column + 0.5) * CellSizeX;

    /// <summary>y (latitude) of the centre of cells in <paramref name="row"/>.</summary>
    public double CellCentreY(int row) => YUpperLeft - (row + 0.5) * CellSizeY;

    /// <summary>Centres of all columns [columns], west to east.</summary>
    public double[] CellCentresX() => Enumerable.Range(0, Columns).Select(CellCentreX).ToArray();

    /// <summary>Centres of all rows [rows], north to south (descending).</summary>
    public double[] CellCentresY() => Enumerable.Range(0, Rows).Select(CellCentreY).ToArray();

    /// <summary>The cell holding point (<paramref name="x"/>, <paramref name="y"/>), or null outside the grid.</summary>
    public (int Row, int Column)? CellOf(double x, double y)
    {
        var column = (int)Math.Floor((x - XUpperLeft) / CellSizeX);
        var row = (int)Math.Floor((YUpperLeft - y) / CellSizeY);
        return row >= 0 && row < Rows && column >= 0 && column < Columns ? (row, column) : null;
    }

    /// <summary>True when <paramref name="other"/> has the same rows, columns, corner and cell sizes (within a thousandth of a
    /// cell).</summary>
    public bool Matches(GridGeometry other) =>
        Rows == other.Rows && Columns == other.Columns
        && Math.Abs(XUpperLeft - other.XUpperLeft) <= 1e-3 * CellSizeX && Math.Abs(YUpperLeft - other.YUpperLeft) <= 1e-3 * CellSizeY
        && Math.Abs(CellSizeX - other.CellSizeX) <= 1e-6 * CellSizeX && Math.Abs(CellSizeY - other.CellSizeY) <= 1e-6 * CellSizeY;

    /// <summary>The geometry of regular cell-centre coordinates (either order of <paramref name="latitudes"/>); null when
    /// they are not evenly spaced (within 1 % of a cell) or have fewer than two values.</summary>
    public static GridGeometry? FromCentres(IReadOnlyList<double> latitudes, IReadOnlyList<double> longitudes)
    {
        if (latitudes.Count < 2 || longitudes.Count < 2) return null;
        var dyStep = latitudes[1] - latitudes[0];
        var dy = Math.Abs(dyStep);
        var dx = longitudes[1] - longitudes[0];
        if (dy <= 0 || dx <= 0 || !Even(latitudes, dyStep) || !Even(longitudes, dx)) return null;
        var north = Math.Max(latitudes[0], latitudes[^1]);
        return new GridGeometry(latitudes.Count, longitudes.Count, longitudes[0] - dx / 2, north + dy / 2, dx, dy);

        static bool Even(IReadOnlyList<double> values, double step)
        {
            for (var i = 1; i < values.Count; i++)
                if (Math.Abs(values[i] - values[i - 1] - step) > 0.01 * Math.Abs(step)) return false;
            return true;
        }
    }
}
