namespace HydroWorkshop.Common;

/// <summary>
/// The ambient cancellation token of the workshop: long loops (training, solver time stepping, generators)
/// take a <see cref="CancellationToken"/> whose default is <see cref="Token"/>, so a notebook's "interrupt"
/// stops them cooperatively. The Jupyter kernel calls <see cref="Cancel"/> on <c>interrupt_request</c> and
/// <see cref="Reset"/> before each cell; outside the kernel nobody trips it and it never cancels.
/// </summary>
public static class WorkshopCancellation
{
    private static CancellationTokenSource source = new();

    /// <summary>The token of the current cell (or of the whole process outside a notebook).</summary>
    public static CancellationToken Token => Volatile.Read(ref source).Token;

    /// <summary>True once <see cref="Cancel"/> was called and before the next <see cref="Reset"/>.</summary>
    public static bool IsCancellationRequested => Volatile.Read(ref source).IsCancellationRequested;

    /// <summary>Trips the current token (thread-safe; called from the kernel's control thread).</summary>
    public static void Cancel() => Volatile.Read(ref source).Cancel();

    /// <summary>Throws <see cref="OperationCanceledException"/> when the current token was tripped.</summary>
    public static void ThrowIfCancellationRequested() => Token.ThrowIfCancellationRequested();

    /// <summary>Gives the next cell a fresh token; a tripped one is replaced, an untripped one kept so
    /// tokens captured by background work stay valid.</summary>
    public static void Reset()
    {
        var current = Volatile.Read(ref source);
        if (!current.IsCancellationRequested) return;
        Interlocked.CompareExchange(ref source, new CancellationTokenSource(), current);
        // The old source is not disposed: a loop may still hold its token and read it after the swap.
    }
}
