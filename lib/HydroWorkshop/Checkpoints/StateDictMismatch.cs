using static TorchSharp.torch;

namespace HydroWorkshop.Checkpoints;

/// <summary>How a loaded set of tensors differs from the one it is loaded into (PyTorch's
/// <c>_IncompatibleKeys</c>, plus shape mismatches, which PyTorch reports as errors).</summary>
public sealed record StateDictReport(IReadOnlyList<string> missing_keys, IReadOnlyList<string> unexpected_keys,
    IReadOnlyList<string> mismatched_shapes)
{
    public bool IsExact => missing_keys.Count == 0 && unexpected_keys.Count == 0 && mismatched_shapes.Count == 0;

    /// <summary>Compares the keys and shapes of <paramref name="loaded"/> with <paramref name="expected"/>.</summary>
    public static StateDictReport Compare(IReadOnlyDictionary<string, Tensor> expected, IReadOnlyDictionary<string, Tensor> loaded)
    {
        var missing = expected.Keys.Where(k => !loaded.ContainsKey(k)).ToList();
        var unexpected = loaded.Keys.Where(k => !expected.ContainsKey(k)).ToList();
        var mismatched = new List<string>();
        foreach (var (key, target) in expected)
        {
            if (!loaded.TryGetValue(key, out var source)) continue;
            var want = target.shape;
            var got = source.shape;
            if (!want.SequenceEqual(got)) mismatched.Add(
                $"{key}: checkpoint [{string.Join(", ", got)}], model [{string.Join(", ", want)}]");
        }
        return new StateDictReport(missing, unexpected, mismatched);
    }

    /// <summary>Every difference, one per line.</summary>
    public string Describe()
    {
        var lines = new List<string>();
        if (missing_keys.Count > 0) lines.Add($"missing key(s) ({missing_keys.Count}): {string.Join(", ", missing_keys)}");
        if (unexpected_keys.Count > 0) lines.Add($"unexpected key(s) ({unexpected_keys.Count}): {string.Join(", ", unexpected_keys)}");
        if (mismatched_shapes.Count > 0) lines.Add(
            $"shape mismatch(es) ({mismatched_shapes.Count}): {string.Join("; ", mismatched_shapes)}");
        return string.Join(Environment.NewLine, lines);
    }
}

/// <summary>A checkpoint does not fit the tensors it is loaded into; the message names every key.</summary>
public sealed class StateDictMismatchException(string source, StateDictReport report)
    : Exception($"{source} does not match the model:{Environment.NewLine}{report.Describe()}")
{
    public StateDictReport Report { get; } = report;
}
