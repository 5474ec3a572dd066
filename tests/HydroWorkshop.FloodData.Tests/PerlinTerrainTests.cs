using Xunit;

namespace HydroWorkshop.FloodData.Tests;

public class PerlinTerrainTests
{
    private static double LagOneAutocorrelation(float[] z, int size)
    {
        var mean = z.Average(v => (double)v);
        double covariance = 0, variance = 0;
        for (var row = 0; row < size; row++)
            for (var column = 0; column < size; column++)
            {
                var a = z[row * size + column] - mean;
                variance += a * a;
                if (column + 1 < size) covariance += a * (z[row * size + column + 1] - mean);
            }
        return covariance / size / (size - 1) / (variance / size / size);
    }

    [Fact]
    public void Sample_FortyTerrains_StatisticsLikeTheDHydroDems()
    {
        // The D-HYDRO DEMs (dike_breach_bentivoglio2023_subset): elevations -3.5..4.5 m, standard deviation 0.28-1.2 m,
        // lag-1 autocorrelation along x 0.92-0.98, cell (0, 0) at 0 m.
        var random = new Random(5);
        var deviations = new List<double>();
        for (var k = 0; k < 40; k++)
        {
            var (z, frequency, amplitude) = PerlinTerrain.Sample(random, 64, 64);

            Assert.InRange(frequency, PerlinTerrain.MinFrequency, PerlinTerrain.MaxFrequency);
            Assert.InRange(amplitude, PerlinTerrain.MinAmplitude, PerlinTerrain.MaxAmplitude);
            Assert.All(z, v => Assert.InRange(v, -4.5f, 4.5f));
            Assert.Equal(0f, z[0]);
            Assert.InRange(LagOneAutocorrelation(z, 64), 0.85, 1.0);
            var mean = z.Average(v => (double)v);
            deviations.Add(Math.Sqrt(z.Average(v => (v - mean) * (v - mean))));
        }
        Assert.InRange(deviations.Min(), 0.1, 0.5);
        Assert.InRange(deviations.Max(), 0.8, 1.6);
    }

    [Fact]
    public void Generate_SameSeed_SameTerrain()
    {
        var a = PerlinTerrain.Generate(new Random(3), 32, 48, 6, 2);
        var b = PerlinTerrain.Generate(new Random(3), 32, 48, 6, 2);
        var c = PerlinTerrain.Generate(new Random(4), 32, 48, 6, 2);

        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
        Assert.Equal(32 * 48, a.Length);
    }

    [Fact]
    public void Generate_ValuesHaveFiveDecimals()
    {
        var z = PerlinTerrain.Generate(new Random(1), 16, 16, 5, 3);

        Assert.All(z,
            v => Assert.Equal(v, float.Parse(v.ToString("0.00000", System.Globalization.CultureInfo.InvariantCulture),
                System.Globalization.CultureInfo.InvariantCulture)));
    }
}
