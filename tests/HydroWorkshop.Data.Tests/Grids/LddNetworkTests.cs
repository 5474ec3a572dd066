using HydroWorkshop.Data.Grids;
using HydroWorkshop.TestSupport;
using Xunit;
using Xunit.Abstractions;

namespace HydroWorkshop.Data.Tests.Grids;

public class LddNetworkTests(ITestOutputHelper output)
{
    private const string DataSet = "rhine_meuse_30min_grdc";
    private static readonly GridGeometry Grid4 = new(4, 4, 0, 4, 1, 1);

    /// <summary>Everything drains to the pit at (3, 1); (0, 3) is outside the network.</summary>
    private static readonly float[] Codes4 =
    [
        3, 2, 1, float.NaN,
        3, 2, 1, 4,
        6, 2, 4, 4,
        6, 5, 4, 4,
    ];

    [Fact]
    public void UpstreamAreaKm2_HandMadeLdd_CountsCellsDrainingThrough()
    {
        var network = new LddNetwork(Grid4, Codes4, Enumerable.Repeat(1f, 16).ToArray());

        double[] expected =
        [
            1, 1, 1, double.NaN,
            1, 4, 2, 1,
            1, 11, 2, 1,
            1, 15, 2, 1,
        ];
        Assert.Equal(expected, network.UpstreamAreaKm2);
        Assert.Equal((2, 1), network.Downstream(1, 1));
        Assert.Null(network.Downstream(3, 1));                                            // the pit
        Assert.Null(network.Downstream(0, 3));                                            // outside
    }

    [Fact]
    public void UpstreamMask_HandMadeLdd_CellAndItsUpstreamCells()
    {
        var network = new LddNetwork(Grid4, Codes4, Enumerable.Repeat(1f, 16).ToArray());

        var mask = network.UpstreamMask(1, 1);

        var cells = Enumerable.Range(0, 16).Where(i => mask[i / 4, i % 4]).Select(i => (i / 4, i % 4));
        Assert.Equal([(0, 0), (0, 1), (0, 2), (1, 1)], cells);
        Assert.Equal(15, network.UpstreamMaskValues(3, 1).Sum());
    }

    [Fact]
    public void FlowSteps_HandMadeLdd_CountsStepsAlongTheLddToTheGauge()
    {
        var network = new LddNetwork(Grid4, Codes4, Enumerable.Repeat(1f, 16).ToArray());

        int[] toPit =
        [
            3, 3, 3, -1,
            2, 2, 2, 3,
            2, 1, 2, 3,
            1, 0, 1, 2,
        ];
        Assert.Equal(toPit, network.FlowSteps(3, 1));
        Assert.Equal([1, 1, 1, -1, -1, 0, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1], network.FlowSteps(1, 1));
        Assert.All(network.FlowSteps(0, 3), s => Assert.Equal(-1, s));                  // outside the network
    }

    [Fact]
    public void SnapGauge_NearbyCellWithMatchingArea_Chosen()
    {
        var network = new LddNetwork(Grid4, Codes4, Enumerable.Repeat(1f, 16).ToArray());

        var snapped = network.SnapGauge(latitude: 3.5, longitude: 0.5, catchmentAreaKm2: 4, searchRadiusCells: 1);   // in cell (0, 0)
        var unmoved = network.SnapGauge(latitude: 3.5, longitude: 0.5, catchmentAreaKm2: 4, searchRadiusCells: 0);

        Assert.Equal((1, 1, 4.0), (snapped.Row, snapped.Column, snapped.UpstreamAreaKm2));
        Assert.Equal(0, snapped.RelativeAreaError);
        Assert.Equal((0, 0), (unmoved.Row, unmoved.Column));
        Assert.Equal((2.5, 1.5), (snapped.Latitude, snapped.Longitude));
    }

