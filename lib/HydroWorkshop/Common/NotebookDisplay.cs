namespace HydroWorkshop.Common;

/// <summary>
/// How library code shows an object to the participant without referencing the Jupyter kernel: inside
/// the kernel, <see cref="Display"/> sends it to the notebook as rich output (an object with a public
/// <c>ToMimeBundle()</c> renders from it) and the returned handle's <see cref="INotebookDisplayHandle.Update"/>
/// replaces it in place (live training progress); elsewhere it falls back to writing <c>ToString()</c> to
/// the console.
/// </summary>
public static class NotebookDisplay
{
    private static Func<object?, INotebookDisplayHandle>? displayHook;

    /// <summary>True while a notebook front end receives the output (the kernel installed its hook).</summary>
    public static bool IsInNotebook => Volatile.Read(ref displayHook) is not null;

    /// <summary>Installs (or with null removes) the front end's display function; called by the kernel.</summary>
    public static void SetHook(Func<object?, INotebookDisplayHandle>? hook) => Volatile.Write(ref displayHook, hook);

    /// <summary>Shows <paramref name="value"/>; update it later through the handle.</summary>
    public static INotebookDisplayHandle Display(object? value)
    {
        var hook = Volatile.Read(ref displayHook);
        if (hook is not null) return hook(value);
        var handle = new ConsoleDisplayHandle();
        handle.Update(value);
        return handle;
    }

    private sealed class ConsoleDisplayHandle : INotebookDisplayHandle
    {
        public string DisplayId { get; } = Guid.NewGuid().ToString("N");

        public void Update(object? value) => Console.WriteLine(value?.ToString() ?? "null");
    }
}

/// <summary>A displayed output that can be replaced in place.</summary>
public interface INotebookDisplayHandle
{
    /// <summary>The Jupyter display id (a fresh id outside a notebook).</summary>
    string DisplayId { get; }

    /// <summary>Replaces the displayed output with <paramref name="value"/>.</summary>
    void Update(object? value);
}
