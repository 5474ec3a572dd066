using Xunit;

namespace HydroWorkshop.Surrogates.Tests;

public sealed class FloodEvaluationTests
{
    // Two events of 3 frames on 1 x 2 cells: the water spreads from cell 0 to cell 1.
    private static readonly MapSequences Data = TinyMaps.Of([0.01f, 0, 0.5f, 0.2f, 1, 0.6f], [0.01f, 0, 0.2f, 0, 0.4f, 0.1f]);

    /// <summary>Predicts the reference itself (a perfect surrogate), or throws on a planted length.</summary>
    private sealed class Oracle(int length = -1) : IFloodPredictor
    {
        public int Calls;
        public string Name => "oracle";
        public FloodPredictorRole Role => FloodPredictorRole.Surrogate;
        public float[] Predict(MapSequences data, int index, int firstFrame, CancellationToken cancellationToken)
        {
            Calls++;
            var cells = data.Rows * data.Columns;
            var depth = data.Events[index].Depth.AsSpan(firstFrame * cells).ToArray();
            return length < 0 ? depth : depth[..length];
        }
    }

    [Fact]
    public void Run_OracleAndBaselines_RowsInOrderScoredOnThePredictedFrames()
    {
        var oracle = new Oracle();
        var result = FloodEvaluation.Run(Data, 1, 1800, [oracle, new PersistenceBaseline(), new ClimatologyBaseline(Data)]);

        Assert.Equal(["oracle", "persistence", "climatology"], result.Rows.Select(r => r.Name));
        Assert.Equal((1, 0.5), (result.FirstFrame, result.FrameHours));
        Assert.Equal(1 + 2 * FloodEvaluation.SurrogateRepeats, oracle.Calls);   // one untimed warm-up, then each event 3 times
        Assert.All(result.Rows, r => Assert.Equal(["e0", "e1"], r.Events.Select(e => e.Event)));
        Assert.All(result.Rows, r => Assert.Equal(2, r.Seconds.Count));
        Assert.All(result.Rows[0].Events, e => Assert.Equal((0.0, 1.0, 0.0, 0.0), (e.Mae, e.Csi, e.ArrivalTimeError, e.VolumeErrorLast)));
        // Persistence of the initial map, event e0: predicted 0.01 0 | 0.01 0 against 0.5 0.2 | 1 0.6.
        var persistence = result.Rows[1].Events[0];
        Assert.Equal((0.49 + 0.2 + 0.99 + 0.6) / 4, persistence.Mae, 6);
        Assert.Equal(0.0, persistence.Csi);
        Assert.Equal(2, persistence.MaeOverTime.Count);
        Assert.Null(result.Solver);
        Assert.All(result.SpeedUp(result.Rows[0]), v => Assert.True(double.IsNaN(v)));
    }

    [Fact]
    public void Run_PredictionOfWrongLength_ThrowsNamingPredictorAndEvent()
    {
        var error = Assert.Throws<InvalidOperationException>(() => FloodEvaluation.Run(Data, 1, 1800,
            [new PersistenceBaseline(), new Oracle(3)]));
        Assert.Contains("oracle, event 'e0'", error.Message);
    }

    [Fact]
    public void Run_Cancelled_Throws()
    {
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        Assert.Throws<OperationCanceledException>(() => FloodEvaluation.Run(Data, 1, 1800, [new PersistenceBaseline()],
            cancellationToken: cancel.Token));
    }

    [Fact]
    public void SpeedUp_WithSolverRow_SolverTimeOverSurrogateTime()
    {
        var scores = new[] { FloodEventScoresTests.Uniform("a", 1), FloodEventScoresTests.Uniform("b", 1) };
        var result = new FloodEvaluationResult(
        [
            new FloodPredictorScores("model", FloodPredictorRole.Surrogate, scores, [0.01, 0.02]),
            new FloodPredictorScores("solver (fine)", FloodPredictorRole.Solver, scores, [2.0, 1.0]),
        ], 1, 0.5, []);
        Assert.Equal([200.0, 50.0], result.SpeedUp(result.Rows[0]), (a, b) => Math.Abs(a - b) < 1e-9);
    }
}
