using HydroWorkshop.Data.Grids;
using Xunit;

namespace HydroWorkshop.Data.Tests.Grids;

public class GriddedVariableTests
{
    /// <summary>[time 2, lat 2 (south first), lon 3]: value = 100 t + 10 y + x.</summary>
    private static GriddedVariable SouthFirst() => new()
    {
        Name = "lai",
        DimensionNames = ["time", "lat", "lon"],
        Shape = [2, 2, 3],
        Data = [0, 1, 2, 10, 11, 12, 100, 101, 102, 110, 111, 112],
        Latitude = [46.75, 47.25],
        Longitude = [3.75, 4.25, 4.75],
        Time = [new DateOnly(2001, 1, 1), new DateOnly(2001, 1, 2)],
        LatitudeDimension = "lat",
        LongitudeDimension = "lon",
        TimeDimension = "time",
    };

    [Fact]
    public void NorthUp_AscendingLatitude_FlipsRowsOfEveryMap()
    {
        var north = SouthFirst().NorthUp();

        Assert.True(north.LatitudeDescending);
        Assert.Equal([47.25, 46.75], north.Latitude!);
        Assert.Equal([10f, 11, 12, 0, 1, 2, 110, 111, 112, 100, 101, 102], north.Data);
        Assert.Same(north, north.NorthUp());
    }

    [Fact]
    public void Map_AndTimeRange_SelectDays()
    {
        var lai = SouthFirst();

        Assert.Equal([100f, 101, 102, 110, 111, 112], lai.Map(1));
        Assert.Equal(new Range(1, 2), lai.TimeRange(new DateOnly(2001, 1, 2), new DateOnly(2001, 12, 31)));
        Assert.Equal((2, 3), (lai.Rows, lai.Columns));
        Assert.Equal(new GridGeometry(2, 3, 3.5, 47.5, 0.5, 0.5), lai.Geometry);
        Assert.Throws<ArgumentException>(() => lai.TimeRange(new DateOnly(2002, 1, 1), new DateOnly(2002, 12, 31)));
    }
}
