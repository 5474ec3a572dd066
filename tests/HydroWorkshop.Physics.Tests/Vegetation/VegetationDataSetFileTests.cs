using HydroWorkshop.Data.Grids;
using HydroWorkshop.Physics.Vegetation;
using HydroWorkshop.TestSupport;
using Xunit;

namespace HydroWorkshop.Physics.Tests.Vegetation;

public sealed class VegetationDataSetFileTests
{
    [Fact]
    public void Write_SyntheticClimate_ReadsBackAsGriddedLaiWithCfTime()
    {
        const int days = 400, rows = 3, columns = 4;
        var precipitation = new float[days * rows * columns];
        var temperature = new float[days * rows * columns];
        for (var i = 0; i < precipitation.Length; i++)
        {
            var day = i / (rows * columns);
            precipitation[i] = day % 5 == 0 ? 0.012f : 0f;                                  // m/day: 12 mm every fifth day
            temperature[i] = (float)(9 + 9 * Math.Sin(2 * Math.PI * (day - 105) / 365.25));
        }
        var result = VegetationSimulation.Run(precipitation, temperature, days, rows, columns, [51f, 50.5f, 50f],
            new DateOnly(2001, 1, 1), seed: 3);
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "lai.nc");
        VegetationDataSetFile.Write(result, [4.25, 4.75, 5.25, 5.75], path);

        var lai = GriddedFile.Read(path, "lai");
        Assert.Equal(["time", "lat", "lon"], lai.DimensionNames);
        Assert.Equal(new DateOnly(2001, 1, 1), lai.Time![0]);
        Assert.Equal(new DateOnly(2001, 1, 1).AddDays(days - 1), lai.Time![^1]);
        Assert.Equal([4.25, 4.75, 5.25, 5.75], lai.Longitude!);
        Assert.Equal(result.Lai[123, 2, 1], lai.Data[(123 * rows + 2) * columns + 1]);
        Assert.Equal(result.SimpleLai[300, 0, 3], GriddedFile.Read(path, "simple_lai").Data[(300 * rows + 0) * columns + 3]);
        Assert.Contains("SIMULATED", NetCdf3File.Open(path).GlobalAttributes.TextOf("title"));
    }

    [Fact]
    public void Write_WrongLongitudeCount_Throws()
    {
        var result = VegetationSimulation.Run(new float[10 * 2 * 2], Enumerable.Repeat(10f, 40).ToArray(), 10, 2, 2, [50f, 49.5f],
            new DateOnly(2001, 1, 1), 1);
        var error = Assert.Throws<ArgumentException>(() => VegetationDataSetFile.Write(result, [1.0], "/tmp/never.nc"));
        Assert.Contains("1 longitudes for 2 columns", error.Message);
    }
}
