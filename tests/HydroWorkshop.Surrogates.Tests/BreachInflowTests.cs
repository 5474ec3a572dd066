using Xunit;

namespace HydroWorkshop.Surrogates.Tests;

public sealed class BreachInflowTests
{
    [Fact]
    public void Constant_DikeBreach_FiftyAtEveryFrame() =>
        Assert.Equal([50.0, 50.0, 50.0], BreachInflow.Constant(50, 3));

    [Fact]
    public void Cell_InitialMap_WettestCellAsRowAndColumn() =>
        Assert.Equal((1, 2), BreachInflow.Cell([0, 0, 0, 0, 0.001f, 0.01f], 3, "e"));

    [Fact]
    public void Cell_DryMap_ThrowsNamingTheEvent() =>
        Assert.Contains("'dike_7'", Assert.Throws<InvalidDataException>(() => BreachInflow.Cell(new float[4], 2, "dike_7")).Message);
}
