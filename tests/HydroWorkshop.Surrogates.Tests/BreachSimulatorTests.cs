using HydroWorkshop.Physics;
using Xunit;
using static TorchSharp.torch;

namespace HydroWorkshop.Surrogates.Tests;

public sealed class BreachSimulatorTests
{
    [Fact]
    public void KitOptions_AnyLibtorchThreadCount_TheSolverRunsOnAsMany()
    {
        var before = get_num_threads();
        try
        {
            foreach (var threads in new[] { 1, 2 })
            {
                set_num_threads(threads);
                // The generator's settings on libtorch's threads: the speed-up is against the solver as it made the data.
                Assert.Equal(BreachSimulationOptions.Generator with { Threads = threads }, BreachSimulators.KitOptions);
            }
        }
        finally
        {
            set_num_threads(before);
        }
    }

    [Fact]
    public void Kit_SmallBreach_RunsTheSolverWithKitOptions()
    {
        var bed = Enumerable.Range(0, 64).Select(k => (float)(0.05 * (k % 8) + 0.1 * Math.Sin(k / 8))).ToArray();
        double[] inflow = [20, 20, 20];

        var kit = BreachSimulators.Kit!(bed, 8, 8, 100, (0, 3), inflow, 600, 2, default);

        Assert.Equal(BreachSimulation.Run(bed, 8, 8, 100, (0, 3), inflow, 600, 2, BreachSimulators.KitOptions), kit);
        // The default options (second order) give other depths, so the equality above says which options were used.
        Assert.NotEqual(BreachSimulation.Run(bed, 8, 8, 100, (0, 3), inflow, 600, 2), kit);
    }
}
