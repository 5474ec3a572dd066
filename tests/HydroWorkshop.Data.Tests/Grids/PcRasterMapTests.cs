using System.Buffers.Binary;
using System.Text;
using HydroWorkshop.Data.Grids;
using HydroWorkshop.TestSupport;
using Xunit;

namespace HydroWorkshop.Data.Tests.Grids;

public class PcRasterMapTests
{
    private const string DataSet = "rhine_meuse_30min_grdc";

    [Fact]
    public void Read_UInt1LddMap_MissingIsNaNAndGeometryFromHeader()
    {
        using var temp = new TempFolder();
        var path = Path.Combine(temp.Path, "ldd.map");
        File.WriteAllBytes(path, Csf(2, 3, PcRasterCellRepresentation.UInt1, PcRasterValueScale.Ldd, [2, 5, 255, 6, 5, 4], xUpperLeft: 3.5,
            yUpperLeft: 52.5, cellSize: 0.5));

        var map = PcRasterMap.Read(path);

        Assert.Equal(PcRasterValueScale.Ldd, map.ValueScale);
        Assert.Equal(PcRasterCellRepresentation.UInt1, map.CellRepresentation);
        Assert.Equal(new GridGeometry(2, 3, 3.5, 52.5, 0.5, 0.5), map.Geometry);
        Assert.Equal(2f, map[0, 0]);
        Assert.True(float.IsNaN(map[0, 2]));
        Assert.Equal(4f, map[1, 2]);
        Assert.Equal(52.25, map.Geometry.CellCentreY(0));
        Assert.Equal(4.75, map.Geometry.CellCentreX(2));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Read_Real4Map_AllBitsSetIsMissing_EitherByteOrder(bool bigEndian)
    {
        using var temp = new TempFolder();
        var path = Path.Combine(temp.Path, "area.map");
        var cells = new byte[4 * 4];
        float[] values = [2.1e9f, float.NaN, -3.5f, 0f];
        for (var i = 0; i < 4; i++)
        {
            var bits = float.IsNaN(values[i]) ? uint.MaxValue : BitConverter.SingleToUInt32Bits(values[i]);
            if (bigEndian) BinaryPrimitives.WriteUInt32BigEndian(cells.AsSpan(4 * i), bits);
            else BinaryPrimitives.WriteUInt32LittleEndian(cells.AsSpan(4 * i), bits);
        }
        File.WriteAllBytes(path, Csf(2, 2, PcRasterCellRepresentation.Real4, PcRasterValueScale.Scalar, cells, bigEndian: bigEndian));

        var map = PcRasterMap.Read(path);

        Assert.Equal(values, map.Values);
        Assert.Equal(2, map.Rows);
    }

    [Fact]
    public void Read_Int4AndReal8_MissingValues()
    {
        using var temp = new TempFolder();
        var int4 = new byte[8];
        BinaryPrimitives.WriteInt32LittleEndian(int4, 7);
        BinaryPrimitives.WriteInt32LittleEndian(int4.AsSpan(4), int.MinValue);
        var real8 = new byte[16];
        BinaryPrimitives.WriteDoubleLittleEndian(real8, 0.25);
        BinaryPrimitives.WriteUInt64LittleEndian(real8.AsSpan(8), ulong.MaxValue);
        File.WriteAllBytes(Path.Combine(temp.Path, "n.map"), Csf(1, 2, PcRasterCellRepresentation.Int4, PcRasterValueScale.Nominal, int4));
        File.WriteAllBytes(Path.Combine(temp.Path, "d.map"), Csf(1, 2, PcRasterCellRepresentation.Real8, PcRasterValueScale.Scalar, real8));

        Assert.Equal([7f, float.NaN], PcRasterMap.Read(Path.Combine(temp.Path, "n.map")).Values);
        Assert.Equal([0.25f, float.NaN], PcRasterMap.Read(Path.Combine(temp.Path, "d.map")).Values);
    }

    [Fact]
    public void Read_TruncatedOrNotCsf_ThrowsNamingTheFile()
    {
        using var temp = new TempFolder();
        var cut = Path.Combine(temp.Path, "cut.map");
        File.WriteAllBytes(cut, Csf(3, 3, PcRasterCellRepresentation.Real4, PcRasterValueScale.Scalar, new byte[4 * 8]));
        var text = temp.File("text.map", new string('x', 300));

        Assert.Contains("cut.map: 3 x 3 cells of 4 bytes need 292 bytes",
            Assert.Throws<DataFileException>(() => PcRasterMap.Read(cut)).Message);
        Assert.Contains("text.map: not a PCRaster map", Assert.Throws<DataFileException>(() => PcRasterMap.Read(text)).Message);
    }

    [RealDataFact(DataSet)]
    public void Read_RhineMeuseMaps_SameGridAsTheForcing()
    {
        var data = TestPaths.RealData(DataSet);

        var ldd = PcRasterMap.Read(Path.Combine(data, "routing", "RhineMeuse_lddsound_30min.map"));
        var area = PcRasterMap.Read(Path.Combine(data, "routing", "RhineMeuse_cellarea30min.map"));
        var mask = PcRasterMap.Read(Path.Combine(data, "cloneMaps", "RhineMeuse_landmask.map"));

        var grid = new GridGeometry(13, 17, 3.5, 52.5, 0.5, 0.5);
        Assert.Equal(grid, ldd.Geometry);
        Assert.Equal(grid, area.Geometry);
        Assert.Equal(grid, mask.Geometry);
        Assert.Equal(PcRasterValueScale.Ldd, ldd.ValueScale);
        Assert.Equal(PcRasterCellRepresentation.Real4, area.CellRepresentation);
        Assert.Equal(PcRasterValueScale.Boolean, mask.ValueScale);
        Assert.All(ldd.Values.Where(v => !float.IsNaN(v)), v => Assert.InRange(v, 1, 9));
        // Cell areas are m²: a 0.5° cell is about 55.6 km × 55.6 km × cos(latitude), 1,900–2,200 km² here; a few coastal
        // cells hold only their land (0 to 1.8e9 m²).
        var areas = area.Values.Where(v => !float.IsNaN(v)).Order().ToArray();
        Assert.All(areas, v => Assert.InRange(v, 0, 2.2e9));
        Assert.InRange(areas[areas.Length / 2], 1.9e9, 2.2e9);
        var forcing = GriddedFile.Read(Path.Combine(data, "forcing", "temperature_2001to2010.nc"), "temperature");
        Assert.True(grid.Matches(forcing.Geometry!));
    }

    /// <summary>A CSF version-2 raster written from the format's layout: main header (64 bytes), raster header at 64, cells at
    /// 256.</summary>
    internal static byte[] Csf(int rows, int columns, PcRasterCellRepresentation representation, PcRasterValueScale scale, byte[] cells,
        double xUpperLeft = 0, double yUpperLeft = 0, double cellSize = 1, bool bigEndian = false)
    {
        var bytes = new byte[256 + cells.Length];
        Encoding.ASCII.GetBytes("RUU CROSS SYSTEM MAP FORMAT").CopyTo(bytes, 0);
        void U16(int at, int v) { if (bigEndian) BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(at),
            (ushort)v); else BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(at), (ushort)v); }
        void U32(int at, uint v) { if (bigEndian) BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(at),
            v); else BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(at), v); }
        void F64(int at, double v) { if (bigEndian) BinaryPrimitives.WriteDoubleBigEndian(bytes.AsSpan(at),
            v); else BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(at), v); }
        U16(32, 2);                          // version
        U16(38, 1);                          // projection: y decreases downwards
        U16(44, 1);                          // map type: raster
        U32(46, 1);                          // byte order word
        U16(64, (int)scale);
        U16(66, (int)representation);
        F64(84, xUpperLeft);
        F64(92, yUpperLeft);
        U32(100, (uint)rows);
        U32(104, (uint)columns);
        F64(108, cellSize);
        F64(116, cellSize);
        cells.CopyTo(bytes, 256);
        return bytes;
    }
}
