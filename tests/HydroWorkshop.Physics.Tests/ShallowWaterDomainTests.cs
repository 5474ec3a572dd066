using HydroWorkshop.Physics;
using Xunit;

namespace HydroWorkshop.Physics.Tests;

public class ShallowWaterDomainTests
{
    [Fact]
    public void Validate_NonPositiveRoughness_ThrowsNamingCellAndQuantity()
    {
        var domain = new ShallowWaterDomain(5, 4, 0.1);
        domain.SetUniformRoughness(0.02);
        domain.ManningRoughness![domain.Index(3, 2)] = 0;

        var error = Assert.Throws<ShallowWaterInputException>(() => new ShallowWaterSolver(domain));

        Assert.Contains("Manning roughness", error.Message);
        Assert.Contains("column 3, row 2", error.Message);
    }

    [Fact]
    public void Validate_NonFiniteBed_ThrowsNamingCell()
    {
        var domain = new ShallowWaterDomain(5, 4, 0.1);
        domain.BedElevation[domain.Index(1, 3)] = double.NaN;

        var error = Assert.Throws<ShallowWaterInputException>(domain.Validate);

        Assert.Contains("bed elevation", error.Message);
        Assert.Contains("column 1, row 3", error.Message);
    }

    [Fact]
    public void Validate_CrestsOfWrongLength_ThrowsNamingTheArrayAndCount()
    {
        var domain = new ShallowWaterDomain(5, 4, 0.1) { FaceCrestX = new double[5 * 4] };

        var error = Assert.Throws<ShallowWaterInputException>(domain.Validate);

        Assert.Contains("FaceCrestX has 20 values", error.Message);
        Assert.Contains("6 x 4 = 24", error.Message);
    }

    [Fact]
    public void Validate_NaNCrest_ThrowsNamingTheFace()
    {
        var crests = new double[5 * 5];
        crests[2 * 5 + 3] = double.NaN;
        var domain = new ShallowWaterDomain(5, 4, 0.1) { FaceCrestY = crests };

        var error = Assert.Throws<ShallowWaterInputException>(domain.Validate);

        Assert.Contains("FaceCrestY at y face 3 of row 2", error.Message);
    }

    [Fact]
    public void Validate_SegmentOutsideSide_ThrowsNamingSegment()
    {
        var domain = new ShallowWaterDomain(5, 4, 0.1);
        domain.Segments.Add(BoundarySegment.InflowOver(BoundarySide.West, 0.1, 0.9, Hydrograph.Constant(1)));

        var error = Assert.Throws<ShallowWaterInputException>(domain.Validate);

        Assert.Contains("boundary segment 0", error.Message);
        Assert.Contains("West", error.Message);
        Assert.Contains("0..0.4 m", error.Message);
    }

    [Fact]
    public void Validate_SegmentOnlyOverSolidCells_Throws()
    {
        var domain = new ShallowWaterDomain(5, 4, 0.1);
        domain.MarkSolid((x, _) => x < 0.1);
        domain.Segments.Add(BoundarySegment.InflowOver(BoundarySide.West, 0.1, 0.3, Hydrograph.Constant(1)));

        var error = Assert.Throws<ShallowWaterInputException>(domain.Validate);

        Assert.Contains("no open", error.Message);
    }

    [Fact]
    public void Validate_InflowSegmentWithoutHydrograph_Throws()
    {
        var domain = new ShallowWaterDomain(5, 4, 0.1);
        domain.Segments.Add(new BoundarySegment(BoundarySide.North, 0, 0.2, BoundaryKind.Inflow));

        Assert.Throws<ShallowWaterInputException>(domain.Validate);
    }

    [Fact]
    public void Constructor_NonPositiveCellSize_Throws()
    {
        Assert.Throws<ShallowWaterInputException>(() => new ShallowWaterDomain(5, 4, 0));
        Assert.Throws<ShallowWaterInputException>(() => new ShallowWaterDomain(0, 4, 1));
    }

    [Fact]
    public void CellAt_PointInsideAndOutside_FindsCellOrNull()
    {
        var domain = new ShallowWaterDomain(10, 5, 0.5, originX: -1, originY: 2);

        Assert.Equal((2, 1), domain.CellAt(0.2, 2.9));
        Assert.Null(domain.CellAt(-1.1, 3));
    }
}
