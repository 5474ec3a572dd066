namespace HydroWorkshop.Surrogates.Tests;

/// <summary>Tiny map sequences for the baselines: 1 x 2 cells, 3 frames, events given as depth per frame and cell.</summary>
public static class TinyMaps
{
    /// <summary>Events named e0, e1, ... of [3 frames, 1 row, 2 columns], bed 0 and 1, forcing the frame index.</summary>
    public static MapSequences Of(params float[][] depths) =>
        new(depths.Select((d, k) => new MapEvent($"e{k}", d, [0f, 1f], [0f, 0f], [0f, 1f, 2f], null)).ToArray(),
            frames: 3, rows: 1, columns: 2, forcingNames: ["step"], extraNames: []);
}
