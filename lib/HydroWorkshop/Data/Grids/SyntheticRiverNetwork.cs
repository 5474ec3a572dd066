using HydroWorkshop.Data.Synthetic;

namespace HydroWorkshop.Data.Grids;

/// <summary>
/// A made-up drainage network on the Rhine–Meuse grid (13 × 17 cells of 0.5°) whose five gauges sit where the real
/// gauges are and drain about the areas the real ones state, nested as the real rivers are: Basel inside Maxau inside
/// Lobith, Cochem (Moselle) inside Lobith, Borgharen (Meuse) on its own river. Each basin is grown cell by cell from its
/// gauge and its river (each new cell drains into the neighbour it was grown from, a random spanning tree) inside a box
/// that keeps it on its side of the map, until its area is as close to the stated one as whole cells allow; so
/// <see cref="LddNetwork.SnapGauge"/> places every gauge on its own cell, as it does on the real network.
/// </summary>
public static class SyntheticRiverNetwork
{
    /// <summary>The Rhine–Meuse grid: 13 rows × 17 columns of 0.5°, upper-left corner (3.5 °E, 52.5 °N).</summary>
    public static readonly GridGeometry Grid = new(13, 17, 3.5, 52.5, 0.5, 0.5);

    /// <summary>Area of a 0.5° cell at <paramref name="latitude"/> (°N) on a sphere of the Earth's mean radius, km².</summary>
    public static double CellAreaKm2(double latitude)
    {
        const double radiusKm = 6371.0088;
        var halfCell = 0.25 * Math.PI / 180;
        var phi = latitude * Math.PI / 180;
        return radiusKm * radiusKm * (0.5 * Math.PI / 180) * (Math.Sin(phi + halfCell) - Math.Sin(phi - halfCell));
    }

    /// <summary>One basin to grow: the gauge (a name of <see cref="RhineMeuse.GaugeList"/>, or an outlet's name), the
    /// river cells from just below the gauge to the cell it flows into (its last cell belongs to the next basin
    /// downstream), the basins nested in it, and the box (rows, columns, inclusive) it may grow in.</summary>
    private sealed record BasinPlan(string Name, (int Row, int Column) Gauge, double AreaKm2, (int Row, int Column)[] River,
        string[] Nested, (int Top, int Bottom, int Left, int Right) Box);

    private static readonly (int Row, int Column) RhineMouth = (0, 5), MeuseMouth = (0, 3);

    // Grown in this order: a basin's nested basins first. Rivers follow the real ones roughly: the Rhine from Basel north
    // past Maxau and Koblenz (4, 8), where the Moselle joins, to Lobith; the Meuse from France north past Borgharen.
    private static BasinPlan[] Plans()
    {
        (int, int) Cell(string gauge)
        {
            var g = RhineMeuse.GaugeList.Single(x => x.Name == gauge);
            return Grid.CellOf(g.Longitude, g.Latitude) ?? throw new InvalidOperationException($"{gauge} lies outside the grid");
        }
        double Area(string gauge) => RhineMeuse.GaugeList.Single(x => x.Name == gauge).AreaKm2;
        return
        [
            new("Basel", Cell("Basel"), Area("Basel"), [(8, 9), (7, 9), Cell("Maxau")], [], (9, 12, 6, 16)),
            new("Cochem", Cell("Cochem"), Area("Cochem"), [(4, 8)], [], (4, 9, 2, 8)),
            new("Borgharen", Cell("Borgharen"), Area("Borgharen"), [(2, 4), (1, 3), MeuseMouth], [], (3, 9, 0, 5)),
            new("Maxau", Cell("Maxau"), Area("Maxau"), [(5, 9), (4, 8), (3, 7), (2, 6), Cell("Lobith")], ["Basel"], (5, 9, 7, 13)),
            new("Lobith", Cell("Lobith"), Area("Lobith"), [RhineMouth], ["Maxau", "Cochem"], (0, 8, 4, 16)),
            new("Rhine mouth", RhineMouth, Area("Lobith") + 3 * CellAreaKm2(52), [], ["Lobith"], (0, 2, 4, 8)),
            new("Meuse mouth", MeuseMouth, Area("Borgharen") + 6 * CellAreaKm2(52), [], ["Borgharen"], (0, 3, 0, 4)),
        ];
    }

    /// <summary>Keypad LDD code for a step of (<paramref name="dRow"/>, <paramref name="dColumn"/>): 7 8 9 / 4 5 6 / 1 2 3,
    /// north up.</summary>
    private static int Code(int dRow, int dColumn) => (1 - dRow) * 3 + dColumn + 2;

