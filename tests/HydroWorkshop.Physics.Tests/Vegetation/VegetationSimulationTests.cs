using HydroWorkshop.Physics.Vegetation;
using Xunit;

namespace HydroWorkshop.Physics.Tests.Vegetation;

public class VegetationSimulationTests
{
    internal const int Days = 3 * 365, Rows = 6, Columns = 7;
    internal static readonly float[] Latitudes = [52.25f, 51.75f, 51.25f, 50.75f, 50.25f, 49.75f];

    /// <summary>A small grid: warmer and drier to the west, the south-east corner cold (an "Alps" cell).</summary>
    internal static (float[,,] Precipitation, float[,,] Temperature) Grid()
    {
        var p = new float[Days, Rows, Columns];
        var t = new float[Days, Rows, Columns];
        for (int r = 0; r < Rows; r++)
            for (int c = 0; c < Columns; c++)
            {
                var rain = SyntheticClimate.Showers(Days, 1.5 + 0.3 * c, 100 + r * Columns + c);
                double mean = r == Rows - 1 && c == Columns - 1 ? 1 : 11 - 0.3 * c;
                for (int d = 0; d < Days; d++) { p[d, r, c] = rain[d]; t[d, r, c] = SyntheticClimate.Temperature(d, mean, 10); }
            }
        return (p, t);
    }

    /// <summary>Frequent disturbances, so that a seed change shows within a short run.</summary>
    internal static VegetationSimulationOptions Stormy { get; } = new()
    {
        Disturbances = new DisturbanceRegime { StormRate = 0.05, FireRate = 0.05, ClearCutRate = 0.05 },
    };

    [Fact]
    public void Run_SameSeed_BitIdenticalOutput()
    {
        var (p, t) = Grid();
        var a = VegetationSimulation.Run(p, t, Latitudes, SyntheticClimate.Start, seed: 7, Stormy);
        var b = VegetationSimulation.Run(p, t, Latitudes, SyntheticClimate.Start, seed: 7, Stormy);
        Assert.Equal(a.Lai, b.Lai);
        Assert.Equal(a.SimpleLai, b.SimpleLai);
        Assert.Equal(a.SoilWater, b.SoilWater);
        Assert.Equal(a.LandCover, b.LandCover);
        Assert.Equal(a.Disturbances, b.Disturbances);
    }

    [Fact]
    public void Run_DifferentSeed_DifferentDisturbancesSameLandCover()
    {
        var (p, t) = Grid();
        var a = VegetationSimulation.Run(p, t, Latitudes, SyntheticClimate.Start, seed: 7, Stormy);
        var b = VegetationSimulation.Run(p, t, Latitudes, SyntheticClimate.Start, seed: 8, Stormy);
        Assert.NotEqual(a.Disturbances, b.Disturbances);
        Assert.NotEqual(a.Lai, b.Lai);
        Assert.Equal(a.LandCover, b.LandCover);
        Assert.Equal(a.SimpleLai, b.SimpleLai);   // the simple model knows nothing of disturbances
    }

    [Fact]
    public void Run_FlatArrays_SameAsGridArrays()
    {
        var (p, t) = Grid();
        var flatP = p.Cast<float>().ToArray();
        var flatT = t.Cast<float>().ToArray();
        var grid = VegetationSimulation.Run(p, t, Latitudes, SyntheticClimate.Start, 3);
        var flat = VegetationSimulation.Run(flatP, flatT, Days, Rows, Columns, Latitudes, SyntheticClimate.Start, 3);
        Assert.Equal(grid.Lai, flat.Lai);
    }

    [Fact]
    public void Run_GivenLandCover_UsesItInsteadOfTheClimateMap()
    {
        var (p, t) = Grid();
        var map = new LandCover[Rows, Columns];
        for (int r = 0; r < Rows; r++) for (int c = 0; c < Columns; c++) map[r, c] = LandCover.Grassland;
        var result = VegetationSimulation.Run(p, t, Latitudes, SyntheticClimate.Start, 3,
            new VegetationSimulationOptions { LandCover = map });
        Assert.Same(map, result.LandCover);
        Assert.True(result.Lai.Cast<float>().Max() <= LandCoverParameters.Grassland.MaximumLai);
    }

    [Fact]
    public void Run_ColdCorner_IsAlpineWithLowLai()
    {
        var (p, t) = Grid();
        var result = VegetationSimulation.Run(p, t, Latitudes, SyntheticClimate.Start, 3);
        Assert.Equal(LandCover.AlpineSparse, result.LandCover[Rows - 1, Columns - 1]);
        for (int d = 0; d < Days; d++) Assert.True(result.Lai[d, Rows - 1, Columns - 1] <= LandCoverParameters.AlpineSparse.MaximumLai);
    }
}
