using HydroWorkshop.Data.Grids;
using HydroWorkshop.TestSupport;
using Xunit;

namespace HydroWorkshop.Data.Tests.Grids;

public class NetCdf3WriterTests
{
    private const string DataSet = "rhine_meuse_30min_grdc";

    [Fact]
    public void Write_LaiMaps_ReadBackAsGriddedVariable()
    {
        using var temp = new TempFolder();
        var path = Path.Combine(temp.Path, "out", "lai.nc");
        var lai = Enumerable.Range(0, 4 * 2 * 3).Select(i => i * 0.25f).ToArray();     // [time 4, lat 2, lon 3]
        lai[5] = -9999f;

        new NetCdf3Writer()
            .AddRecordDimension("time").AddDimension("lat", 2).AddDimension("lon", 3)
            .AddAttribute(NetCdfAttribute.Of("title", "simulated LAI"))
            .AddVariable("time", ["time"], new double[] { 0, 1, 2, 3 }, NetCdfAttribute.Of("units", "days since 2001-01-01"),
                NetCdfAttribute.Of("calendar", "standard"))
            .AddVariable("lat", ["lat"], new float[] { 47.25f, 46.75f }, NetCdfAttribute.Of("units", "degrees_north"))
            .AddVariable("lon", ["lon"], new float[] { 3.75f, 4.25f, 4.75f }, NetCdfAttribute.Of("units", "degrees_east"))
            .AddVariable("lai", ["time", "lat", "lon"], lai, NetCdfAttribute.Of("units", "m2 m-2"),
                NetCdfAttribute.Of("_FillValue", -9999f))
            .Write(path);
        var read = GriddedFile.Read(path, "lai");

        Assert.Equal(NetCdf3Format.Classic, NetCdf3File.Open(path).Format);
        Assert.Equal(["time", "lat", "lon"], read.DimensionNames);
        Assert.Equal([4, 2, 3], read.Shape);
        Assert.Equal("m2 m-2", read.Units);
        Assert.Equal([new DateOnly(2001, 1, 1), new DateOnly(2001, 1, 2), new DateOnly(2001, 1, 3), new DateOnly(2001, 1, 4)], read.Time!);
        Assert.Equal([47.25, 46.75], read.Latitude!);
        Assert.True(float.IsNaN(read.Data[5]));
        Assert.Equal(lai.Where((_, i) => i != 5), read.Data.Where((_, i) => i != 5));
        Assert.Empty(Directory.GetFiles(Path.Combine(temp.Path, "out"), "*.tmp"));      // the atomic write left no temporary
    }

    [Fact]
    public void Write_SingleShortRecordVariable_RecordsUnpadded()
    {
        using var temp = new TempFolder();
        var path = Path.Combine(temp.Path, "short.nc");
        short[] values = [1, -2, 3, -4, 5, -6];                                        // [time 6]

        new NetCdf3Writer().AddRecordDimension("time").AddVariable("q", ["time"], values).Write(path);
        var file = NetCdf3File.Open(path);

        Assert.Equal(6, file.RecordCount);
        Assert.Equal(values.Select(v => (double)v), file.ReadDoubles("q"));
        // One record variable: 2 bytes a record, no padding (the specification's special case).
        Assert.Equal(file.Variable("q").Begin + 12, new FileInfo(path).Length);
    }

    [Fact]
    public void Write_ValuesNotMatchingShape_ThrowsNamingVariable()
    {
        using var temp = new TempFolder();
        var writer = new NetCdf3Writer().AddDimension("lat", 2).AddDimension("lon", 3)
            .AddVariable("elevation", ["lat", "lon"], new float[5]);

        var e = Assert.Throws<ArgumentException>(() => writer.Write(Path.Combine(temp.Path, "x.nc")));

        Assert.Contains("variable 'elevation' has 5 values; its shape [2, 3] holds 6", e.Message);
    }

    [Fact]
    public void AddVariable_UnknownOrMisplacedDimension_Throws()
    {
        var writer = new NetCdf3Writer().AddRecordDimension("time").AddDimension("x", 2);

        Assert.Contains("dimension 'y' was not added",
            Assert.Throws<ArgumentException>(() => writer.AddVariable("a", ["y"], new float[2])).Message);
        Assert.Contains("must come first",
            Assert.Throws<ArgumentException>(() => writer.AddVariable("b", ["x", "time"], new float[2])).Message);
    }

    [RealDataFact(DataSet)]
    public void Write_RhineMeuseForcingCopied_ByteIdenticalToTheOriginal()
    {
        // The original was written by the netCDF library: writing its header and values back must give the same bytes.
        var original = Path.Combine(TestPaths.RealData(DataSet), "forcing", "temperature_2001to2010.nc");
        var file = NetCdf3File.Open(original);
        var writer = new NetCdf3Writer();
        foreach (var d in file.Dimensions)
        {
            if (d.IsRecord) writer.AddRecordDimension(d.Name);
            else writer.AddDimension(d.Name, d.Length);
        }
        foreach (var a in file.GlobalAttributes) writer.AddAttribute(a);
        foreach (var v in file.Variables)
        {
            Assert.Equal(NetCdfType.Float, v.Type);
            writer.AddVariable(v.Name, v.DimensionNames, file.ReadSingles(v.Name), v.Attributes.ToArray());
        }
        using var temp = new TempFolder();
        var copy = Path.Combine(temp.Path, "copy.nc");

        writer.Write(copy);

        Assert.Equal(File.ReadAllBytes(original), File.ReadAllBytes(copy));
    }
}
