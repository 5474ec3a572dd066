using HydroWorkshop.Data;
using Xunit;

namespace HydroWorkshop.Tests.Architecture;

/// <summary>The library's namespaces depend one way: data → models → evaluation → training → surrogates, with physics and
/// its measured-data readers beside the data, on a foundation of engine, checkpoints, common and plotting. Read from the
/// compiled HydroWorkshop.dll (<see cref="NamespaceGraph"/>), so method bodies count as much as signatures.</summary>
public sealed class NamespaceDependencyTests
{
    private const string Root = "HydroWorkshop";

    /// <summary>Layers from the bottom; a namespace may use its own layer's namespaces and those below, never above.
    /// Within a layer the cycle test keeps the order one way.</summary>
    private static readonly string[][] Layers =
    [
        ["Build", "Engine", "Checkpoints", "Common"],
        ["Plotting"],
        ["Data", "Data.Grids", "Data.Synthetic", "Physics", "Physics.Vegetation", "FloodData"],
        ["Models", "Models.Maps", "Models.Gridded"],
        ["Evaluation"],
        ["Training"],
        ["Surrogates", "Surrogates.Gridded"],
    ];

    private static readonly Lazy<NamespaceGraph> Graph = new(() => NamespaceGraph.Read(typeof(CamelsData).Assembly.Location, Root));

    [Fact]
    public void Graph_LibraryAssembly_FindsKnownEdges()
    {
        // Guards the reader itself: an empty graph would pass every other test here.
        var edges = Graph.Value.Edges;

        Assert.Contains(edges, e => e.From == "HydroWorkshop.Training" && e.To == "HydroWorkshop.Models");
        Assert.Contains(edges, e => e.From == "HydroWorkshop.Surrogates.Gridded" && e.To == "HydroWorkshop.Data.Grids");
    }

    [Fact]
    public void Graph_LibraryAssembly_HasNoCycle()
    {
        var cycles = Cycles(Graph.Value.Edges).ToList();

        Assert.True(cycles.Count == 0, "Namespace cycles (move a type so each runs one way):\n" + string.Join("\n", cycles));
    }

    [Fact]
    public void Graph_EveryNamespace_UsesOnlyItsLayerOrLower()
    {
        var rank = Layers.SelectMany((layer, i) => layer.Select(ns => (Name: $"{Root}.{ns}", Rank: i)))
            .ToDictionary(p => p.Name, p => p.Rank);
        var edges = Graph.Value.Edges;

        var unplaced = edges.SelectMany(e => new[] { e.From, e.To }).Distinct().Where(ns => !rank.ContainsKey(ns)).ToList();
        var upward = edges.Where(e => rank.ContainsKey(e.From) && rank.ContainsKey(e.To) && rank[e.To] > rank[e.From])
            .Select(e => $"{e.From} → {e.To} via {e.Referrer} uses {e.Target}").ToList();

        Assert.True(unplaced.Count == 0, "Namespaces missing from NamespaceDependencyTests.Layers: " + string.Join(", ", unplaced));
        Assert.True(upward.Count == 0, "Lower layers using higher ones:\n" + string.Join("\n", upward));
    }

    [Fact]
    public void Cycles_TwoNamespacesUsingEachOther_NamesThePathAndWitnesses()
    {
        var edges = new[]
        {
            new NamespaceEdge("A", "B", "X.M", "Y"), new NamespaceEdge("B", "A", "Y.N", "X"), new NamespaceEdge("B", "C", "Y.N", "Z"),
        };

        var cycle = Assert.Single(Cycles(edges));

        Assert.Equal("A → B → A: A → B via X.M uses Y; B → A via Y.N uses X", cycle);
    }

    /// <summary>One cycle per strongly connected group of namespaces, as "A → B → A: witnesses".</summary>
    private static IEnumerable<string> Cycles(IReadOnlyCollection<NamespaceEdge> edges)
    {
        var next = edges.GroupBy(e => e.From).ToDictionary(g => g.Key, g => g.OrderBy(e => e.To, StringComparer.Ordinal).ToList());
        var reported = new HashSet<string>();
        foreach (var start in next.Keys.Order(StringComparer.Ordinal))
        {
            if (reported.Contains(start)) continue;
            var path = ShortestPathBack(start, next);
            if (path is null) continue;
            foreach (var e in path) reported.Add(e.From);
            yield return string.Join(" → ", path.Select(e => e.From).Append(start)) + ": "
                + string.Join("; ", path.Select(e => $"{e.From} → {e.To} via {e.Referrer} uses {e.Target}"));
        }
    }

    /// <summary>The shortest chain of edges from <paramref name="start"/> back to itself (breadth first), or null.</summary>
    private static List<NamespaceEdge>? ShortestPathBack(string start, Dictionary<string, List<NamespaceEdge>> next)
    {
        var cameBy = new Dictionary<string, NamespaceEdge>();
        var queue = new Queue<string>([start]);
        while (queue.Count > 0)
        {
            var node = queue.Dequeue();
            foreach (var edge in next.GetValueOrDefault(node) ?? [])
            {
                if (edge.To == start)
                {
                    var path = new List<NamespaceEdge> { edge };
                    for (var at = node; at != start; at = cameBy[at].From) path.Insert(0, cameBy[at]);
                    return path;
                }
                if (cameBy.ContainsKey(edge.To)) continue;
                cameBy[edge.To] = edge;
                queue.Enqueue(edge.To);
            }
        }
        return null;
    }
}
