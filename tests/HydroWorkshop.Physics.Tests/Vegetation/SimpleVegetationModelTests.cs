using HydroWorkshop.Physics.Vegetation;
using Xunit;

namespace HydroWorkshop.Physics.Tests.Vegetation;

public class SimpleVegetationModelTests
{
    const int Days = 3 * 365;

    static (float[,,] Full, float[,,] Simple) WetAndDryCell()
    {
        var wet = SyntheticClimate.Showers(Days, 3.5, 21);
        var dry = SyntheticClimate.Showers(Days, 1.0, 21);
        var forcing = SyntheticClimate.Cells([wet, dry], SyntheticClimate.Seasonal(Days));
        var map = new LandCover[1, 2] { { LandCover.DeciduousForest, LandCover.DeciduousForest } };
        return (new VegetationModel().Run(forcing, map).Lai, new SimpleVegetationModel().Run(forcing, map));
    }

    static double SummerRmse(float[,,] a, float[,,] b, int column)
    {
        double sum = 0; int n = 0;
        for (int t = 0; t < a.GetLength(0); t++)
            if (SyntheticClimate.Start.AddDays(t).Month is >= 6 and <= 9)
            {
                double e = a[t, 0, column] - b[t, 0, column];
                sum += e * e; n++;
            }
        return Math.Sqrt(sum / n);
    }

    [Fact]
    public void Run_DryCell_ErrorAgainstFullModelLargerThanInWetCell()
    {
        var (full, simple) = WetAndDryCell();
        double wet = SummerRmse(full, simple, 0), dry = SummerRmse(full, simple, 1);
        Assert.True(dry > 2 * wet, $"summer RMSE dry {dry:F2} vs wet {wet:F2}");
        Assert.True(SyntheticClimate.MonthlyMean(simple, 1, 7, 8) > SyntheticClimate.MonthlyMean(full, 1, 7, 8),
            "without soil water the simple model should overestimate the dry cell's summer LAI");
    }

    [Fact]
    public void Run_WetCell_CorrelatesWithFullModel()
    {
        var (full, simple) = WetAndDryCell();
        var a = Enumerable.Range(0, Days).Select(t => (double)full[t, 0, 0]).ToArray();
        var b = Enumerable.Range(0, Days).Select(t => (double)simple[t, 0, 0]).ToArray();
        double ma = a.Average(), mb = b.Average();
        double r = a.Zip(b).Sum(p => (p.First - ma) * (p.Second - mb))
            / Math.Sqrt(a.Sum(x => (x - ma) * (x - ma)) * b.Sum(x => (x - mb) * (x - mb)));
        Assert.True(r > 0.8, $"correlation {r:F2}");
    }

    [Fact]
    public void Run_WithMap_StaysWithinTheClassRange()
    {
        var (_, simple) = WetAndDryCell();
        var model = new SimpleVegetationModel();
        var deciduous = LandCoverParameters.DeciduousForest;
        foreach (float v in simple)
            Assert.InRange(v, (float)(deciduous.MinimumLai * (1 - model.RainWeight)) - 1e-4f, (float)deciduous.MaximumLai + 1e-4f);
    }

    [Fact]
    public void Run_WithoutMap_UsesTheGenericRange()
    {
        var forcing = SyntheticClimate.Cells([SyntheticClimate.Showers(Days, 3, 1)], SyntheticClimate.Seasonal(Days));
        var model = new SimpleVegetationModel { MinimumLai = 1, MaximumLai = 2 };
        var lai = model.Run(forcing);
        foreach (float v in lai) Assert.InRange(v, 0.9f - 1e-4f, 2f + 1e-4f);
        Assert.True(lai.Cast<float>().Max() > 1.8f, "a warm summer should bring the generic canopy near its maximum");
    }

    [Fact]
    public void Run_Cropland_IsHarvestedAtItsTemperatureSum()
    {
        var forcing = SyntheticClimate.Cells([SyntheticClimate.Showers(Days, 3, 2)], SyntheticClimate.Seasonal(Days));
        var lai = new SimpleVegetationModel().Run(forcing, new LandCover[1, 1] { { LandCover.Cropland } });
        Assert.True(SyntheticClimate.MonthlyMean(lai, 0, 6) > 3, "June crop canopy");
        Assert.True(SyntheticClimate.MonthlyMean(lai, 0, 10) < 0.6, "October after harvest");
    }

    [Fact]
    public void Run_RampTemperaturesReversed_Throws()
    {
        var forcing = SyntheticClimate.Cells([new float[10]], SyntheticClimate.Seasonal(10));
        Assert.Throws<ArgumentException>(() => new SimpleVegetationModel { GreenUpTemperature = 15,
            FullCanopyTemperature = 10 }.Run(forcing));
    }
}
