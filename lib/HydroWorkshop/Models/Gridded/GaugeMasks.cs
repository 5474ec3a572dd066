using HydroWorkshop.Data.Grids;
using static TorchSharp.torch;

namespace HydroWorkshop.Models.Gridded;

/// <summary>
/// Where each gauge's water comes from: one weight map per gauge [gauge, y, x], the area (km²) of every grid cell
/// upstream of the gauge and 0 elsewhere (from <c>LddNetwork.UpstreamMask</c> times the cell areas). The gauge models
/// pool over these maps, so a gauge they were not trained on is only a new mask (transfer to an ungauged outlet).
/// </summary>
public sealed class GaugeMasks
{
    /// <param name="names">One name per gauge (e.g. "lobith").</param>
    /// <param name="cellAreaKm2">Per gauge, the upstream cells' areas in km², row-major [y * x]; 0 outside the basin.</param>
    /// <param name="rows">Grid rows (y).</param>
    /// <param name="columns">Grid columns (x).</param>
    /// <param name="flowSteps">Per gauge, each cell's flow distance to the gauge in LDD steps [y * x] (-1 outside), or
    /// null; needed for <see cref="BandWeights"/> (routing).</param>
    public GaugeMasks(IReadOnlyList<string> names, IReadOnlyList<float[]> cellAreaKm2, int rows, int columns,
        IReadOnlyList<int[]>? flowSteps = null)
    {
        if (flowSteps is not null && (flowSteps.Count != names.Count || flowSteps.Any(f => f.Length != rows * columns)))
            throw new ArgumentException($"flow steps are needed for each of the {names.Count} gauges, {rows} × {columns} cells each",
                nameof(flowSteps));
        if (names.Count != cellAreaKm2.Count) throw new ArgumentException($"{names.Count} gauge names but {cellAreaKm2.Count} masks",
            nameof(cellAreaKm2));
        for (var g = 0; g < names.Count; g++)
        {
            if (cellAreaKm2[g].Length != rows * columns)
                throw new ArgumentException($"gauge '{names[g]}': mask has {cellAreaKm2[g].Length} cells, the grid {rows} × {columns}",
                    nameof(cellAreaKm2));
            if (!(cellAreaKm2[g].Sum() > 0)) throw new ArgumentException($"gauge '{names[g]}': its mask is empty (no upstream cell)",
                nameof(cellAreaKm2));
        }
        Names = names.ToArray();
        AreaKm2 = cellAreaKm2.Select(m => (double)m.Sum()).ToArray();
        Rows = rows;
        Columns = columns;
        values = cellAreaKm2.Select(m => m.ToArray()).ToArray();
        steps = flowSteps?.Select(f => f.ToArray()).ToArray();
    }

    private readonly float[][] values;
    private readonly int[][]? steps;

    /// <summary>The basins of Rhine–Meuse gauges, in the order given.</summary>
    public static GaugeMasks Of(IEnumerable<RhineMeuseGauge> gauges, int rows, int columns)
    {
        var list = gauges.ToArray();
        return new GaugeMasks(list.Select(g => g.Name).ToArray(), list.Select(g => g.BasinCellAreaKm2).ToArray(), rows, columns,
            list.Select(g => g.FlowSteps).ToArray());
    }

    public IReadOnlyList<string> Names { get; }
    /// <summary>Upstream area of each gauge, km² (the sum of its mask).</summary>
    public IReadOnlyList<double> AreaKm2 { get; }
    public int Rows { get; }
    public int Columns { get; }
    public int Count => Names.Count;

    /// <summary>The gauge's cell areas (km²) [y * x], 0 outside its basin.</summary>
    public float[] Mask(int gauge) => values[gauge];

    public int IndexOf(string name) =>
        Array.FindIndex(Names.ToArray(), n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase)) is var i and >= 0
            ? i : throw new ArgumentException($"no gauge '{name}'; the gauges are {string.Join(", ", Names)}", nameof(name));

    /// <summary>The gauges named, in that order.</summary>
    public GaugeMasks Select(params string[] names)
    {
        var index = names.Select(IndexOf).ToArray();
        return new GaugeMasks(index.Select(i => Names[i]).ToArray(), index.Select(i => values[i]).ToArray(), Rows, Columns,
            steps is null ? null : index.Select(i => steps[i]).ToArray());
    }

    /// <summary>Averaging weights [gauge, y, x]: each mask divided by its sum, so a weighted sum over the grid is the
    /// basin mean (area-weighted).</summary>
    public Tensor Weights()
    {
        using var scope = NewDisposeScope();
        var masks = stack(values.Select(v => tensor(v).reshape(Rows, Columns)).ToArray());    // [gauge, y, x]
        return masks.div(masks.sum([1, 2], keepdim: true)).MoveToOuterDisposeScope();
    }

    /// <summary>Averaging weights split into <paramref name="bands"/> bands of flow distance [gauge, band, y, x]: band
    /// k holds the cells <paramref name="stepsPerBand"/> × k to × (k + 1) − 1 LDD steps from the gauge (the last band
    /// also everything further), each cell weighted by its area over the basin's; summed over bands they are
    /// <see cref="Weights"/>. Water from a far band arrives later: the routing delays each band by its own kernel.</summary>
    public Tensor BandWeights(int bands, int stepsPerBand)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bands, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(stepsPerBand, 1);
        if (steps is null) throw new InvalidOperationException(
            "these gauge masks have no flow distances (GaugeMasks.Of a data set's gauges has them)");
        var weights = new float[Count * bands * Rows * Columns];
        for (var g = 0; g < Count; g++)
        {
            var total = values[g].Sum();
            for (var cell = 0; cell < Rows * Columns; cell++)
            {
                if (values[g][cell] <= 0 || steps[g][cell] < 0) continue;
                var band = Math.Min(steps[g][cell] / stepsPerBand, bands - 1);
                weights[(g * bands + band) * Rows * Columns + cell] = values[g][cell] / total;
            }
        }
        return tensor(weights).reshape(Count, bands, Rows, Columns);
    }

    /// <summary>log10 of each gauge's area in km², minus 4 (≈ 0 for a 10,000 km² basin) [gauge]: tells a shared head
    /// how big, and so how slow, a basin is.</summary>
    public Tensor LogArea() => tensor(AreaKm2.Select(a => (float)(Math.Log10(a) - 4)).ToArray());
}
