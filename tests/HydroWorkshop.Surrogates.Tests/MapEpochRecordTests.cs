using Xunit;

namespace HydroWorkshop.Surrogates.Tests;

public sealed class MapEpochRecordTests
{
    [Fact]
    public void ToString_WithValidation_PrintsLossesAndMapMetrics()
    {
        var record = new MapEpochRecord(12, 300, 0.10234, 0.1449, 0.01234, 0.9312, 0.5, 1e-3, 3.2);
        Assert.Equal("Epoch 12/300: Train Loss: 0.1023 Val Loss: 0.1449 Wet RMSE: 0.0123 m CSI: 0.931", record.ToString());
    }

    [Fact]
    public void ToCsv_WithoutValidation_LeavesFieldsEmpty()
    {
        var record = new MapEpochRecord(1, 5, 0.5, null, null, null, 1, 0.001, 2.0);
        Assert.Equal("Epoch 1/5: Train Loss: 0.5000", record.ToString());
        Assert.Equal("1,0.5,,,,1,0.001,2.00", record.ToCsv());
        Assert.Equal(MapEpochRecord.CsvHeader.Split(',').Length, record.ToCsv().Split(',').Length);
    }
}
