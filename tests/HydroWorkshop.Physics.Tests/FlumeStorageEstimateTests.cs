using HydroWorkshop.Physics;
using Xunit;

namespace HydroWorkshop.Physics.Tests;

public sealed class FlumeStorageEstimateTests
{
    private static readonly LaboratoryFlume Flume = new();            // 12.8 m x 6.4 m
    private static double Area => Flume.Length * Flume.Width;

    [Fact]
    public void MeanDepth_ConstantInflowLongRun_ReachesNormalDepth()
    {
        const double discharge = 0.1, slope = 0.002, manning = 0.015;

        var depth = FlumeStorageEstimate.MeanDepth(Flume, Hydrograph.Constant(discharge), slope, manning, Area, 0, frames: 61,
            frameInterval: 20);

        // Manning: Q = W h^(5/3) sqrt(S) / n  =>  h = (n Q / (W sqrt S))^(3/5).
        var normal = Math.Pow(manning * discharge / (Flume.Width * Math.Sqrt(slope)), 0.6);
        Assert.Equal(normal, depth[^1], normal * 1e-4);
        Assert.Equal(0, depth[0]);
        Assert.True(depth.Zip(depth.Skip(1)).All(p => p.Second >= p.First), "a store filled at a constant rate never falls");
    }

    [Fact]
    public void MeanDepth_NoInflow_DrainsAsTheAnalyticRecession()
    {
        const double slope = 0.003, manning = 0.02, initial = 0.05;

        var depth = FlumeStorageEstimate.MeanDepth(Flume, Hydrograph.Constant(0), slope, manning, Area, initial, frames: 41,
            frameInterval: 1);

        // A dh/dt = -k h^(5/3), k = W sqrt(S) / n  =>  h(t)^(-2/3) = h0^(-2/3) + (2/3) k t / A.
        var k = Flume.Width * Math.Sqrt(slope) / manning;
        for (var t = 0; t <= 40; t += 10)
        {
            var exact = Math.Pow(Math.Pow(initial, -2.0 / 3.0) + 2.0 / 3.0 * k * t / Area, -1.5);
            Assert.Equal(exact, depth[t], exact * 2e-3);
        }
    }

    [Fact]
    public void MeanDepth_FlatBed_DrainsAtTheMinimumSlope()
    {
        var flat = FlumeStorageEstimate.MeanDepth(Flume, Hydrograph.Constant(0), 0, 0.015, Area, 0.05, frames: 11, frameInterval: 1);
        var minimum = FlumeStorageEstimate.MeanDepth(Flume, Hydrograph.Constant(0), FlumeStorageEstimate.MinimumSlope, 0.015, Area, 0.05,
            frames: 11, frameInterval: 1);

        Assert.Equal(minimum, flat);
        Assert.True(flat[^1] < 0.05);
    }

    /// <summary>Against the shallow-water solver itself, on the flume at half resolution (64 x 32 cells of 0.2 m, same
    /// 12.8 m x 6.4 m): the level pool knows nothing of where the water is, but its mean depth must follow the solver's
    /// filling and recession.</summary>
    [Fact]
    public void MeanDepth_TriangularFlood_FollowsTheSolversMeanDepth()
    {
        var flume = new LaboratoryFlume(Columns: 64, Rows: 32, CellSize: 0.2);
        var parameters = new FlumeEventParameters(PeakDischarge: 0.15, RiseTime: 6, Duration: 25, BedSlope: 0.003, Manning: 0.015,
            InitialDepth: 0, InflowCentre: 2.0, InflowWidth: 1.2, Obstacles: []);
        var solver = flume.CreateSolver(parameters, new SolverOptions { Threads = 2 });
        var observed = new List<double>();
        solver.Run(40, 1.0, s => observed.Add(s.Depth.ToArray().Average()));

        var estimate = FlumeStorageEstimate.MeanDepth(flume, parameters, flume.Length * flume.Width, 0, observed.Count, 1.0);

        var peak = observed.Max();
        var rmse = Math.Sqrt(observed.Zip(estimate, (o, e) => (o - e) * (o - e)).Average());
        Assert.InRange(rmse / peak, 0, 0.15);
        Assert.InRange(Correlation(observed, estimate), 0.97, 1.0);
        Assert.InRange(Array.IndexOf(estimate, estimate.Max()) - observed.IndexOf(peak), -4, 4);   // peaks within 4 s
    }

    [Theory]
    [InlineData(0.0, 0.0, 10, 1.0, "openArea")]
    [InlineData(80.0, -0.01, 10, 1.0, "initialMeanDepth")]
    [InlineData(80.0, 0.0, 0, 1.0, "frames")]
    [InlineData(80.0, 0.0, 10, 0.0, "frameInterval")]
    public void MeanDepth_BadArgument_NamesIt(double openArea, double initial, int frames, double interval, string name)
    {
        var error = Assert.ThrowsAny<ArgumentException>(() =>
            FlumeStorageEstimate.MeanDepth(Flume, Hydrograph.Constant(0.1), 0.002, 0.015, openArea, initial, frames, interval));
        Assert.Equal(name, error.ParamName);
    }

    private static double Correlation(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        var (ma, mb) = (a.Average(), b.Average());
        var cov = a.Zip(b, (x, y) => (x - ma) * (y - mb)).Sum();
        return cov / Math.Sqrt(a.Sum(x => (x - ma) * (x - ma)) * b.Sum(y => (y - mb) * (y - mb)));
    }
}
