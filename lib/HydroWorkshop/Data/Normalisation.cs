using System.Text.Json;
using System.Text.Json.Serialization;
using HydroWorkshop.Common;

namespace HydroWorkshop.Data;

/// <summary>Centre and scale of one feature: normalised = (value - Mean) / Std.</summary>
public sealed record FeatureScale(string Name, double Mean, double Std);

/// <summary>
/// Per-feature mean and standard deviation of inputs, statics and targets, fitted on the training period
/// (all training basins pooled) and reused unchanged for validation, test and inference. Saved as JSON.
/// A feature with zero spread gets Std = 1 so it normalises to 0 rather than to NaN.
/// </summary>
public sealed record Normalisation
{
    public const string FormatName = "hydroworkshop-normalisation/1";

    public string Format { get; init; } = FormatName;
    public required IReadOnlyList<FeatureScale> Inputs { get; init; }
    public required IReadOnlyList<FeatureScale> Statics { get; init; }
    public required IReadOnlyList<FeatureScale> Targets { get; init; }

    /// <summary>The period and basins it was fitted on, for the record.</summary>
    public string? FittedOn { get; init; }

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>Writes this normalisation to <paramref name="path"/> (atomically).</summary>
    public void Save(string path) => AtomicFile.WriteAllText(path, JsonSerializer.Serialize(this, Json));

    /// <summary>Reads a normalisation written by <see cref="Save"/>.</summary>
    public static Normalisation Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"normalisation file '{path}' does not exist", path);
        Normalisation? result;
        try
        {
            result = JsonSerializer.Deserialize<Normalisation>(File.ReadAllText(path), Json);
        }
        catch (JsonException e)
        {
            throw new DataFileException(path, (int)(e.LineNumber ?? 0) + 1, e.Path ?? "", $"not a normalisation file ({e.Message})");
        }
        if (result is null || result.Format != FormatName) throw new DataFileException(path,
            $"format is '{result?.Format}', expected '{FormatName}'");
        return result;
    }

    /// <summary>Checks that this normalisation was fitted for exactly these features (in this order).</summary>
    internal void CheckMatches(IReadOnlyList<string> inputs, IReadOnlyList<string> statics, IReadOnlyList<string> targets)
    {
        Check("inputs", Inputs, inputs);
        Check("statics", Statics, statics);
        Check("targets", Targets, targets);

        static void Check(string what, IReadOnlyList<FeatureScale> scales, IReadOnlyList<string> names)
        {
            if (!scales.Select(s => s.Name).SequenceEqual(names, StringComparer.OrdinalIgnoreCase))
                throw new ArgumentException($"the normalisation was fitted for {what} [{string.Join(", ", scales.Select(s => s.Name))}], " +
                    $"but this data set has [{string.Join(", ", names)}]");
        }
    }

    /// <summary>The scale from accumulated moments (double sums of the values and their squares, NaN left out).</summary>
    internal static FeatureScale FromMoments(string name, double sum, double sumSquares, long count)
    {
        if (count == 0) throw new InvalidDataException($"cannot fit the normalisation of '{name}': it has no value in the training data");
        var mean = sum / count;
        var variance = count > 1 ? Math.Max(0, (sumSquares - count * mean * mean) / (count - 1)) : 0;
        var std = Math.Sqrt(variance);
        return new FeatureScale(name, mean, std > 1e-9 * Math.Max(1, Math.Abs(mean)) ? std : 1.0);
    }

    /// <summary>Turns normalised target <paramref name="k"/> back into its unit (e.g. mm/day).</summary>
    public double DenormaliseTarget(double value, int k = 0) => value * Targets[k].Std + Targets[k].Mean;
}
