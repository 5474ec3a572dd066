using HydroWorkshop.Data.Grids;
using HydroWorkshop.TestSupport;
using Xunit;

namespace HydroWorkshop.Data.Tests.Grids;

public class GriddedFileTests
{
    private const string DataSet = "rhine_meuse_30min_grdc";

    [Fact]
    public void Kind_FromFirstBytes_NotExtension()
    {
        using var temp = new TempFolder();
        var cdf = Path.Combine(temp.Path, "a.h5");
        File.WriteAllBytes(cdf, NetCdf3FileTests.HandWrittenFile(version: 1));
        var hdf = Path.Combine(temp.Path, "b.nc");
        new PureHDF.H5File { ["x"] = new PureHDF.H5Dataset(new float[] { 1 }) }.Write(hdf);
        var cdf5 = Path.Combine(temp.Path, "c.nc");
        File.WriteAllBytes(cdf5, [(byte)'C', (byte)'D', (byte)'F', 5, 0, 0, 0, 0]);
        var text = temp.File("d.nc", "hello");

        Assert.Equal(GriddedFileKind.NetCdf3, GriddedFile.Kind(cdf));
        Assert.Equal(GriddedFileKind.NetCdf4, GriddedFile.Kind(hdf));
        Assert.Contains("c.nc: netCDF-3 version byte 5 is not supported",
            Assert.Throws<DataFileException>(() => GriddedFile.Kind(cdf5)).Message);
        Assert.Contains("d.nc: neither netCDF-3", Assert.Throws<DataFileException>(() => GriddedFile.Kind(text)).Message);
    }

    [Fact]
    public void Read_PackedShortsWithFill_Unpacked()
    {
        using var temp = new TempFolder();
        var path = Path.Combine(temp.Path, "packed.nc");
        new NetCdf3Writer().AddDimension("x", 3)
            .AddVariable("t", ["x"], new short[] { 100, -32767, 250 },
                NetCdfAttribute.Of("scale_factor", 0.01), NetCdfAttribute.Of("add_offset", 10.0),
                new NetCdfAttribute("_FillValue", NetCdfType.Short, null, [-32767]))
            .Write(path);

        var t = GriddedFile.Read(path, "t");

        Assert.Equal(11f, t.Data[0], 5);
        Assert.True(float.IsNaN(t.Data[1]));
        Assert.Equal(12.5f, t.Data[2], 5);
        Assert.Null(t.Time);
    }

    [RealDataFact(DataSet)]
    public void Read_RhineMeuseForcing_TimeAxisAndGridAsDocumented()
    {
        var data = TestPaths.RealData(DataSet);

        var precipitation = GriddedFile.Read(Path.Combine(data, "forcing", "precipitation_2001to2010.nc"), "precipitation");

        Assert.Equal(["time", "lat", "lon"], precipitation.DimensionNames);
        Assert.Equal([3652, 13, 17], precipitation.Shape);
        Assert.Equal(new DateOnly(2001, 1, 1), precipitation.Time![0]);
        Assert.Equal(new DateOnly(2010, 12, 31), precipitation.Time[^1]);
        Assert.True(precipitation.LatitudeDescending);                                       // 52.25 first: north-up like the .map files
        Assert.Equal(3.75, precipitation.Longitude![0]);
        Assert.DoesNotContain(precipitation.Data, float.IsNaN);
        Assert.Same(precipitation, precipitation.NorthUp());
    }

    [RealDataFact(DataSet)]
    public void Read_RhineMeuseMissingVariable_ThrowsListingVariables()
    {
        var path = Path.Combine(TestPaths.RealData(DataSet), "forcing", "precipitation_2001to2010.nc");

        var e = Assert.Throws<DataFileException>(() => GriddedFile.Read(path, "rain"));

        Assert.EndsWith("precipitation_2001to2010.nc: variable 'rain' not found; the file has: time, lat, lon, precipitation", e.Message);
    }

    [RealDataFact(DataSet)]
    public void VariableNames_RhineMeuseSoil_ListsHdf5Datasets()
    {
        var path = Path.Combine(TestPaths.RealData(DataSet), "landSurface", "soilPropertiesRhineMeuse30min.nc");

        var names = GriddedFile.VariableNames(path);

        Assert.Contains("KSat1", names);
        Assert.Contains("lat", names);
        Assert.Equal(17, names.Count);                                                       // 15 soil maps, lat, lon
    }
}
