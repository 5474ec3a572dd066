using Xunit;

namespace HydroWorkshop.Surrogates.Tests;

public sealed class FloodEvaluationTableTests
{
    internal static FloodEvaluationResult Result()
    {
        FloodEventScores S(string e, double mae, double csi) => new(e, mae, mae, mae, mae, csi, csi, mae, mae, -mae, mae, [mae, 2 * mae]);
        return new FloodEvaluationResult(
        [
            new("cnnlstm", FloodPredictorRole.Surrogate, [S("dike_500", 0.05, 0.9), S("dike_501", 0.07, 0.4)], [0.01, 0.02]),
            new("persistence", FloodPredictorRole.Baseline, [S("dike_500", 0.5, 0.0), S("dike_501", 0.6, 0.0)], [0.0, 0.0]),
            new("climatology", FloodPredictorRole.Baseline, [S("dike_500", 0.3, 0.5), S("dike_501", 0.4, 0.6)], [0.0, 0.0]),
            new("solver (fine)", FloodPredictorRole.Solver, [S("dike_500", 0.01, 0.99), S("dike_501", 0.02, 0.98)], [3.0, 1.0]),
        ], 1, 0.5, ["a note"]);
    }

    [Fact]
    public void Text_SurrogateLosingWorstCsi_FlaggedWithTheBaselineNamed()
    {
        var text = FloodEvaluationTable.Text(Result(), "run on data", torchThreads: 2);
        var lines = text.Split('\n');

        Assert.StartsWith("run on data: 2 events, frames 1-2 (0.5 h apart)", lines[0]);
        Assert.Contains("CSI 5cm", lines[1]);
        Assert.StartsWith("cnnlstm", lines[2]);
        Assert.Contains("0.060 ", lines[2]);                              // median MAE, not flagged
        Assert.Contains("0.400!", lines[3]);                             // worst CSI 0.4 < climatology's worst 0.5
        Assert.DoesNotContain("!", lines[2]);
        Assert.Contains("! cnnlstm does not beat every baseline on: CSI 5cm worst (climatology); CSI 30cm worst (climatology)\n", text);
        Assert.Contains("speed-up of cnnlstm against solver (fine): median 175x (per event 50x-300x)", text);
        Assert.Contains("(surrogate and solvers on 2 threads)", text);
        Assert.EndsWith("a note\n", text);
    }

    [Fact]
    public void Text_SurrogateBeatingAll_SaysSo()
    {
        var result = Result();
        var won = result with { Rows = [result.Rows[0] with { Events = [result.Rows[0].Events[0], result.Rows[0].Events[0]] },
            .. result.Rows.Skip(1)] };
        Assert.Contains("cnnlstm beats every baseline on every score", FloodEvaluationTable.Text(won, "t"));
    }

    [Fact]
    public void Text_NaNPrediction_NamesTheEvents()
    {
        var result = Result();
        var bad = result.Rows[0].Events[1] with { Mae = double.NaN };
        var broken = result with { Rows = [result.Rows[0] with { Events = [result.Rows[0].Events[0], bad] }, .. result.Rows.Skip(1)] };
        Assert.Contains("! cnnlstm predicted NaN or infinite depths in dike_501", FloodEvaluationTable.Text(broken, "t"));
    }
}
