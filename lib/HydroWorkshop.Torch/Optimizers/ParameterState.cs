namespace HydroWorkshop.Torch.Optimizers;

/// <summary>
/// What an optimizer remembers about one parameter between steps: the number of steps taken and its
/// buffers (Adam's exp_avg and exp_avg_sq, SGD's momentum_buffer, ...), each shaped like the parameter.
/// The optimizer owns the buffers: they live outside every dispose scope until the optimizer is disposed.
/// </summary>
public sealed class ParameterState : IDisposable
{
    private readonly Dictionary<string, Tensor> buffers = new(StringComparer.Ordinal);

    /// <summary>Steps taken for this parameter (Adam's bias correction uses it).</summary>
    public long step { get; set; }

    /// <summary>The buffers by name, in the order they were created.</summary>
    public IReadOnlyDictionary<string, Tensor> Buffers => buffers;

    /// <summary>The buffer <paramref name="name"/>, created as zeros shaped like <paramref name="parameter"/> when absent.</summary>
    public Tensor ZerosLike(string name, Tensor parameter)
    {
        if (buffers.TryGetValue(name, out var existing)) return existing;
        return Set(name, torch.zeros_like(parameter));
    }

    /// <summary>The buffer <paramref name="name"/>, or null when the optimizer has not created it yet.</summary>
    public Tensor? Get(string name) => buffers.GetValueOrDefault(name);

    /// <summary>Stores <paramref name="buffer"/> (taking ownership, out of every dispose scope), replacing and
    /// disposing an older buffer of that name.</summary>
    public Tensor Set(string name, Tensor buffer)
    {
        buffer.DetachFromDisposeScope();
        if (buffers.TryGetValue(name, out var old) && !ReferenceEquals(old, buffer)) old.Dispose();
        buffers[name] = buffer;
        return buffer;
    }

    public void Dispose()
    {
        foreach (var buffer in buffers.Values) buffer.Dispose();
        buffers.Clear();
    }
}
