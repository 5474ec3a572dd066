namespace HydroWorkshop.Torch;

/// <summary>
/// Disposes, when it is disposed, every tensor created on this thread while it was the innermost scope,
/// except those moved out (<see cref="Tensor.MoveToOuterDisposeScope"/>) or detached. Scopes nest:
/// <code>
/// for (var step = 0; step &lt; steps; step++)
/// {
///     using var scope = torch.NewDisposeScope();
///     var loss = model.forward(x).sub(y).pow(2).mean();   // every intermediate is freed at the end
///     loss.backward();
/// }
/// </code>
/// </summary>
public sealed class DisposeScope : IDisposable
{
    [ThreadStatic] private static DisposeScope? current;
    private readonly HashSet<Tensor> tensors = new(ReferenceEqualityComparer.Instance);
    private readonly DisposeScope? outer;
    private bool disposed;

    internal DisposeScope()
    {
        outer = current;
        current = this;
    }

    /// <summary>The innermost open scope on this thread, or null.</summary>
    public static DisposeScope? Current => current;

    /// <summary>How many tensors this scope will dispose.</summary>
    public int Count => tensors.Count;

    internal void Add(Tensor tensor)
    {
        tensors.Add(tensor);
        tensor.OwningScope = this;
    }

    /// <summary>Hands tensors to the enclosing scope (or to nobody) so they outlive this one.</summary>
    public void MoveToOuter(params ReadOnlySpan<Tensor> moved)
    {
        foreach (var tensor in moved)
        {
            if (!tensors.Remove(tensor)) continue;
            tensor.OwningScope = null;
            outer?.Add(tensor);
        }
    }

    /// <summary>Takes tensors out of every scope: the caller disposes them.</summary>
    public void Detach(params ReadOnlySpan<Tensor> detached)
    {
        foreach (var tensor in detached)
        {
            if (tensors.Remove(tensor)) tensor.OwningScope = null;
        }
    }

    /// <summary>Adds tensors created elsewhere to this scope.</summary>
    public void Include(params ReadOnlySpan<Tensor> included)
    {
        foreach (var tensor in included)
        {
            tensor.OwningScope?.tensors.Remove(tensor);
            Add(tensor);
        }
    }

    public void Dispose()
    {
        if (disposed) return;
        disposed = true;
        // Disposed out of order (an inner scope left open): still free this scope's tensors.
        if (current == this) current = outer;
        foreach (var tensor in tensors)
        {
            tensor.OwningScope = null;
            tensor.Dispose();
        }
        tensors.Clear();
    }
}
