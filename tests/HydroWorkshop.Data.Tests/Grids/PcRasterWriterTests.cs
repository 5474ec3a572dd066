using HydroWorkshop.Data.Grids;
using HydroWorkshop.TestSupport;
using Xunit;

namespace HydroWorkshop.Data.Tests.Grids;

public sealed class PcRasterWriterTests
{
    private static readonly GridGeometry Grid = new(2, 3, 3.5, 52.5, 0.5, 0.5);

    [Fact]
    public void Write_LddWithMissingCells_ReadsBackTheSameCodesAndGrid()
    {
        using var temp = new TempFolder();
        var path = Path.Combine(temp.Path, "routing", "ldd.map");
        float[] codes = [6, 3, float.NaN, 8, 5, 4];

        PcRasterWriter.Write(path, Grid, codes, PcRasterValueScale.Ldd, PcRasterCellRepresentation.UInt1);

        var map = PcRasterMap.Read(path);
        Assert.Equal(Grid, map.Geometry);
        Assert.Equal(PcRasterValueScale.Ldd, map.ValueScale);
        Assert.Equal(PcRasterCellRepresentation.UInt1, map.CellRepresentation);
        Assert.Equal(codes, map.Values);
        var bytes = File.ReadAllBytes(path);
        Assert.Equal(256 + 6, bytes.Length);
        Assert.Equal((3, 8), (bytes[64 + 4], bytes[64 + 12]));                         // min and max as UINT1, NaN ignored
    }

    [Fact]
    public void Write_Real4_RoundTripsValuesAndNaN()
    {
        using var temp = new TempFolder();
        var path = Path.Combine(temp.Path, "area.map");
        float[] areas = [1.9e9f, 2.05e9f, float.NaN, 0f, -3.5f, 1e-20f];

        PcRasterWriter.Write(path, Grid, areas, PcRasterValueScale.Scalar, PcRasterCellRepresentation.Real4);

        var map = PcRasterMap.Read(path);
        Assert.Equal(PcRasterCellRepresentation.Real4, map.CellRepresentation);
        Assert.Equal(areas, map.Values);
    }

    [Fact]
    public void Write_UInt1ValueOutOfRange_NamesTheCellAndWritesNothing()
    {
        using var temp = new TempFolder();
        var path = Path.Combine(temp.Path, "bad.map");

        var error = Assert.Throws<ArgumentException>(() =>
            PcRasterWriter.Write(path, Grid, [1, 2, 3, 4, 2.5f, 6], PcRasterValueScale.Ldd, PcRasterCellRepresentation.UInt1));

        Assert.Contains("row 1, column 1", error.Message);
        Assert.Contains("2.5", error.Message);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void Write_WrongNumberOfValues_SaysHowManyTheGridNeeds()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            PcRasterWriter.Write("/tmp/never.map", Grid, [1, 2, 3], PcRasterValueScale.Ldd, PcRasterCellRepresentation.UInt1));

        Assert.Contains("3 values for a grid of 2 × 3", error.Message);
    }

    [Theory]
    [InlineData(PcRasterValueScale.Ldd, 0f)]
    [InlineData(PcRasterValueScale.Ldd, 10f)]
    [InlineData(PcRasterValueScale.Boolean, 2f)]
    public void Write_ValueOutsideItsScale_SaysWhatTheScaleHolds(PcRasterValueScale scale, float value)
    {
        var error = Assert.Throws<ArgumentException>(() =>
            PcRasterWriter.Write("/tmp/never.map", Grid, [1, 1, value, 1, 1, 1], scale, PcRasterCellRepresentation.UInt1));

        Assert.Contains("row 0, column 2", error.Message);
        Assert.Contains($"a {scale} map holds", error.Message);
    }
}
