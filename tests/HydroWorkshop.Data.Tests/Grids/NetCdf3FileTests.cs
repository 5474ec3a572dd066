using System.Buffers.Binary;
using System.Text;
using HydroWorkshop.Data.Grids;
using HydroWorkshop.TestSupport;
using Xunit;

namespace HydroWorkshop.Data.Tests.Grids;

public class NetCdf3FileTests
{
    private const string DataSet = "rhine_meuse_30min_grdc";

    [Fact]
    public void Open_HandWrittenClassicFile_ReadsDimensionsAttributesAndInterleavedRecords()
    {
        using var temp = new TempFolder();
        var path = Path.Combine(temp.Path, "hand.nc");
        File.WriteAllBytes(path, HandWrittenFile(version: 1));

        var file = NetCdf3File.Open(path);

        Assert.Equal(NetCdf3Format.Classic, file.Format);
        Assert.Equal(3, file.RecordCount);
        Assert.Equal([new NetCdfDimension("time", 3, true), new NetCdfDimension("x", 2, false)], file.Dimensions);
        Assert.Equal("hand made", file.GlobalAttributes.TextOf("title"));
        Assert.Equal([1.5, -2.0], file.GlobalAttributes.Find("pair")!.Values);
        Assert.Equal([10.0, 20.0], file.ReadDoubles("x"));
        // Two record variables, one short (padded to 4 bytes per record) and one float, stored record by record.
        Assert.Equal([1f, 2f, 3f, 4f, 5f, 6f], file.ReadSingles("counts"));
        Assert.Equal([0.5f, 1.5f, 2.5f, 3.5f, 4.5f, 5.5f], file.ReadSingles("rain"));
        var rain = file.Variable("rain");
        Assert.True(rain.IsRecord);
        Assert.Equal([3, 2], rain.Shape);
        Assert.Equal("mm", rain.Units);
    }

    [Fact]
    public void Open_HandWritten64BitOffsetFile_ReadsTheSameValues()
    {
        using var temp = new TempFolder();
        var path = Path.Combine(temp.Path, "hand64.nc");
        File.WriteAllBytes(path, HandWrittenFile(version: 2));

        var file = NetCdf3File.Open(path);

        Assert.Equal(NetCdf3Format.Offset64, file.Format);
        Assert.Equal([0.5f, 1.5f, 2.5f, 3.5f, 4.5f, 5.5f], file.ReadSingles("rain"));
    }

    [Fact]
    public void Variable_UnknownName_ThrowsNamingFileAndVariables()
    {
        using var temp = new TempFolder();
        var path = Path.Combine(temp.Path, "precipitation.nc");
        File.WriteAllBytes(path, HandWrittenFile(version: 1));

        var e = Assert.Throws<DataFileException>(() => NetCdf3File.Open(path).ReadSingles("precip"));

        Assert.Contains("precipitation.nc: variable 'precip' not found; the file has: x, counts, rain", e.Message);
    }

    [Fact]
    public void Open_TruncatedFile_ThrowsNamingTheFile()
    {
        using var temp = new TempFolder();
        var path = Path.Combine(temp.Path, "cut.nc");
        var bytes = HandWrittenFile(version: 1);
        File.WriteAllBytes(path, bytes[..(bytes.Length - 6)]);

        var e = Assert.Throws<DataFileException>(() => NetCdf3File.Open(path));

        Assert.Contains("cut.nc", e.Message);
        Assert.Contains("truncated", e.Message);
    }

    [Fact]
    public void Open_NotNetCdf_Throws()
    {
        using var temp = new TempFolder();
        var path = temp.File("text.nc", "datetime,discharge\n");

        Assert.Contains("not a netCDF-3 file", Assert.Throws<DataFileException>(() => NetCdf3File.Open(path)).Message);
    }

