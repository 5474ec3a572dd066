using HydroWorkshop.Physics;
using Xunit;

namespace HydroWorkshop.Physics.Tests;

public class ShallowWaterSolverTests
{
    /// <summary>A smooth, partly emerged bumpy bed: two Gaussian mounds, the taller one sticking out of the water.</summary>
    private static ShallowWaterDomain BumpyBasin(int columns = 40, int rows = 30)
    {
        var domain = new ShallowWaterDomain(columns, rows, 0.1);
        domain.SetBed((x, y) =>
            0.8 * Math.Exp(-((x - 1.2) * (x - 1.2) + (y - 1.5) * (y - 1.5)) / 0.2)
            + 0.3 * Math.Exp(-((x - 2.8) * (x - 2.8) + (y - 1.0) * (y - 1.0)) / 0.3)
            + 0.05 * Math.Sin(3 * x) * Math.Cos(2 * y));
        return domain;
    }

    [Fact]
    public void Step_LakeAtRestOverBumpyBed_StaysAtRest()
    {
        var domain = BumpyBasin();
        domain.Solid[domain.Index(20, 10)] = true; // an obstacle cell too
        domain.SetUniformRoughness(0.02);
        var solver = new ShallowWaterSolver(domain);
        solver.SetWaterLevel((_, _) => 0.5);
        var depth0 = solver.Depth.ToArray();
        Assert.Contains(depth0, h => h == 0); // the tall mound emerges: wet/dry fronts are part of the test

        for (var step = 0; step < 1000; step++) solver.Step();

        var maxVelocity = 0.0;
        var maxLevelChange = 0.0;
        for (var k = 0; k < depth0.Length; k++)
        {
            var h = solver.Depth[k];
            if (h > 1e-6) maxVelocity = Math.Max(maxVelocity,
                Math.Sqrt(solver.DischargeX[k] * solver.DischargeX[k] + solver.DischargeY[k] * solver.DischargeY[k]) / h);
            maxLevelChange = Math.Max(maxLevelChange, Math.Abs(h - depth0[k]));
        }
        Assert.Equal(1000, solver.Steps);
        Assert.True(maxVelocity < 1e-10, $"max velocity {maxVelocity:E3} m/s after 1000 steps");
        Assert.True(maxLevelChange < 1e-12, $"max depth change {maxLevelChange:E3} m");
    }

    [Fact]
    public void Step_LakeAtRestOverCrestsBelowAndAboveItsLevel_StaysAtRest()
    {
        // Crests raise the faces' levels in the hydrostatic reconstruction; the pressure corrections must still balance,
        // whether the crest lies under the water (0.45, 0.4 m) or stands above it (0.6 m).
        var domain = BumpyBasin();
        domain.FaceCrestX = [.. Enumerable.Range(0, 41 * 30).Select(k => k % 3 == 0 ? 0.45 : k % 3 == 1 ? 0.6 : double.NegativeInfinity)];
        domain.FaceCrestY = [.. Enumerable.Range(0, 40 * 31).Select(k => k % 2 == 0 ? 0.4 : double.NegativeInfinity)];
        var solver = new ShallowWaterSolver(domain);
        solver.SetWaterLevel((_, _) => 0.5);
        var depth0 = solver.Depth.ToArray();

        for (var step = 0; step < 1000; step++) solver.Step();

        var maxChange = Enumerable.Range(0, depth0.Length).Max(k => Math.Abs(solver.Depth[k] - depth0[k]));
        var maxDischarge = Enumerable.Range(0, depth0.Length)
            .Max(k => Math.Max(Math.Abs(solver.DischargeX[k]), Math.Abs(solver.DischargeY[k])));
        Assert.True(maxChange < 1e-12, $"max depth change {maxChange:E3} m");
        Assert.True(maxDischarge < 1e-12, $"max discharge {maxDischarge:E3} m2/s");
    }

    /// <summary>A 20 x 2 flat channel of 1 m cells, water 1 m deep over its western half, dry beyond; the x faces between
    /// columns 9 and 10 carry <paramref name="crest"/> (m).</summary>
    private static ShallowWaterSolver HalfFullChannel(double crest)
    {
        var domain = new ShallowWaterDomain(20, 2, 1.0);
        domain.FaceCrestX = [.. Enumerable.Range(0, 21 * 2).Select(f => f % 21 == 10 ? crest : double.NegativeInfinity)];
        var solver = new ShallowWaterSolver(domain);
        solver.SetState((x, _) => (x < 10 ? 1.0 : 0.0, 0, 0));
        return solver;
    }

