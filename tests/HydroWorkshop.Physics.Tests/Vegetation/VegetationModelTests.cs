using HydroWorkshop.Physics.Vegetation;
using Xunit;

namespace HydroWorkshop.Physics.Tests.Vegetation;

public class VegetationModelTests
{
    const int TwoYears = 730;

    static float[] Constant(int days, double mm) => Enumerable.Repeat((float)(mm / 1000), days).ToArray();

    static LandCover[,] Row(params LandCover[] classes)
    {
        var map = new LandCover[1, classes.Length];
        for (int c = 0; c < classes.Length; c++) map[0, c] = classes[c];
        return map;
    }

    [Fact]
    public void Run_DrySpellsAndDisturbances_LaiStaysWithinClassRange()
    {
        var classes = Enum.GetValues<LandCover>();
        var rain = classes.Select((_, i) => SyntheticClimate.Showers(3 * 365, 0.5 + i, i)).ToArray();
        var forcing = SyntheticClimate.Cells(rain, SyntheticClimate.Seasonal(3 * 365, mean: 11, amplitude: 13));
        var disturbances = new[]
        {
            new Disturbance(100, 0, 1, 2, DisturbanceKind.Storm, 0.9), new Disturbance(560, 0, 3, 2, DisturbanceKind.Fire, 0.9),
        };
        var output = new VegetationModel().Run(forcing, Row(classes), disturbances);
        for (int c = 0; c < classes.Length; c++)
        {
            double max = LandCoverParameters.For(classes[c]).MaximumLai, capacity = LandCoverParameters.For(classes[c]).SoilWaterCapacity;
            for (int t = 0; t < forcing.Days; t++)
            {
                Assert.InRange(output.Lai[t, 0, c], 0f, (float)max);
                Assert.InRange(output.SoilWater[t, 0, c], 0f, (float)capacity + 1e-3f);
                Assert.InRange(output.WaterStress[t, 0, c], 0f, 1f);
            }
        }
    }

    [Fact]
    public void Run_SummerDrought_LowersLaiWeeksLater()
    {
        // Same deciduous cell twice: 3 mm every day, or no rain for 60 days from 1 July of the second year.
        int droughtStart = 365 + 181;
        var wet = Constant(TwoYears, 3);
        var dry = (float[])wet.Clone();
        for (int t = droughtStart; t < droughtStart + 60; t++) dry[t] = 0;
        var forcing = SyntheticClimate.Cells([wet, dry], SyntheticClimate.Seasonal(TwoYears));
        var output = new VegetationModel().Run(forcing, Row(LandCover.DeciduousForest, LandCover.DeciduousForest));
        double Gap(int day) => output.Lai[day, 0, 0] - output.Lai[day, 0, 1];

        Assert.True(Gap(droughtStart + 14) < 0.05, $"two weeks in, LAI already {Gap(droughtStart + 14):F2} lower: no lag");
        Assert.True(Gap(droughtStart + 60) > 0.7, $"after 60 dry days LAI only {Gap(droughtStart + 60):F2} lower");
        // The soil is still dry and the stress memory low: LAI keeps falling for weeks after the rain is back.
        Assert.True(Gap(droughtStart + 75) > Gap(droughtStart + 60),
            $"gap {Gap(droughtStart + 75):F2} two weeks after the rain returned, {Gap(droughtStart + 60):F2} when it did");
    }

    [Fact]
    public void Run_ColdAllYear_StaysAtClassMinimum()
    {
        var classes = Enum.GetValues<LandCover>();
        var rain = classes.Select(_ => Constant(TwoYears, 2)).ToArray();
        var cold = Enumerable.Range(0, TwoYears).Select(d => SyntheticClimate.Temperature(d, mean: -8, amplitude: 6)).ToArray();
        Assert.True(cold.Max() < 0);
        var output = new VegetationModel().Run(SyntheticClimate.Cells(rain, cold), Row(classes));
        for (int c = 0; c < classes.Length; c++)
            for (int t = 0; t < TwoYears; t++)
                Assert.Equal(LandCoverParameters.For(classes[c]).MinimumLai, output.Lai[t, 0, c], 4);
    }

    [Fact]
    public void Run_SinusoidalTemperature_DeciduousPeaksInSummerAndEvergreenKeepsWinterLeaves()
    {
        var rain = SyntheticClimate.Showers(TwoYears, 2.5, 3);
        var forcing = SyntheticClimate.Cells([rain, rain], SyntheticClimate.Seasonal(TwoYears));
        var lai = new VegetationModel().Run(forcing, Row(LandCover.DeciduousForest, LandCover.EvergreenForest)).Lai;

        double summer = SyntheticClimate.MonthlyMean(lai, 0, 6, 7, 8), winter = SyntheticClimate.MonthlyMean(lai, 0, 12, 1, 2);
        Assert.True(summer > 4, $"deciduous summer LAI {summer:F2}");
        Assert.True(winter < 1, $"deciduous winter LAI {winter:F2}");
        int peak = Enumerable.Range(365, 365).MaxBy(t => lai[t, 0, 0]);
        Assert.InRange(SyntheticClimate.Start.AddDays(peak).Month, 6, 8);
        Assert.True(SyntheticClimate.MonthlyMean(lai, 1, 12, 1, 2) > 3, "evergreen winter LAI should stay above 3");
    }

    [Fact]
    public void Run_WholeRun_WaterBalanceCloses()
    {
        var rain = new[] { SyntheticClimate.Showers(TwoYears, 1.2, 1), SyntheticClimate.Showers(TwoYears, 4, 2) };
        var forcing = SyntheticClimate.Cells(rain, SyntheticClimate.Seasonal(TwoYears));
        var output = new VegetationModel().Run(forcing, Row(LandCover.Grassland, LandCover.Cropland));
        for (int c = 0; c < 2; c++)
        {
            double net = 0;
            for (int t = 0; t < TwoYears; t++)
                net += forcing.PrecipitationMm[t * 2 + c] - output.Evapotranspiration[t, 0, c] - output.Drainage[t, 0, c];
            Assert.Equal(output.SoilWater[TwoYears - 1, 0, c] - output.InitialSoilWater[0, c], net, 1);
        }
    }

    [Fact]
    public void Run_Disturbance_DropsLaiOnItsDayAndRecoversSlowly()
    {
        var rain = Constant(3 * 365, 3);
        var forcing = SyntheticClimate.Cells([rain, rain], SyntheticClimate.Seasonal(3 * 365));
        int day = 365 + 200;
        var storm = new Disturbance(day, 0, 0, 0, DisturbanceKind.ClearCut, 0.5);
        var lai = new VegetationModel().Run(forcing, Row(LandCover.DeciduousForest, LandCover.DeciduousForest), [storm]).Lai;

        Assert.Equal(lai[day, 0, 1] * 0.5, lai[day, 0, 0], 0.3);
        Assert.Equal(lai[day - 1, 0, 0], lai[day - 1, 0, 1]);
        // Next summer the stand is still thinner: canopy capacity recovers over years.
        Assert.True(lai[day + 365, 0, 0] < 0.85 * lai[day + 365, 0, 1]);
    }

    [Fact]
    public void Run_MismatchedLandCover_ThrowsNamingTheShapes()
    {
        var forcing = SyntheticClimate.Cells([Constant(10, 1)], SyntheticClimate.Seasonal(10));
        var error = Assert.Throws<ArgumentException>(() => new VegetationModel().Run(forcing, new LandCover[2, 2]));
        Assert.Contains("[2, 2]", error.Message);
    }
}
