using Xunit;

namespace HydroWorkshop.Surrogates.Tests;

public sealed class BreachInflowTests
{
    [Fact]
    public void Constant_DikeBreach_FiftyAtEveryFrame() =>
        Assert.Equal([50.0, 50.0, 50.0], BreachInflow.Constant(BreachInflow.DikeBreachDischarge, 3));

    [Fact]
    public void FromVolume_VolumeGrowingLinearly_ConstantDischarge()
    {
        // 2 cells of 10 m; the depth sum grows by 0.9 m per 60 s frame: 0.9 × 100 m² / 60 s = 1.5 m³/s.
        float[] depth = [0, 0, 0.45f, 0.45f, 0.9f, 0.9f, 1.35f, 1.35f];
        var inflow = BreachInflow.FromVolume(depth, 4, 2, 10, 60);
        Assert.All(inflow, q => Assert.Equal(1.5, q, 5));
    }

    [Fact]
    public void FromVolume_OneFrame_Throws() =>
        Assert.Throws<ArgumentException>(() => BreachInflow.FromVolume([0f, 0f], 1, 2, 10, 60));

    [Fact]
    public void Cell_InitialMap_WettestCellAsRowAndColumn() =>
        Assert.Equal((1, 2), BreachInflow.Cell([0, 0, 0, 0, 0.001f, 0.01f], 3, "e"));

    [Fact]
    public void Cell_DryMap_ThrowsNamingTheEvent() =>
        Assert.Contains("'dike_7'", Assert.Throws<InvalidDataException>(() => BreachInflow.Cell(new float[4], 2, "dike_7")).Message);
}