    [Fact]
    public void Step_CrestAboveTheWater_HoldsItBackAndAtRest()
    {
        var held = HalfFullChannel(crest: 1.2);
        var open = HalfFullChannel(crest: double.NegativeInfinity);

        held.AdvanceTo(5.0);
        open.AdvanceTo(5.0);

        // Without the crest a dam break floods the eastern half within 5 s; with it nothing moves.
        Assert.True(open.Depth[19] > 0.1, $"eastern end {open.Depth[19]:F3} m without the crest");
        for (var row = 0; row < 2; row++)
            for (var column = 0; column < 20; column++)
            {
                var k = row * 20 + column;
                Assert.Equal(column < 10 ? 1.0 : 0.0, held.Depth[k], 12);
                Assert.Equal(0.0, held.DischargeX[k], 12);
            }
    }

    [Fact]
    public void Step_CrestBelowTheWater_PassesLessThanNoneAndConservesMass()
    {
        var weir = HalfFullChannel(crest: 0.5);
        var open = HalfFullChannel(crest: double.NegativeInfinity);
        var volume0 = weir.TotalVolume();

        weir.AdvanceTo(5.0);
        open.AdvanceTo(5.0);

        double East(ShallowWaterSolver s) => Enumerable.Range(0, 40).Where(k => k % 20 >= 10).Sum(k => s.Depth[k]);
        Assert.True(East(weir) > 0.1, $"eastern volume {East(weir):F3} m3 over the weir");
        Assert.True(East(weir) < 0.8 * East(open), $"eastern volume {East(weir):F3} m3 over the weir, {East(open):F3} without it");
        var relative = Math.Abs(weir.TotalVolume() - weir.ClippedVolume - volume0) / volume0;
        Assert.True(relative < 1e-12, $"relative volume change {relative:E3}");
    }

    [Fact]
    public void Step_ClosedBasinWithSloshingWater_ConservesMassToRoundOff()
    {
        var domain = BumpyBasin();
        domain.SetUniformRoughness(0.015);
        var solver = new ShallowWaterSolver(domain);
        // A tilted surface and a dry corner: sloshing with wetting and drying.
        solver.SetWaterLevel((x, y) => 0.35 + 0.15 * (x - 2) / 2 + 0.05 * y);
        var volume0 = solver.TotalVolume();

        solver.AdvanceTo(3.0);

        Assert.True(solver.Steps > 100);
        Assert.Equal(0, solver.BoundaryInflowVolume);
        var relative = Math.Abs(solver.TotalVolume() - solver.ClippedVolume - volume0) / volume0;
        Assert.True(relative < 1e-12, $"relative volume change {relative:E3}");
        Assert.True(solver.ClippedVolume / volume0 < 1e-9, $"clipped volume {solver.ClippedVolume:E3} m3");
    }

    [Fact]
    public void Step_InflowHydrographAndFreeOutflow_ClosesVolumeBalance()
    {
        var domain = new ShallowWaterDomain(60, 20, 0.1) { East = BoundaryKind.FreeOutflow };
        domain.SetBed((x, _) => -0.01 * x);
        domain.MarkSolid((x, y) => x is > 2.5 and < 3.0 && y is > 0.6 and < 1.2);
        domain.SetUniformRoughness(0.02);
        var hydrograph = Hydrograph.Triangular(0.05, 2, 6);
        domain.Segments.Add(BoundarySegment.InflowOver(BoundarySide.West, 0.5, 1.5, hydrograph));
        var solver = new ShallowWaterSolver(domain);

        solver.AdvanceTo(4);
        var volumeAt4 = solver.TotalVolume();
        solver.AdvanceTo(20);

        // Inflow volume of the triangle is peak * duration / 2; by t = 20 s part of it has left through the outlet.
        var inflowVolume = 0.05 * 6 / 2;
        Assert.True(volumeAt4 > 0.5 * 0.05 * 2, $"volume at 4 s: {volumeAt4:G4} m3");
        Assert.True(solver.BoundaryInflowVolume < inflowVolume, "some water must have left through the free outflow");
        var balance = Math.Abs(solver.TotalVolume() - solver.ClippedVolume - solver.BoundaryInflowVolume);
        Assert.True(balance < 1e-12 * inflowVolume + 1e-14, $"volume balance error {balance:E3} m3");
    }

