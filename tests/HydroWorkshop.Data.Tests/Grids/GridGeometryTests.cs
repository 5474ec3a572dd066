using HydroWorkshop.Data.Grids;
using Xunit;

namespace HydroWorkshop.Data.Tests.Grids;

public class GridGeometryTests
{
    private static readonly GridGeometry RhineMeuse = new(13, 17, 3.5, 52.5, 0.5, 0.5);

    [Fact]
    public void CellOf_PointsInsideAndOutside()
    {
        Assert.Equal((1, 5), RhineMeuse.CellOf(6.11, 51.84));                               // Lobith
        Assert.Equal((0, 0), RhineMeuse.CellOf(3.5, 52.5));                                 // the corner belongs to the first cell
        Assert.Null(RhineMeuse.CellOf(3.49, 50));
        Assert.Null(RhineMeuse.CellOf(5, 46.0));
    }

    [Fact]
    public void FromCentres_EitherLatitudeOrder_SameGeometry()
    {
        var north = RhineMeuse.CellCentresY();
        var east = RhineMeuse.CellCentresX();

        Assert.Equal(52.25, north[0]);
        Assert.Equal(RhineMeuse, GridGeometry.FromCentres(north, east));
        Assert.Equal(RhineMeuse, GridGeometry.FromCentres(north.Reverse().ToArray(), east));
    }

    [Fact]
    public void FromCentres_Irregular_Null()
    {
        Assert.Null(GridGeometry.FromCentres([50, 50.5, 51.5], [4, 4.5]));
        Assert.Null(GridGeometry.FromCentres([50], [4, 4.5]));
    }

    [Fact]
    public void Matches_ToleratesRoundingNotAnotherGrid()
    {
        Assert.True(RhineMeuse.Matches(RhineMeuse with { XUpperLeft = 3.5000001 }));
        Assert.False(RhineMeuse.Matches(RhineMeuse with { XUpperLeft = 4.0 }));
        Assert.False(RhineMeuse.Matches(RhineMeuse with { Rows = 12 }));
    }
}
