using HydroWorkshop.Evaluation;
using Xunit;

namespace HydroWorkshop.Tests.Evaluation;

public class PredictionCsvTests
{
    [Fact]
    public void Write_WithArea_EveryColumnNamesItsUnit()
    {
        // 1 mm/day over 8.64 km² is 8 640 m³ per 86 400 s = 0.1 m³/s.
        var csv = PredictionCsv.Write([new DateOnly(2010, 6, 1)], [("Observed", [1.0]), ("Lower", [double.NaN])], 8.64);
        Assert.Equal("Date,Observed_mm_d,Lower_mm_d,Observed_m3s,Lower_m3s\n2010-06-01,1,,0.1,\n", csv);
    }

    [Fact]
    public void Write_WithoutArea_NoCubicMetreColumns()
    {
        var csv = PredictionCsv.Write([new DateOnly(2010, 6, 1), new DateOnly(2010, 6, 2)], [("Predicted", [0.123456789, 2.0])], null);
        Assert.Equal("Date,Predicted_mm_d\n2010-06-01,0.123457\n2010-06-02,2\n", csv);
    }

    [Fact]
    public void AnyObserved_AllMissing_IsFalse()
    {
        Assert.False(PredictionCsv.AnyObserved([double.NaN, double.NaN]));
        Assert.True(PredictionCsv.AnyObserved([double.NaN, 0.0]));
    }
}
