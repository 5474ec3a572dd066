namespace HydroWorkshop.Common;

/// <summary>
/// How library code shows an object to the participant without referencing the Jupyter kernel: inside
/// the kernel, <see cref="Display"/> sends it to the notebook as rich output (an object with a public
/// <c>ToMimeBundle()</c> renders from it) and the returned handle's <see cref="INotebookDisplayHandle.Update"/>
/// replaces it in place (live training progress); the .NET Interactive kernel gets the same through
/// <see cref="DotNetInteractiveDisplay"/> when it hosts the library; elsewhere (a console program, a notebook exported as a
/// file-based app) it falls back to the console: text is printed, collections item by item, and an object that can
/// save itself as HTML (a chart's <c>SaveHtml(path)</c>) is saved into <see cref="FigureFolder"/> when one is set.
/// </summary>
public static class NotebookDisplay
{
    private static Func<object?, INotebookDisplayHandle>? displayHook;

    // Decided once: the host does not change during a process.
    private static readonly Lazy<Func<object?, INotebookDisplayHandle>?> HostDisplay = new(DotNetInteractiveDisplay.TryCreateHook);
    private static int figureCount;

    /// <summary>Where displayed figures are saved as HTML outside a notebook (<c>figure-001.html</c>, ...); null
    /// prints them as text. Defaults to <c>$HYDROWORKSHOP_FIGURES</c>.</summary>
    public static string? FigureFolder { get; set; } = Environment.GetEnvironmentVariable(
        "HYDROWORKSHOP_FIGURES") is { Length: > 0 } folder ? folder : null;

    /// <summary>How many items of a collection the console shows.</summary>
    public const int ConsoleItems = 20;

    /// <summary>True while a notebook front end receives the output: our kernel installed its hook, or the process is
    /// a .NET Interactive kernel.</summary>
    public static bool IsInNotebook => Volatile.Read(ref displayHook) is not null || HostDisplay.Value is not null;

    /// <summary>Installs (or with null removes) the front end's display function; called by the kernel.</summary>
    public static void SetHook(Func<object?, INotebookDisplayHandle>? hook) => Volatile.Write(ref displayHook, hook);

    /// <summary>Shows <paramref name="value"/>; update it later through the handle.</summary>
    public static INotebookDisplayHandle Display(object? value)
    {
        var hook = Volatile.Read(ref displayHook) ?? HostDisplay.Value;
        return hook is not null ? hook(value) : ConsoleHandle(value);
    }

    /// <summary>Prints <paramref name="value"/> (see <see cref="ConsoleText"/>) and returns a handle that prints updates.</summary>
    internal static INotebookDisplayHandle ConsoleHandle(object? value)
    {
        var handle = new ConsoleDisplayHandle();
        handle.Update(value);
        return handle;
    }

    /// <summary>The console form of <paramref name="value"/>: text as is, a collection (not a string) as its
    /// first <see cref="ConsoleItems"/> items one per line, anything else its <c>ToString()</c>.</summary>
    public static string ConsoleText(object? value)
    {
        switch (value)
        {
            case null: return "null";
            case string text: return text;
            case System.Collections.IDictionary dictionary:
            {
                var lines = dictionary.Keys.Cast<object>().Take(ConsoleItems).Select(key => $"  {key}: {dictionary[key]}").ToList();
                if (dictionary.Count > ConsoleItems) lines.Add($"  ... ({dictionary.Count} entries)");
                return $"{dictionary.Count} entries\n" + string.Join("\n", lines);
            }
            case System.Collections.IEnumerable items when value.GetType().GetMethod("ToMimeBundle", Type.EmptyTypes) is null
                && !value.GetType().Name.EndsWith("Tensor", StringComparison.Ordinal):
            {
                var all = items.Cast<object?>().Take(ConsoleItems + 1).ToList();
                var lines = all.Take(ConsoleItems).Select(item => "  " + (item?.ToString() ?? "null")).ToList();
                if (all.Count > ConsoleItems) lines.Add("  ...");
                return string.Join("\n", lines);
            }
            default: return value.ToString() ?? "";
        }
    }

    /// <summary>Saves <paramref name="value"/> with its <c>SaveHtml(string path, ...)</c> into <see cref="FigureFolder"/>;
    /// the path, or null when it has no such method or no folder is set.</summary>
    internal static string? SaveFigure(object? value)
    {
        var folder = FigureFolder;
        if (value is null || string.IsNullOrEmpty(folder)) return null;
        var save = value.GetType().GetMethods().FirstOrDefault(m => m.Name == "SaveHtml" && m.GetParameters() is { Length: > 0 } p
            && p[0].ParameterType == typeof(string) && p.Skip(1).All(q => q.IsOptional));
        if (save is null) return null;
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"figure-{Interlocked.Increment(ref figureCount):000}.html");
        var arguments = save.GetParameters().Select((p, i) => i == 0 ? path : p.DefaultValue is DBNull ? null : p.DefaultValue).ToArray();
        save.Invoke(value, arguments);
        return path;
    }

    private sealed class ConsoleDisplayHandle : INotebookDisplayHandle
    {
        public string DisplayId { get; } = Guid.NewGuid().ToString("N");

        public void Update(object? value) =>
            Console.WriteLine(SaveFigure(value) is { } path ? $"{ConsoleText(value)} -> {path}" : ConsoleText(value));
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