    [Fact]
    public void Step_InflowIntoClosedFlume_StoresExactlyTheHydrographVolume()
    {
        var domain = new ShallowWaterDomain(40, 10, 0.1);
        domain.Segments.Add(BoundarySegment.InflowOver(BoundarySide.South, 1.0, 2.0, Hydrograph.Triangular(0.02, 1, 3)));
        var solver = new ShallowWaterSolver(domain);

        solver.AdvanceTo(5);

        Assert.Equal(0.02 * 3 / 2, solver.BoundaryInflowVolume, 12);
        Assert.Equal(0.02 * 3 / 2, solver.TotalVolume(), 12);
    }

    [Fact]
    public void Step_FixedLevelBoundary_FillsBasinToThatLevel()
    {
        var domain = new ShallowWaterDomain(30, 6, 0.1) { East = BoundaryKind.FixedLevel, SideFixedLevel = 0.2 };
        domain.SetUniformRoughness(0.03);
        var solver = new ShallowWaterSolver(domain);
        solver.SetWaterLevel((_, _) => 0.1);

        // A fixed level reflects waves (a pressure node), so the basin seiches around the level: average over 60 s.
        solver.AdvanceTo(60);
        var volumes = new List<double>();
        for (var t = 60.5; t <= 120; t += 0.5)
        {
            solver.AdvanceTo(t);
            volumes.Add(solver.TotalVolume());
        }

        Assert.Equal(0.2 * domain.LengthX * domain.LengthY, volumes.Average(), 2);
        Assert.InRange(solver.Depth[domain.Index(29, 3)], 0.19, 0.21); // next to the boundary the level is held
    }

    [Fact]
    public void Step_OneOrTwoThreads_GiveBitIdenticalResults()
    {
        double[] Run(int threads)
        {
            var domain = BumpyBasin(columns: 37); // an odd width: chunks end in the scalar tails of the SIMD loops
            domain.SetUniformRoughness(0.02);
            domain.Segments.Add(BoundarySegment.InflowOver(BoundarySide.West, 0.5, 1.5, Hydrograph.Constant(0.05)));
            domain.East = BoundaryKind.FreeOutflow;
            var solver = new ShallowWaterSolver(domain, new SolverOptions { Threads = threads });
            solver.SetWaterLevel((x, _) => x < 2 ? 0.4 : 0.1);
            solver.AdvanceTo(1.5);
            return [.. solver.Depth, .. solver.DischargeX, .. solver.DischargeY, solver.Time];
        }

        Assert.Equal(Run(1), Run(2));
        Assert.Equal(Run(1), Run(3));
    }

    [Fact]
    public void Step_StateTurnsNonFinite_ThrowsNamingTimeCellAndQuantity()
    {
        // Momenta of 1e300 m2/s are finite but their fluxes overflow: the first step must stop and say where.
        var good = new ShallowWaterSolver(new ShallowWaterDomain(10, 5, 0.1));
        good.SetCell(7, 3, 0.1, 1e300, 0);
        good.SetCell(6, 3, 0.1, -1e300, 0);

        var error = Assert.Throws<SolverDivergedException>(() => good.Step());

        Assert.Contains("t = ", error.Message);
        Assert.Contains("row 3", error.Message);
        Assert.Equal(3, error.Row);
        Assert.InRange(error.Column, 5, 8);
        Assert.Contains(error.Quantity, new[] { "depth", "discharge x (hu)", "discharge y (hv)" });
        Assert.Contains(error.Quantity, error.Message);
    }

    [Fact]
    public void SetCell_NegativeDepth_ThrowsNamingCell()
    {
        var solver = new ShallowWaterSolver(new ShallowWaterDomain(4, 4, 1));

        var error = Assert.Throws<ShallowWaterInputException>(() => solver.SetCell(2, 1, -0.5, 0, 0));

        Assert.Contains("column 2, row 1", error.Message);
        Assert.Contains("depth", error.Message);
    }

    [Fact]
    public void SetCell_WaterInSolidCell_Throws()
    {
        var domain = new ShallowWaterDomain(4, 4, 1);
        domain.Solid[domain.Index(1, 1)] = true;
        var solver = new ShallowWaterSolver(domain);

        Assert.Throws<ShallowWaterInputException>(() => solver.SetCell(1, 1, 0.5, 0, 0));
    }
}
