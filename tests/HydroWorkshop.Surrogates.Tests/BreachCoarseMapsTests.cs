using HydroWorkshop.FloodData;
using Xunit;

namespace HydroWorkshop.Surrogates.Tests;

public sealed class BreachCoarseMapsTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), $"hw-coarse-maps-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }

    private MapSequences Events()
    {
        TinyDikeBreach.Write(folder, 1, (0, 0));
        TinyDikeBreach.Write(folder, 2, (10, 0));
        return MapSequences.FromDikeBreach(DikeBreachDataSet.Open(folder), [1, 2]);
    }

    [Fact]
    public void Add_FakeSolver_EachEventGetsItsOwnCoarseRunAsTheExtraMap()
    {
        var events = Events();
        var calls = new List<((int Row, int Column) Breach, int Coarsening, int Frames)>();
        BreachSimulator fake = (bed, rows, columns, cellSize, breach, inflow, seconds, coarsening, _) =>
        {
            calls.Add((breach, coarsening, inflow.Count));
            // Frame t of the event with its breach in row r holds r + t everywhere: which run landed where is visible.
            return [.. Enumerable.Range(0, inflow.Count).SelectMany(t => Enumerable.Repeat((float)(breach.Row + t), rows * columns))];
        };

        var added = BreachCoarseMaps.Add(events, 4, fake);

        Assert.Equal([((0, 0), 4, 6), ((10, 0), 4, 6)], calls);
        Assert.Equal(["coarse_depth"], added.ExtraNames);
        Assert.Equal(1, added.Inputs.Extra);
        var cells = events.Rows * events.Columns;
        for (var e = 0; e < 2; e++)
            for (var t = 0; t < 6; t++)
                Assert.All(added.Events[e].Extra!.AsSpan(t * cells, cells).ToArray(), v => Assert.Equal(10 * e + t, v));
        Assert.Equal(events.Events[1].Depth, added.Events[1].Depth);
    }

    [Fact]
    public void Add_KitSolver_KeepsTheInflowVolumeOnTheFineGrid()
    {
        var events = Events();

        var added = BreachCoarseMaps.Add(events, 4);

        // The solver pours the event's inflow (estimated from its volume growth) through the breach; brought back at one
        // water level per block, the fine map holds that volume: the trapezoidal integral of the inflow (sum of depths x
        // cell area), as the fine solver would.
        var cells = events.Rows * events.Columns;
        var expected = 0.01;                                                              // m x cells: the breach cell at t = 0
        for (var t = 1; t < events.Frames; t++)
        {
            var forcing = events.Events[1].Forcing;                                       // [time, (elapsed, inflow_m3s)]
            expected += (forcing[2 * t - 1] + forcing[2 * t + 1]) / 2 * DikeBreachDataSet.StepSeconds /
                        (DikeBreachDataSet.CellSize * DikeBreachDataSet.CellSize);
            var coarse = added.Events[1].Extra!.AsSpan(t * cells, cells).ToArray().Sum(v => (double)v);
            Assert.InRange(coarse, 0.99 * expected, 1.01 * expected);
        }
        // And it is the evaluation's coarse baseline itself: the kit's solver at F = 4, brought back at one water level.
        var e = added.Events[1];
        var inflow = Enumerable.Range(0, events.Frames).Select(t => (double)e.Forcing[2 * t + 1]).ToArray();
        var run = Physics.BreachSimulation.Run(e.Bed, events.Rows, events.Columns, DikeBreachDataSet.CellSize, (10, 0), inflow,
            DikeBreachDataSet.StepSeconds, coarsening: 4, BreachSimulators.KitOptions);
        Assert.Equal(run, e.Extra);
    }

    [Fact]
    public void Add_FactorOne_ThrowsAskingForAtLeastTwo()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() =>
            BreachCoarseMaps.Add(Events(), 1, (_, _, _, _, _, _, _, _, _) => []));

        Assert.Contains("data: coarse_solver 1: a coarse grid needs a factor of at least 2", error.Message);
    }

    [Fact]
    public void Add_FactorNotDividingTheGrid_ThrowsListingTheFactorsThatDo()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() =>
            BreachCoarseMaps.Add(Events(), 3, (_, _, _, _, _, _, _, _, _) => []));

        Assert.Equal("factor", error.ParamName);
        Assert.Contains("coarse_solver 3: the 64 x 64 cells do not divide by it (factors that do: 2, 4, 8", error.Message);
    }
}
