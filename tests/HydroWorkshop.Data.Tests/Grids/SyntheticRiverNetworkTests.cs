using HydroWorkshop.Data.Grids;
using Xunit;

namespace HydroWorkshop.Data.Tests.Grids;

public sealed class SyntheticRiverNetworkTests
{
    private static LddNetwork Network(ulong seed)
    {
        var (ldd, areas) = SyntheticRiverNetwork.Build(seed);
        return new LddNetwork(SyntheticRiverNetwork.Grid, ldd, areas);
    }

    private static bool[] Basin(LddNetwork network, string gauge)
    {
        var g = RhineMeuse.GaugeList.Single(x => x.Name == gauge);
        var cell = network.SnapGauge(g.Latitude, g.Longitude, g.AreaKm2);
        return network.UpstreamMaskValues(cell.Row, cell.Column).Select(v => v > 0).ToArray();
    }

    [Theory]
    [InlineData(1UL)]
    [InlineData(2UL)]
    [InlineData(7UL)]
    public void Build_AnySeed_EveryGaugeSnapsToTheCellOfItsCoordinatesWithItsStatedArea(ulong seed)
    {
        var network = Network(seed);

        foreach (var g in RhineMeuse.GaugeList)
        {
            var snapped = network.SnapGauge(g.Latitude, g.Longitude, g.AreaKm2);
            Assert.Equal(SyntheticRiverNetwork.Grid.CellOf(g.Longitude, g.Latitude), (snapped.Row, snapped.Column));
            Assert.InRange(snapped.RelativeAreaError, -0.06, 0.06);
        }
    }

    [Theory]
    [InlineData(1UL)]
    [InlineData(3UL)]
    public void Build_AnySeed_BasinsNestLikeTheRealRivers(ulong seed)
    {
        var network = Network(seed);
        var (lobith, basel, maxau, cochem, borgharen) = (Basin(network, "Lobith"), Basin(network, "Basel"), Basin(network, "Maxau"),
            Basin(network, "Cochem"), Basin(network, "Borgharen"));
        bool Inside(bool[] inner, bool[] outer) => inner.Select((x, i) => !x || outer[i]).All(x => x);
        bool Apart(bool[] a, bool[] b) => !a.Where((x, i) => x && b[i]).Any();

        Assert.True(Inside(basel, maxau), "Basel drains through Maxau");
        Assert.True(Inside(maxau, lobith), "Maxau drains through Lobith");
        Assert.True(Inside(cochem, lobith), "the Moselle joins the Rhine above Lobith");
        Assert.True(Apart(cochem, maxau), "the Moselle joins below Maxau");
        Assert.True(Apart(borgharen, lobith), "the Meuse is its own river");
    }

    [Fact]
    public void Build_Network_EveryCellDrainsToOneOfTheTwoMouths()
    {
        var network = Network(1);
        var rhine = network.FlowSteps(0, 5);
        var meuse = network.FlowSteps(0, 3);

        Assert.Null(network.Downstream(0, 5));
        Assert.Null(network.Downstream(0, 3));
        for (var i = 0; i < network.Inside.Length; i++)
            if (network.Inside[i]) Assert.True(rhine[i] >= 0 ^ meuse[i] >= 0, $"cell {i} drains to exactly one mouth");
        Assert.InRange(network.Inside.Count(x => x), 90, 110);                          // the real network: 103 cells
    }

    [Fact]
    public void CellAreaKm2_HalfDegreeCell_MatchesTheSphericalBandArea()
    {
        // A 0.5° cell at 50 °N: R² Δλ (sin 50.25° − sin 49.75°), R = 6371.0088 km: 1,986.9 km² (Python's math gives
        // 1986.9057768; about 55.6 km × 35.7 km).
        Assert.Equal(1986.9058, SyntheticRiverNetwork.CellAreaKm2(50), 3);
        // The whole grid telescopes to the box's area on the sphere.
        var grid = SyntheticRiverNetwork.Grid;
        var total = Enumerable.Range(0, grid.Rows).Sum(r => SyntheticRiverNetwork.CellAreaKm2(grid.CellCentreY(r))) * grid.Columns;
        var box = 6371.0088 * 6371.0088 * (8.5 * Math.PI / 180) * (Math.Sin(52.5 * Math.PI / 180) - Math.Sin(46 * Math.PI / 180));
        Assert.Equal(box, total, 6);
    }
}
