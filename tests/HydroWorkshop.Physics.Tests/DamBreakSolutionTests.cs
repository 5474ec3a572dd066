using HydroWorkshop.Physics;
using Xunit;
using Xunit.Abstractions;

namespace HydroWorkshop.Physics.Tests;

/// <summary>The exact 1D dam-break solutions, and the solver measured against them under grid refinement.</summary>
public class DamBreakSolutionTests(ITestOutputHelper output)
{
    private const double Length = 20, Dam = 10, EndTime = 1.5;

    /// <summary>L1 depth error (m2 per unit width) of the solver at <see cref="EndTime"/> on a channel of
    /// <paramref name="cells"/> cells, three rows wide with walls along its sides.</summary>
    private static double L1Error(DamBreakSolution exact, int cells, SolverOptions? options = null)
    {
        var domain = new ShallowWaterDomain(cells, 3, Length / cells);
        var solver = new ShallowWaterSolver(domain, options);
        solver.SetState((x, _) => (exact.At(x, 0).Depth, 0, 0));
        solver.AdvanceTo(EndTime);
        Assert.Equal(0, solver.ClippedVolume); // positivity held without clipping
        Assert.DoesNotContain(solver.Depth.ToArray(), h => h < 0);
        var error = 0.0;
        for (var row = 0; row < 3; row++)
            for (var i = 0; i < cells; i++)
                error += Math.Abs(solver.Depth[domain.Index(i, row)] - exact.At(domain.CellCenterX(i),
                    EndTime).Depth) * domain.CellSizeX / 3;
        return error;
    }

    [Fact]
    public void At_StokerMiddleState_SatisfiesBoreJumpConditions()
    {
        var exact = new DamBreakSolution(1.0, 0.1, 0);
        var (h, u, s, hR, g) = (exact.MiddleDepth, exact.MiddleVelocity, exact.FrontSpeed, 0.1, 9.81);

        Assert.InRange(h, 0.39, 0.40); // the classic value for 1 m on 0.1 m is 0.3965 m
        Assert.Equal(h * (u - s), hR * (0 - s), 9); // mass across the bore
        Assert.Equal(h * u * (u - s) + 0.5 * g * h * h, 0.5 * g * hR * hR + hR * 0 * (0 - s), 9); // momentum
        Assert.Equal(2 * Math.Sqrt(g * 1.0), u + 2 * Math.Sqrt(g * h), 9); // Riemann invariant through the rarefaction
    }

    [Fact]
    public void At_Ritter_HasQuadraticProfileAndDryFront()
    {
        var exact = new DamBreakSolution(0.4, 0, 0);
        var c0 = Math.Sqrt(9.81 * 0.4);

        Assert.Equal(0.4, exact.At(-c0 * 1.01, 1).Depth);
        Assert.Equal(4.0 / 9.0 * 0.4, exact.At(0, 1).Depth, 12); // depth at the dam section is 4/9 h0
        Assert.Equal(0, exact.At(2 * c0 * 1.01, 1).Depth);
        Assert.Equal(2 * c0, exact.FrontSpeed, 12);
    }

    [Fact]
    public void At_RitterFromTheFlumeReservoir_Reaches1cmAtGaugeSectionG2After0_87s()
    {
        // The 1D frictionless Ritter wave bounds any shallow-water bore from the 0.40 m reservoir of the
        // Soares-Frazao experiment; G2 (x = 2.65 m, off the axis) measured 1 cm at 0.85 s: see
        // docs/articles/results.md, "The real-flume comparison".
        var exact = new DamBreakSolution(0.4, 0, 0);
        var t = 0.5;
        while (exact.At(2.65, t).Depth <= 0.01) t += 0.001;

        Assert.InRange(t, 0.87, 0.89);
    }

    [Fact]
    public void Step_StokerWetDamBreak_ErrorShrinksUnderRefinement()
    {
        var exact = new DamBreakSolution(1.0, 0.1, Dam);
        var errors = new[] { 100, 200, 400 }.Select(n => L1Error(exact, n)).ToArray();
        output.WriteLine($"Stoker L1 depth error (m2): 100 cells {errors[0]:E3}, 200 {errors[1]:E3}, 400 {errors[2]:E3}");

        Assert.True(errors[0] < 0.1, $"coarse error {errors[0]:E3}");
        Assert.True(errors[1] < 0.75 * errors[0] && errors[2] < 0.75 * errors[1], "error must shrink with refinement");
        Assert.True(Math.Log2(errors[0] / errors[2]) / 2 > 0.6, "observed order below 0.6 (discontinuous solution: expect about 1)");
    }

    [Fact]
    public void Step_RitterDryDamBreak_ErrorShrinksUnderRefinementWithoutNegativeDepth()
    {
        var exact = new DamBreakSolution(0.4, 0, Dam);
        var errors = new[] { 100, 200, 400 }.Select(n => L1Error(exact, n)).ToArray();
        output.WriteLine($"Ritter L1 depth error (m2): 100 cells {errors[0]:E3}, 200 {errors[1]:E3}, 400 {errors[2]:E3}");

        Assert.True(errors[0] < 0.03, $"coarse error {errors[0]:E3}");
        Assert.True(errors[1] < 0.75 * errors[0] && errors[2] < 0.75 * errors[1], "error must shrink with refinement");
        Assert.True(Math.Log2(errors[0] / errors[2]) / 2 > 0.6, "observed order below 0.6");
    }

    [Fact]
    public void Step_SecondOrder_BeatsFirstOrderOnStoker()
    {
        var exact = new DamBreakSolution(1.0, 0.1, Dam);

        var first = L1Error(exact, 200, new SolverOptions { SecondOrder = false });
        var second = L1Error(exact, 200);

        output.WriteLine($"Stoker 200 cells: first order {first:E3}, second order {second:E3}");
        Assert.True(second < 0.8 * first, $"second order {second:E3} vs first order {first:E3}");
    }
}
