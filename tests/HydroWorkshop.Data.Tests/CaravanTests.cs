using HydroWorkshop.TestSupport;
using Xunit;

namespace HydroWorkshop.Data.Tests;

public class CaravanTests
{
    private const string Sample = "caravan_camelsch_sample";

    [RealDataFact(Sample)]
    public void Open_CamelsChSample_TwoBasinsAndFortyVariables()
    {
        var caravan = Caravan.Open(TestPaths.RealData(Sample));
        Assert.Equal(["camelsch_4001", "camelsch_4003"], caravan.BasinIds);
        Assert.Equal(40, caravan.VariableNames.Count);
        Assert.Contains("eobs", caravan.VariableNames);
        Assert.Equal("streamflow", caravan.DischargeName);
    }

    [RealDataFact(Sample)]
    public void ReadBasin_ValuesMatchRawCsvAndEmptyFieldsAreMissing()
    {
        var record = Caravan.Open(TestPaths.RealData(Sample), "camelsch").ReadBasin("camelsch_4001");
        Assert.Equal(new DateOnly(1981, 1, 1), record.Start);
        Assert.Equal(14610, record.Days);
        // 1990-06-15: temperature_2m_mean 12.28, total_precipitation_sum 0.7, streamflow 1.71
        var day = new DateOnly(1990, 6, 15);
        Assert.Equal(12.28f, record.ValueOn("temperature_2m_mean", day));
        Assert.Equal(0.7f, record.ValueOn("total_precipitation_sum", day));
        Assert.Equal(1.71f, record.ValueOn("streamflow", day));
        // 1981-01-01: precipitation 6.02, streamflow empty ("...,0.76,,4.9158...")
        Assert.Equal(6.02f, record.ValueOn("total_precipitation_sum", new DateOnly(1981, 1, 1)));
        Assert.True(float.IsNaN(record.ValueOn("streamflow", new DateOnly(1981, 1, 1))));
        // PROVENANCE: 12 247 days with streamflow, mean 2.68 mm/day.
        var flow = record["streamflow"];
        Assert.Equal(12247, flow.Count(v => !float.IsNaN(v)));
        Assert.Equal(2.68, flow.Where(v => !float.IsNaN(v)).Average(v => (double)v), 2);
    }

    [RealDataFact(Sample)]
    public void Attributes_ThreeFiles_JoinedByGauge()
    {
        var caravan = Caravan.Open(TestPaths.RealData(Sample));
        // attributes_other_camelsch.csv: camelsch_4001,Tegernau,DE,47.72,7.79,69.75704021470985
        Assert.Equal([69.75704f, 47.72f], caravan.Attributes.Values(["camelsch_4001"], ["area", "gauge_lat"]));
        Assert.Contains("p_mean", caravan.Attributes.Names);
        Assert.Contains("gauge_name", caravan.Attributes.CategoricalNames);
    }

    [RealDataFact(Sample)]
    public void Open_UnknownSubset_ListsValidNames()
    {
        var error = Assert.Throws<ArgumentException>(() => Caravan.Open(TestPaths.RealData(Sample), "camelsgb"));
        Assert.Contains("camelsch", error.Message);
    }
}
