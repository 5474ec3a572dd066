namespace HydroWorkshop.Torch.Optimizers;

// Saving and restoring an optimizer so that training resumes exactly where it stopped.
public abstract partial class Optimizer
{
    /// <summary>
    /// A copy of the optimizer's state: every group's options and, per parameter (numbered across groups),
    /// the step count and copies of its buffers. Dispose the result when done.
    /// </summary>
    public OptimizerState state_dict()
    {
        var groupStates = new List<ParamGroupState>();
        var entries = new Dictionary<int, ParameterStateEntry>();
        var index = 0;
        using var noGrad = torch.no_grad();
        foreach (var group in groups)
        {
            var indexes = new int[group.Parameters.Count];
            for (var k = 0; k < indexes.Length; k++, index++)
            {
                indexes[k] = index;
                if (!state.TryGetValue(group.Parameters[k], out var s)) continue;
                var copies = s.Buffers.ToDictionary(b => b.Key, b => b.Value.clone().DetachFromDisposeScope(), StringComparer.Ordinal);
                entries[index] = new ParameterStateEntry(s.step, copies);
            }
            groupStates.Add(new ParamGroupState(new Dictionary<string, double>(group.Options), indexes));
        }
        return new OptimizerState(GetType().Name, groupStates, entries);
    }

    /// <summary>
    /// Restores a state from <see cref="state_dict"/> (of this optimizer type, over parameters with the same
    /// group layout and shapes): options, step counts and buffers (copied; the caller keeps
    /// <paramref name="saved"/>). Errors name the group, parameter index and both shapes.
    /// </summary>
    public void load_state_dict(OptimizerState saved)
    {
        ArgumentNullException.ThrowIfNull(saved);
        var me = GetType().Name;
        if (saved.optimizer != me) throw new ArgumentException($"the state is a {saved.optimizer}'s; it cannot be loaded into {me}", nameof(saved));
        if (saved.param_groups.Count != groups.Count)
            throw new ArgumentException($"{me}: the state has {saved.param_groups.Count} parameter group(s), this optimizer {groups.Count}", nameof(saved));
        var parameters = new List<Tensor>();
        for (var g = 0; g < groups.Count; g++)
        {
            var count = saved.param_groups[g].Params.Length;
            if (count != groups[g].Parameters.Count)
                throw new ArgumentException($"{me}: group {g} of the state has {count} parameter(s), this optimizer's {groups[g].Parameters.Count}", nameof(saved));
            parameters.AddRange(groups[g].Parameters);
        }
        // Check everything before changing anything, so a refused state leaves the optimizer as it was.
        foreach (var (index, entry) in saved.state)
        {
            if (index < 0 || index >= parameters.Count)
                throw new ArgumentException($"{me}: the state has parameter index {index}; this optimizer has {parameters.Count} parameters", nameof(saved));
            var shape = parameters[index].shape;
            foreach (var (name, buffer) in entry.Buffers)
            {
                if (!buffer.shape.SequenceEqual(shape))
                    throw new ArgumentException($"{me}: state.{index}.{name} has shape [{string.Join(", ", buffer.shape)}], parameter {index} has [{string.Join(", ", shape)}]", nameof(saved));
            }
        }
        for (var g = 0; g < groups.Count; g++)
        {
            foreach (var (name, value) in saved.param_groups[g].Options) groups[g][name] = value;
        }
        foreach (var s in state.Values) s.Dispose();
        state.Clear();
        using var noGrad = torch.no_grad();
        foreach (var (index, entry) in saved.state)
        {
            var p = parameters[index];
            var restored = new ParameterState { step = entry.Step };
            foreach (var (name, buffer) in entry.Buffers)
            {
                // Buffers follow the parameter's device and floating-point type, as in PyTorch.
                var copy = torch.empty(p.shape, buffer.dtype.IsFloatingPoint() ? p.dtype : buffer.dtype, p.device);
                restored.Set(name, copy.copy_(buffer));
            }
            state[p] = restored;
        }
    }
}
