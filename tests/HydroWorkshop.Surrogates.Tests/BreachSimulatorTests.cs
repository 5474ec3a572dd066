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
                var options = BreachSimulators.KitOptions;
                Assert.Equal(threads, options.Threads);
                // Otherwise the generator's settings: the speed-up is against the solver as it made the data.
                Assert.Equal(BreachSimulationOptions.Generator with { Threads = threads }, options);
            }
        }
        finally
        {
            set_num_threads(before);
        }
    }
}
