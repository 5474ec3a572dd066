using HydroWorkshop.Physics.Vegetation;
using Xunit;

namespace HydroWorkshop.Physics.Tests.Vegetation;

public class VegetationForcingTests
{
    static readonly DateOnly Start = new(2001, 1, 1);

    [Fact]
    public void FromMetresPerDay_Grid_KeepsMillimetresAndLayout()
    {
        var p = new float[2, 1, 2] { { { 0.001f, 0.002f } }, { { 0.003f, 0 } } };
        var t = new float[2, 1, 2] { { { 1, 2 } }, { { 3, 4 } } };
        var forcing = VegetationForcing.FromMetresPerDay(p, t, [50f], Start);
        Assert.Equal((2, 1, 2), (forcing.Days, forcing.Rows, forcing.Columns));
        Assert.Equal([1f, 2f, 3f, 0f], forcing.PrecipitationMm.Select(v => MathF.Round(v, 4)));
        Assert.Equal([1f, 2f, 3f, 4f], forcing.Temperature);
        Assert.Equal(new DateOnly(2001, 1, 2), forcing.DateOf(1));
    }

    [Fact]
    public void FromMetresPerDay_MillimetreValues_ThrowsNamingTheUnitAndIndex()
    {
        var p = new float[] { 0.002f, 5f };
        var error = Assert.Throws<ArgumentOutOfRangeException>(() =>
            VegetationForcing.FromMetresPerDay(p, [10f, 10f], 2, 1, 1, [50f], Start));
        Assert.Contains("[1, 0, 0]", error.Message);
        Assert.Contains("m/day", error.Message);
    }

    [Fact]
    public void FromMetresPerDay_KelvinTemperature_ThrowsNamingKelvin()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() =>
            VegetationForcing.FromMetresPerDay([0f], [283f], 1, 1, 1, [50f], Start));
        Assert.Contains("Kelvin", error.Message);
    }

    [Fact]
    public void FromMetresPerDay_WrongShapeOrLatitudes_ThrowsNamingTheArgument()
    {
        var shape = Assert.Throws<ArgumentException>(() => VegetationForcing.FromMetresPerDay(new float[5], new float[6], 2, 1, 3,
            [50f], Start));
        Assert.Equal("precipitation", shape.ParamName);
        var latitudes = Assert.Throws<ArgumentException>(() => VegetationForcing.FromMetresPerDay(new float[6], new float[6], 2, 1, 3,
            [50f, 51f], Start));
        Assert.Equal("latitudes", latitudes.ParamName);
    }

    [Fact]
    public void Climatology_TwoDays_GivesMeanTemperatureAndAnnualSum()
    {
        var forcing = VegetationForcing.FromMetresPerDay([0.002f, 0.004f], [4f, 8f], 2, 1, 1, [50f], Start);
        var (temperature, precipitation) = forcing.Climatology();
        Assert.Equal(6, temperature[0], 5);
        Assert.Equal(3 * 365.25, precipitation[0], 2);
    }
}
