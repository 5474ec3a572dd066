using Xunit;

namespace HydroWorkshop.Surrogates.Tests;

public sealed class FloodEvaluationFilesTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "hw-flood-evaluation-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }

    private static Dictionary<string, string> Row(string[] lines, Func<Dictionary<string, string>, bool> match)
    {
        var header = lines[0].Split(',');
        return lines.Skip(1).Where(l => l.Length > 0).Select(l => header.Zip(l.Split(',')).ToDictionary(p => p.First, p => p.Second))
            .Single(match);
    }

    [Fact]
    public void Write_Result_ScoresSummaryCurvesAndTable()
    {
        var result = FloodEvaluationTableTests.Result();
        FloodEvaluationFiles.Write(folder, result, "the table\n");

        var scores = File.ReadAllLines(Path.Combine(folder, "scores.csv"));
        Assert.Equal(
            "model,role,event,seconds,speedup,mae_m,rmse_m,wet_mae_m,wet_rmse_m,csi_0.05m,csi_0.3m,arrival_error_h,flooded_in_one_only," +
                     "volume_error_last,volume_error_largest", scores[0]);
        Assert.Equal(1 + 4 * 2, scores.Length);
        var model501 = Row(scores, r => r["model"] == "cnnlstm" && r["event"] == "dike_501");
        Assert.Equal(("surrogate", "0.07", "50", "-0.07"),
            (model501["role"], model501["mae_m"], model501["speedup"], model501["volume_error_last"]));
        Assert.Equal("", Row(scores, r => r["model"] == "persistence" && r["event"] == "dike_500")["speedup"]);

        var summary = File.ReadAllLines(Path.Combine(folder, "summary.csv"));
        Assert.Equal(1 + 4 * 2, summary.Length);
        var worst = Row(summary, r => r["model"] == "cnnlstm" && r["statistic"] == "worst");
        Assert.Equal(("0.07", "0.4", "50", "csi_0.05m:climatology;csi_0.3m:climatology"),
            (worst["mae_m"], worst["csi_0.05m"], worst["speedup"], worst["not_beating_baselines"]));
        Assert.Equal("", Row(summary, r => r["model"] == "cnnlstm" && r["statistic"] == "median")["not_beating_baselines"]);
        Assert.Equal("0.06", Row(summary, r => r["model"] == "cnnlstm" && r["statistic"] == "median")["mae_m"]);

        var curves = File.ReadAllLines(Path.Combine(folder, "mae_over_time.csv"));
        Assert.Equal("model,event,frame,hours,mae_m", curves[0]);
        Assert.Equal(1 + 4 * 3 * 2, curves.Length);                      // 4 models x (2 events + median) x 2 frames
        Assert.Equal("0.12", Row(curves, r => r["model"] == "cnnlstm" && r["event"] == "median" && r["frame"] == "2")["mae_m"]);
        Assert.Equal("1", Row(curves, r => r["model"] == "cnnlstm" && r["event"] == "median" && r["frame"] == "2")["hours"]);
        Assert.Equal("the table\n", File.ReadAllText(Path.Combine(folder, "table.txt")));
    }
}