    [Fact]
    public void Constructor_Loop_ThrowsNamingTheLoop()
    {
        float[] codes = [6, 4, 5, 5];                                                     // (0,0) and (0,1) drain into each other

        var e = Assert.Throws<DataFileException>(() => new LddNetwork(new GridGeometry(2, 2, 0, 2, 1, 1), codes, [1, 1, 1, 1], "loop.map"));

        Assert.Contains("loop.map: the drainage directions form a loop (through row 0, column 0)", e.Message);
    }

    [Fact]
    public void Read_MapFiles_CellAreaFromSquareMetres()
    {
        using var temp = new TempFolder();
        var ldd = Path.Combine(temp.Path, "ldd.map");
        var area = Path.Combine(temp.Path, "area.map");
        File.WriteAllBytes(ldd, PcRasterMapTests.Csf(1, 3, PcRasterCellRepresentation.UInt1, PcRasterValueScale.Ldd, [6, 6, 5]));
        var cells = new byte[12];
        // little-endian on every .NET platform we build for
        for (var i = 0; i < 3; i++) BitConverter.TryWriteBytes(cells.AsSpan(4 * i), 2e9f);
        File.WriteAllBytes(area, PcRasterMapTests.Csf(1, 3, PcRasterCellRepresentation.Real4, PcRasterValueScale.Scalar, cells));

        var network = LddNetwork.Read(ldd, area);

        Assert.Equal([2000, 4000, 6000], network.UpstreamAreaKm2);
    }

    [RealDataFact(DataSet)]
    public void SnapGauge_RhineMeuseGauges_AreasWithin25PercentAndNested()
    {
        var data = TestPaths.RealData(DataSet);
        var network = LddNetwork.Read(Path.Combine(data, "routing", "RhineMeuse_lddsound_30min.map"), Path.Combine(data, "routing",
            "RhineMeuse_cellarea30min.map"));
        var gauges = new (string Name, double Lat, double Lon, double Area)[]
        {
            ("Lobith", 51.84, 6.11, 160_800), ("Basel", 47.56, 7.62, 35_897), ("Maxau", 49.04, 8.31, 50_196),
            ("Cochem", 50.14, 7.17, 27_088), ("Borgharen", 50.87, 5.69, 21_301),
        };

        var snapped = gauges.ToDictionary(g => g.Name, g => network.SnapGauge(g.Lat, g.Lon, g.Area));

        foreach (var (name, cell) in snapped)
        {
            output.WriteLine(
                $"{name}: row {cell.Row}, column {cell.Column} ({cell.Latitude} N, {cell.Longitude} E), upstream {cell.UpstreamAreaKm2:F0} km² vs {cell.StatedAreaKm2:F0} ({cell.RelativeAreaError:P1})");
            Assert.InRange(cell.RelativeAreaError, -0.25, 0.25);
        }
        bool[,] Mask(string name) => network.UpstreamMask(snapped[name].Row, snapped[name].Column);
        var (lobith, basel, maxau, cochem, borgharen) = (Mask("Lobith"), Mask("Basel"), Mask("Maxau"), Mask("Cochem"), Mask("Borgharen"));
        Assert.True(Subset(basel, maxau));
        Assert.True(Subset(maxau, lobith));
        Assert.True(Subset(cochem, lobith));                                               // the Moselle joins the Rhine at Koblenz
        Assert.False(Subset(lobith, maxau));
        Assert.True(Disjoint(borgharen, lobith));                                          // Meuse vs Rhine
        Assert.True(Disjoint(cochem, borgharen));                                          // Cochem stayed on the Moselle
    }

    private static bool Subset(bool[,] a, bool[,] b) => Cells(a).All(i => b[i.Row, i.Column]);

    private static bool Disjoint(bool[,] a, bool[,] b) => !Cells(a).Any(i => b[i.Row, i.Column]);

    private static IEnumerable<(int Row, int Column)> Cells(bool[,] mask) =>
        from r in Enumerable.Range(0, mask.GetLength(0)) from c in Enumerable.Range(0, mask.GetLength(1)) where mask[r, c] select (r, c);
}
