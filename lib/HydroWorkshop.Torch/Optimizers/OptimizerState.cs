using System.Text.Json;
using System.Text.Json.Serialization;

namespace HydroWorkshop.Torch.Optimizers;

/// <summary>One parameter group in a saved optimizer state: its options and the indexes of its parameters
/// (numbered across groups, in order, as PyTorch does).</summary>
public sealed record ParamGroupState(IReadOnlyDictionary<string, double> Options, int[] Params);

/// <summary>One parameter's saved state: its step count and copies of its buffers.</summary>
public sealed record ParameterStateEntry(long Step, IReadOnlyDictionary<string, Tensor> Buffers);

/// <summary>
/// An optimizer's state dict (<see cref="Optimizer.state_dict"/>): hyperparameters per group, and per
/// parameter the step count and copies of the buffers. Loading it into a fresh optimizer over the same
/// parameters continues training bit-exactly. It owns its tensor copies: dispose it when done.
/// <see cref="ToTensors"/> and <see cref="FromTensors"/> flatten it to named tensors plus one JSON string
/// for a safetensors file (the checkpoint writer does this).
/// </summary>
public sealed class OptimizerState : IDisposable
{
    private static readonly JsonSerializerOptions Json = new() { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    public OptimizerState(string optimizer, IReadOnlyList<ParamGroupState> paramGroups, IReadOnlyDictionary<int, ParameterStateEntry> state)
    {
        this.optimizer = optimizer;
        param_groups = paramGroups;
        this.state = state;
    }

    /// <summary>The optimizer's type name (Adam, SGD, ...): loading into another type is refused.</summary>
    public string optimizer { get; }

    public IReadOnlyList<ParamGroupState> param_groups { get; }

    /// <summary>Per parameter index, only for parameters that have taken a step.</summary>
    public IReadOnlyDictionary<int, ParameterStateEntry> state { get; }

    /// <summary>The buffers as tensors named <c>state.{index}.{buffer}</c> (not copied: they stay owned by
    /// this object), and everything else as one JSON string.</summary>
    public (Dictionary<string, Tensor> Tensors, string Json) ToTensors()
    {
        var tensors = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var (index, entry) in state.OrderBy(e => e.Key))
        {
            foreach (var (name, buffer) in entry.Buffers) tensors[$"state.{index}.{name}"] = buffer;
        }
        var document = new SavedState(
            optimizer,
            param_groups.Select(g => new SavedGroup(new SortedDictionary<string, double>(g.Options.ToDictionary(), StringComparer.Ordinal), g.Params)).ToArray(),
            state.OrderBy(e => e.Key).ToDictionary(e => e.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), e => e.Value.Step));
        return (tensors, JsonSerializer.Serialize(document, Json));
    }

    /// <summary>Rebuilds a state from <see cref="ToTensors"/>' output. The tensors are cloned, so the
    /// caller keeps ownership of <paramref name="tensors"/>. <paramref name="source"/> names the file in errors.</summary>
    public static OptimizerState FromTensors(IReadOnlyDictionary<string, Tensor> tensors, string json, string source = "optimizer state")
    {
        SavedState document;
        try
        {
            document = JsonSerializer.Deserialize<SavedState>(json, Json) ?? throw new FormatException("empty");
        }
        catch (Exception e) when (e is JsonException or FormatException or NotSupportedException)
        {
            throw new FormatException($"{source}: the optimizer JSON cannot be read ({e.Message})", e);
        }
        if (document.optimizer is null || document.param_groups is null || document.steps is null)
            throw new FormatException($"{source}: the optimizer JSON lacks 'optimizer', 'param_groups' or 'steps'");
        var buffers = new Dictionary<int, Dictionary<string, Tensor>>();
        var steps = new Dictionary<int, long>();
        foreach (var (key, step) in document.steps)
        {
            if (!int.TryParse(key, System.Globalization.CultureInfo.InvariantCulture, out var index) || index < 0)
                throw new FormatException($"{source}: step entry '{key}' is not a parameter index");
            steps[index] = step;
            buffers[index] = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        }
        foreach (var (name, tensor) in tensors)
        {
            var parts = name.Split('.', 3);
            if (parts.Length != 3 || parts[0] != "state" || !int.TryParse(parts[1], System.Globalization.CultureInfo.InvariantCulture, out var index))
                throw new FormatException($"{source}: tensor '{name}' is not named state.<index>.<buffer>");
            if (!buffers.TryGetValue(index, out var forParameter))
                throw new FormatException($"{source}: tensor '{name}' belongs to parameter {index}, which has no step count");
            forParameter[parts[2]] = tensor.detach().clone().DetachFromDisposeScope();
        }
        var groups = document.param_groups.Select(g => new ParamGroupState(g.options, g.@params)).ToArray();
        var entries = steps.ToDictionary(e => e.Key, e => new ParameterStateEntry(e.Value, buffers[e.Key]));
        return new OptimizerState(document.optimizer, groups, entries);
    }

    public void Dispose()
    {
        foreach (var entry in state.Values)
        {
            foreach (var buffer in entry.Buffers.Values) buffer.Dispose();
        }
    }

    private sealed record SavedGroup(SortedDictionary<string, double> options, int[] @params);

    private sealed record SavedState(string optimizer, SavedGroup[] param_groups, Dictionary<string, long> steps);
}