    [RealDataFact(DataSet)]
    public void Open_RhineMeusePrecipitation_MatchesProvenance()
    {
        var path = Path.Combine(TestPaths.RealData(DataSet), "forcing", "precipitation_2001to2010.nc");

        var file = NetCdf3File.Open(path);

        Assert.Equal(NetCdf3Format.Classic, file.Format);
        Assert.Equal(3652, file.RecordCount);
        Assert.Equal(["time", "lat", "lon"], file.Dimensions.Select(d => d.Name));
        Assert.True(file.Dimensions[0].IsRecord);
        Assert.Equal("eWaterCycle model output", file.GlobalAttributes.TextOf("title"));
        var precipitation = file.Variable("precipitation");
        Assert.Equal([3652, 13, 17], precipitation.Shape);
        Assert.Equal("undefined", precipitation.Units);
        var values = file.ReadSingles("precipitation");
        Assert.InRange(values.Average(v => (double)v), 0.002, 0.004);                    // m/day: about 2.9 mm/day
        var latitude = file.ReadDoubles("lat");
        Assert.Equal(52.25, latitude[0]);                                                 // the file is north-first
        Assert.Equal(46.25, latitude[^1]);
    }

    /// <summary>A CDF file written byte by byte from the format specification: dims time (record, 3 records) and x 2;
    /// global attributes title (text) and pair (double); variables x(x) double, counts(time, x) short, rain(time, x) float.</summary>
    internal static byte[] HandWrittenFile(int version)
    {
        var header = new Bytes();
        header.Raw("CDF"u8).Raw([(byte)version]).Int(3);
        header.Int(0x0A).Int(2).Name("time").Int(0).Name("x").Int(2);
        header.Int(0x0C).Int(2).Name("title").Int(2).Int(9).Raw("hand made"u8).Pad()
              .Name("pair").Int(6).Int(2).Double(1.5).Double(-2.0);
        // Offsets depend on the header's length, which does not depend on their values: measure with zeros first.
        byte[] Build(long xBegin, long countsBegin, long rainBegin)
        {
            var h = new Bytes().Raw(header.ToArray());
            h.Int(0x0B).Int(3);
            h.Name("x").Int(1).Int(1).Int(0).Int(0).Int(6).Int(16).Offset(version, xBegin);
            h.Name("counts").Int(2).Int(0).Int(1).Int(0).Int(0).Int(3).Int(4).Offset(version, countsBegin);
            h.Name("rain").Int(2).Int(0).Int(1).Int(0x0C).Int(1).Name("units").Int(2).Int(2).Raw("mm"u8).Pad().Int(5).Int(8)
                .Offset(version, rainBegin);
            return h.ToArray();
        }
        var length = Build(0, 0, 0).Length;
        var file = new Bytes().Raw(Build(length, length + 16, length + 20));
        file.Double(10).Double(20);
        for (var r = 0; r < 3; r++)
        {
            file.Short((short)(2 * r + 1)).Short((short)(2 * r + 2));                     // counts: 4 bytes, no padding needed
            file.Float(2 * r + 0.5f).Float(2 * r + 1.5f);                                 // rain
        }
        return file.ToArray();
    }

    /// <summary>Big-endian bytes for hand-written files.</summary>
    internal sealed class Bytes
    {
        private readonly MemoryStream stream = new();
        public Bytes Raw(ReadOnlySpan<byte> bytes) { stream.Write(bytes); return this; }
        public Bytes Int(int v) { Span<byte> b = stackalloc byte[4]; BinaryPrimitives.WriteInt32BigEndian(b, v); return Raw(b); }
        public Bytes Long(long v) { Span<byte> b = stackalloc byte[8]; BinaryPrimitives.WriteInt64BigEndian(b, v); return Raw(b); }
        public Bytes Short(short v) { Span<byte> b = stackalloc byte[2]; BinaryPrimitives.WriteInt16BigEndian(b, v); return Raw(b); }
        public Bytes Float(float v) { Span<byte> b = stackalloc byte[4]; BinaryPrimitives.WriteSingleBigEndian(b, v); return Raw(b); }
        public Bytes Double(double v) { Span<byte> b = stackalloc byte[8]; BinaryPrimitives.WriteDoubleBigEndian(b, v); return Raw(b); }
        public Bytes Offset(int version, long v) => version == 1 ? Int((int)v) : Long(v);
        public Bytes Pad() { while (stream.Length % 4 != 0) stream.WriteByte(0); return this; }
        public Bytes Name(string name) { var b = Encoding.UTF8.GetBytes(name); return Int(b.Length).Raw(b).Pad(); }
        public byte[] ToArray() => stream.ToArray();
    }
}