    /// <summary>
    /// Builds the network: LDD codes [rows × columns] (1–9, 5 at the two river mouths; NaN outside the basins) and the
    /// cell areas (km², every cell). Tries streams of <paramref name="seed"/> until every gauge snaps to its own cell with
    /// its area within 6 % of the stated one (a first try nearly always does).
    /// </summary>
    public static (float[] Ldd, float[] CellAreaKm2) Build(ulong seed)
    {
        var areas = Enumerable.Range(0, Grid.Cells).Select(i => (float)CellAreaKm2(Grid.CellCentreY(i / Grid.Columns))).ToArray();
        for (ulong attempt = 0; attempt < 50; attempt++)
        {
            var ldd = Grow(SeededRandom.For(seed, 0xBA51 + attempt), areas);
            var network = new LddNetwork(Grid, ldd, areas, "synthetic LDD");
            var plans = Plans();
            if (RhineMeuse.GaugeList.All(g =>
                {
                    var snapped = network.SnapGauge(g.Latitude, g.Longitude, g.AreaKm2);
                    return (snapped.Row, snapped.Column) == plans.Single(p => p.Name == g.Name).Gauge
                        && Math.Abs(snapped.RelativeAreaError) <= 0.06;
                }))
                return (ldd, areas);
        }
        throw new InvalidOperationException($"no synthetic network with every gauge on its own cell in 50 tries (seed {seed})");
    }

    private static float[] Grow(SeededRandom random, float[] areas)
    {
        var columns = Grid.Columns;
        var ldd = Enumerable.Repeat(float.NaN, Grid.Cells).ToArray();
        var basinOf = new string?[Grid.Cells];
        var total = new Dictionary<string, double>();
        int Index((int Row, int Column) c) => c.Row * columns + c.Column;
        void Drain((int Row, int Column) from, (int Row, int Column) to) =>
            ldd[Index(from)] = Code(to.Row - from.Row, to.Column - from.Column);

        var plans = Plans();
        // Gauges and rivers are reserved before any basin grows; each is claimed by its own basin or the one downstream.
        foreach (var cell in plans.SelectMany(p => p.River.Prepend(p.Gauge))) basinOf[Index(cell)] = "reserved";
        foreach (var plan in plans)
        {
            // The basin's own cells: its gauge and the river cells of the basins nested in it (all but their last cell,
            // which is this basin's or one further down).
            var own = new List<(int Row, int Column)> { plan.Gauge };
            basinOf[Index(plan.Gauge)] = plan.Name;
            var area = plan.Nested.Sum(n => total[n]) + areas[Index(plan.Gauge)];
            foreach (var nested in plans.Where(p => plan.Nested.Contains(p.Name)))
            {
                var path = new[] { nested.Gauge }.Concat(nested.River).ToArray();
                for (var k = 1; k < path.Length; k++)
                {
                    Drain(path[k - 1], path[k]);
                    if (k == path.Length - 1) break;                               // the cell it flows into is claimed by its own basin
                    basinOf[Index(path[k])] = plan.Name;
                    own.Add(path[k]);
                    area += areas[Index(path[k])];
                }
            }
            if (plan.River.Length == 0) ldd[Index(plan.Gauge)] = 5;               // a river mouth: water leaves the map here
            // Random growth: any free neighbour (8 directions) of an own cell, inside the box, drains into that cell.
            while (true)
            {
                var frontier = new List<((int Row, int Column) Cell, (int Row, int Column) Into)>();
                foreach (var cell in own)
                    for (var dr = -1; dr <= 1; dr++)
                        for (var dc = -1; dc <= 1; dc++)
                        {
                            var next = (Row: cell.Row + dr, Column: cell.Column + dc);
                            var outside = next.Row < plan.Box.Top || next.Row > plan.Box.Bottom || next.Column < plan.Box.Left
                                || next.Column > plan.Box.Right;
                            if ((dr, dc) == (0, 0) || outside || basinOf[Index(next)] is not null) continue;
                            frontier.Add((next, cell));
                        }
                if (frontier.Count == 0) break;
                var (added, into) = frontier[random.Next(0, frontier.Count)];
                var grown = area + areas[Index(added)];
                if (Math.Abs(Math.Log(grown / plan.AreaKm2)) >= Math.Abs(Math.Log(area / plan.AreaKm2))) break;
                Drain(added, into);
                basinOf[Index(added)] = plan.Name;
                own.Add(added);
                area = grown;
            }
            total[plan.Name] = area;
        }
        return ldd;
    }
}
