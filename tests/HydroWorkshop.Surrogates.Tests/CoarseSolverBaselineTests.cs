using Xunit;

namespace HydroWorkshop.Surrogates.Tests;

public sealed class CoarseSolverBaselineTests
{
    private sealed record Call(float[] Bed, int Rows, int Columns, double CellSize, (int Row, int Column) Breach, double[] Inflow,
        double OutputSeconds, int Coarsening);

    private static readonly MapSequences Data = TinyMaps.Of([0, 0.01f, 0.3f, 0.4f, 0.5f, 0.6f]);

    [Fact]
    public void Predict_FakeSolver_GetsTheEventsInputsAndItsFramesAfterTheFirstComeBack()
    {
        var calls = new List<Call>();
        BreachSimulator fake = (bed, rows, columns, cellSize, breach, inflow, seconds, coarsening, _) =>
        {
            calls.Add(new Call(bed, rows, columns, cellSize, breach, inflow.ToArray(), seconds, coarsening));
            return [10, 11, 12, 13, 14, 15];
        };
        var baseline = new CoarseSolverBaseline(fake, 4, 100, 1800, (e, frames) => BreachInflow.Constant(50, frames));

        Assert.Equal([12f, 13, 14, 15], baseline.Predict(Data, 0, 1, default));
        var call = Assert.Single(calls);
        Assert.Equal([0f, 1f], call.Bed);
        Assert.Equal((1, 2, 100.0, (0, 1), 1800.0, 4),
            (call.Rows, call.Columns, call.CellSize, call.Breach, call.OutputSeconds, call.Coarsening));
        Assert.Equal([50.0, 50.0, 50.0], call.Inflow);
        Assert.Equal(("coarse solver x4", FloodPredictorRole.Baseline), (baseline.Name, baseline.Role));
    }

    [Fact]
    public void Predict_WrongLengthFromTheSolver_ThrowsNamingTheEvent()
    {
        var baseline = new CoarseSolverBaseline((_, _, _, _, _, _, _, _, _) => new float[4], 4, 100, 1800,
            (e, frames) => BreachInflow.Constant(50, frames));
        Assert.Contains("event 'e0'", Assert.Throws<InvalidOperationException>(() => baseline.Predict(Data, 0, 1, default)).Message);
    }

    [Fact]
    public void CoarseningOne_IsTheFineSolver()
    {
        var fine = new CoarseSolverBaseline((_, _, _, _, _, _, _, _, _) => new float[6], 1, 100, 1800,
            (e, frames) => BreachInflow.Constant(50, frames));
        Assert.Equal(("solver (fine)", FloodPredictorRole.Solver), (fine.Name, fine.Role));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void SolverName_AnyCoarsening_ABaselineNamedAfterIt(int coarsening)
    {
        var subgrid = new CoarseSolverBaseline((_, _, _, _, _, _, _, _, _) => new float[6], coarsening, 100, 1800,
            (e, frames) => BreachInflow.Constant(50, frames), "subgrid solver");
        Assert.Equal(($"subgrid solver x{coarsening}", FloodPredictorRole.Baseline), (subgrid.Name, subgrid.Role));
    }

    [Fact]
    public void Constructor_BlankSolverName_ThrowsNamingIt() =>
        Assert.Equal("solverName", Assert.Throws<ArgumentException>(() => new CoarseSolverBaseline((_, _, _, _, _, _, _, _, _) => [], 2,
            100, 1800, (e, f) => [], " ")).ParamName);

    [Fact]
    public void Constructor_CoarseningZero_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new CoarseSolverBaseline((_, _, _, _, _, _, _, _, _) => [], 0, 100, 1800,
            (e, f) => []));
}
