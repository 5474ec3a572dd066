using HydroWorkshop.TestSupport;
using Xunit;

namespace HydroWorkshop.Physics.Tests;

public class VelocityFieldComparisonTests
{
    // 1 m/s eastwards over 0.1 m of water in the west half of a 2 x 1 m domain; dry east half.
    private static ShallowWaterSolver FlowingWestHalf()
    {
        var solver = new ShallowWaterSolver(new ShallowWaterDomain(20, 10, 0.1), new SolverOptions { Threads = 1 });
        solver.SetState((x, _) => x < 1.0 ? (0.1, 1.0, 0.0) : (0.0, 0.0, 0.0));
        return solver;
    }

    private static MeasuredVelocityField Field(params (double X, double Y, double U, double V)[] points)
    {
        using var folder = new TempFolder();
        return MeasuredVelocityField.Read(folder.File("velocity.txt", "Velocity field t=1s\nx (m)\ty (m)\tu (m/s)\tv (m/s)\n" +
            string.Concat(points.Select(p => FormattableString.Invariant($"{p.X}\t{p.Y}\t{p.U}\t{p.V}\n")))));
    }

    [Fact]
    public void Compare_FieldEqualToModel_HasZeroRmseAndFullAgreement()
    {
        var comparison = VelocityFieldComparison.Compare(FlowingWestHalf(), Field((0.25, 0.5, 1, 0), (0.75, 0.25, 1, 0), (1.5, 0.5, 0, 0)));

        Assert.Equal(0, comparison.VectorRmse, 12);
        Assert.Equal(1, comparison.MotionAgreement);
        Assert.Equal(3, comparison.Points);
    }

    [Fact]
    public void Compare_WaterMovingOnlyWhereTheModelIsDry_CountsEveryPointAsDisagreeing()
    {
        // Measured: still in the west half, 2 m/s northwards in the (dry) east half.
        var comparison = VelocityFieldComparison.Compare(FlowingWestHalf(), Field((0.25, 0.5, 0, 0), (1.5, 0.5, 0, 2)));

        Assert.Equal(Math.Sqrt((1.0 * 1.0 + 2.0 * 2.0) / 2), comparison.VectorRmse, 12);
        Assert.Equal(0, comparison.MotionAgreement);
    }

    [Fact]
    public void Compare_PointsOutsideTheDomain_AreSkippedAndNoneLeftThrows()
    {
        var some = VelocityFieldComparison.Compare(FlowingWestHalf(), Field((0.25, 0.5, 1, 0), (5, 5, 0, 0)));
        Assert.Equal(1, some.Points);

        var error = Assert.Throws<ArgumentException>(() => VelocityFieldComparison.Compare(FlowingWestHalf(), Field((5, 5, 0, 0))));
        Assert.Contains("t = 1 s", error.Message);
    }
}
