using HydroWorkshop.Physics.Vegetation;
using Xunit;

namespace HydroWorkshop.Physics.Tests.Vegetation;

public class VegetationSimulationResultTests
{
    [Fact]
    public void ToVariables_EveryArray_MatchesItsShapeAndTheGrids()
    {
        var (p, t) = VegetationSimulationTests.Grid();
        var result = VegetationSimulation.Run(p, t, VegetationSimulationTests.Latitudes, SyntheticClimate.Start, 5,
            VegetationSimulationTests.Stormy);
        var variables = result.ToVariables().ToDictionary(v => v.Name);

        foreach (var v in variables.Values)
        {
            Assert.Equal(v.Dimensions.Length, v.Shape.Length);
            Assert.Equal(v.Shape.Aggregate(1, (a, n) => a * n), v.Values.Length);
        }
        var lai = (float[])variables["lai"].Values;
        int d = 400, r = 2, c = 3, rows = VegetationSimulationTests.Rows, columns = VegetationSimulationTests.Columns;
        Assert.Equal(result.Lai[d, r, c], lai[(d * rows + r) * columns + c]);
        Assert.Equal((int)result.LandCover[r, c], ((int[])variables["land_cover"].Values)[r * columns + c]);
        Assert.Equal(result.Disturbances.Count, variables["disturbance_day"].Shape[0]);
        Assert.Equal("days since 2001-01-01", variables["time"].Units);
        Assert.Contains("SIMULATED", variables["lai"].Description);
    }

    [Fact]
    public void Dates_StartAtStartDateOneADay()
    {
        var (p, t) = VegetationSimulationTests.Grid();
        var result = VegetationSimulation.Run(p, t, VegetationSimulationTests.Latitudes, SyntheticClimate.Start, 5);
        Assert.Equal(VegetationSimulationTests.Days, result.Dates.Length);
        Assert.Equal(new DateOnly(2003, 12, 31), result.Dates[^1]);
    }
}
