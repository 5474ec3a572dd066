using HydroWorkshop.Data.Grids;
using HydroWorkshop.TestSupport;
using PureHDF;
using Xunit;

namespace HydroWorkshop.Data.Tests.Grids;

public class NetCdf4FileTests
{
    private const string DataSet = "rhine_meuse_30min_grdc";

    [Fact]
    public void Read_Hdf5WithoutDimensionScales_MatchesCoordinatesByLength()
    {
        using var temp = new TempFolder();
        var path = Path.Combine(temp.Path, "elevation.nc");
        new H5File
        {
            ["lat"] = new H5Dataset(new double[] { 46.75, 47.25 }) { Attributes = new() { ["units"] = "degrees_north" } },
            ["lon"] = new H5Dataset(new double[] { 3.75, 4.25, 4.75 }) { Attributes = new() { ["units"] = "degrees_east" } },
            ["elevation"] = new H5Dataset(new float[] { 1, 2, 1e20f, 4, 5, 6 }, fileDims: [2, 3])
            {
                Attributes = new() { ["units"] = "m", ["_FillValue"] = new float[] { 1e20f } },
            },
            Attributes = new() { ["title"] = "synthetic" },
        }.Write(path);

        var file = NetCdf4File.Open(path);
        var elevation = file.Read("elevation");

        Assert.Equal(["elevation", "lat", "lon"], file.VariableNames.Order());
        Assert.Equal("synthetic", file.GlobalAttributes.TextOf("title"));
        Assert.Equal(["lat", "lon"], elevation.DimensionNames);
        Assert.Equal([2, 3], elevation.Shape);
        Assert.Equal("m", elevation.Units);
        Assert.Equal([46.75, 47.25], elevation.Latitude!);
        Assert.Equal([1f, 2f, float.NaN, 4f, 5f, 6f], elevation.Data);
        Assert.False(elevation.LatitudeDescending);
    }

    [Fact]
    public void Read_Hdf5TimeLatLon_TimeAxisDecoded()
    {
        using var temp = new TempFolder();
        var path = Path.Combine(temp.Path, "lai.nc");
        new H5File
        {
            ["time"] = new H5Dataset(new double[] { 0, 31 }) { Attributes = new() { ["units"] = "days since 2001-01-01",
                ["calendar"] = "standard" } },
            ["lat"] = new H5Dataset(new double[] { 52.25, 51.75, 51.25 }),
            ["lon"] = new H5Dataset(new double[] { 3.75, 4.25, 4.75, 5.25 }),
            ["lai"] = new H5Dataset(Enumerable.Range(0, 24).Select(i => (double)i).ToArray(), fileDims: [2, 3, 4]),
        }.Write(path);

        var lai = GriddedFile.Read(path, "lai");

        Assert.Equal(["time", "lat", "lon"], lai.DimensionNames);
        Assert.Equal([new DateOnly(2001, 1, 1), new DateOnly(2001, 2, 1)], lai.Time!);
        Assert.True(lai.LatitudeDescending);
        Assert.Equal(23f, lai.Data[^1]);                                                     // doubles read as floats
    }

    [Fact]
    public void Read_UnknownVariable_ThrowsListingVariables()
    {
        using var temp = new TempFolder();
        var path = Path.Combine(temp.Path, "soil.nc");
        new H5File { ["ksat"] = new H5Dataset(new float[] { 1, 2 }) }.Write(path);

        var e = Assert.Throws<DataFileException>(() => NetCdf4File.Open(path).Read("KSat1"));

        Assert.Contains("soil.nc: variable 'KSat1' not found; the file has: ksat", e.Message);
    }

    [Fact]
    public void Open_NotHdf5_ThrowsNamingTheFile()
    {
        using var temp = new TempFolder();
        var path = temp.File("broken.nc", "\u0089HDF but not really");

        Assert.Contains("broken.nc: not a readable netCDF-4/HDF5 file",
            Assert.Throws<DataFileException>(() => NetCdf4File.Open(path)).Message);
    }

    [RealDataFact(DataSet)]
    public void Read_RhineMeuseTopography_DimensionScalesAndFillValue()
    {
        var path = Path.Combine(TestPaths.RealData(DataSet), "landSurface", "topoPropertiesRhineMeuse30min.nc");

        var file = NetCdf4File.Open(path);
        var slope = file.Read("tanslope");

        Assert.Contains("dzRel0100", file.VariableNames);
        Assert.StartsWith("Converted from 'exampleData'", file.GlobalAttributes.TextOf("comment"));
        Assert.Equal(["lat", "lon"], slope.DimensionNames);                                  // from DIMENSION_LIST
        Assert.Equal([13, 17], slope.Shape);
        Assert.True(slope.LatitudeDescending);
        Assert.Equal(52.25, slope.Latitude![0]);
        Assert.Contains(slope.Data, float.IsNaN);                                           // _FillValue 1e20 outside the basins
        Assert.All(slope.Data.Where(v => !float.IsNaN(v)), v => Assert.InRange(v, 0, 1));
        Assert.True(new GridGeometry(13, 17, 3.5, 52.5, 0.5, 0.5).Matches(slope.Geometry!));
    }
}
