using HydroWorkshop.TestSupport;
using Xunit;

namespace HydroWorkshop.Physics.Tests;

public class MeasuredGaugeSeriesTests
{
    [RealDataFact("flume_soares_frazao_2007_isolated_obstacle")]
    public void Read_SoaresFrazaoGaugeFile_HasSixGaugesEvery10ms()
    {
        var path = Path.Combine(TestPaths.RealData("flume_soares_frazao_2007_isolated_obstacle"),
            "shallow_water/use_cases/experiment/data/building_gauges_h.txt");

        var series = MeasuredGaugeSeries.Read(path);

        Assert.Equal(["G1", "G2", "G3", "G4", "G5", "G6"], series.GaugeNames);
        Assert.Equal(3001, series.Times.Length);
        Assert.Equal(30.0, series.Times[^1], 9);
        Assert.Equal(0.4, series.Depth("G6")[0], 9);
        Assert.Equal(0, series.Depth("G1")[0]);
    }

    [Fact]
    public void Read_BadNumber_ThrowsNamingLineAndColumn()
    {
        var path = Path.Combine(Path.GetTempPath(), $"gauges-{Guid.NewGuid():N}.txt");
        File.WriteAllText(path, "\tG1\tG2\r\nt (s)\th (m)\th (m)\r\n0\t0\t0\r\n0.01\t0.1\tx\r\n");
        try
        {
            var error = Assert.Throws<InvalidDataException>(() => MeasuredGaugeSeries.Read(path));

            Assert.Contains("line 4", error.Message);
            Assert.Contains("G2", error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
