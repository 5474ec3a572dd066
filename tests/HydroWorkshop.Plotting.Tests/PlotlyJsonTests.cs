using System.Text.Json;
using HydroWorkshop.Plotting;
using Xunit;

namespace HydroWorkshop.Plotting.Tests;

public sealed class PlotlyJsonTests
{
    [Fact]
    public void Serialize_NonFinite_WritesNull() =>
        Assert.Equal("[1,null,null,2.5]", PlotlyJson.Serialize(new[] { 1.0, double.NaN, double.PositiveInfinity, 2.5 }));

    [Fact]
    public void Serialize_Dates_WritesPlotlyDateStrings() =>
        Assert.Equal("[\"2020-01-31\",\"2020-02-01 06:30:00\"]",
            PlotlyJson.Serialize(new[] { new DateTime(2020, 1, 31), new DateTime(2020, 2, 1, 6, 30, 0) }));

    [Fact]
    public void Serialize_Grid_WritesRowsOfY() =>
        Assert.Equal("[[1,2,3],[4,5,6]]", PlotlyJson.Serialize(new double[,] { { 1, 2, 3 }, { 4, 5, 6 } }));

    [Fact]
    public void Serialize_HtmlClosingTag_IsEscaped() =>
        Assert.DoesNotContain("</script", PlotlyJson.Serialize("</script><b>"), StringComparison.OrdinalIgnoreCase);

    [Theory]
    [InlineData(3.14159265, 3, 3.14)]
    [InlineData(123456.789, 4, 123500)]
    [InlineData(-0.000123456, 2, -0.00012)]
    public void RoundSignificant_KeepsDigits(double value, int digits, double expected) =>
        Assert.Equal(expected, PlotlyJson.RoundSignificant(value, digits));

    [Fact]
    public void Serialize_TypedArray_WritesBase64AndShape()
    {
        var json = JsonDocument.Parse(PlotlyJson.Serialize(TypedArray.Float32([1f, 2f, 3f, 4f, 5f, 6f], 2, 3))).RootElement;
        Assert.Equal("f4", json.GetProperty("dtype").GetString());
        Assert.Equal("2,3", json.GetProperty("shape").GetString());
        var bytes = Convert.FromBase64String(json.GetProperty("bdata").GetString()!);
        Assert.Equal(6f, BitConverter.ToSingle(bytes, 20));
    }

    [Fact]
    public void TypedArray_WrongShape_NamesCounts()
    {
        var error = Assert.Throws<ArgumentException>(() => TypedArray.Float32([1f, 2f, 3f], 2, 2));
        Assert.Contains("holds 4 values but 3 were given", error.Message);
    }
}
