using System.Reflection;

namespace HydroWorkshop.Common;

/// <summary>
/// <see cref="NotebookDisplay"/>'s route into the .NET Interactive kernel (Polyglot Notebooks, <c>dotnet interactive
/// jupyter</c>), which installs no hook of ours: when <c>Microsoft.DotNet.Interactive</c> is loaded in this process,
/// values go to its <c>Kernel.display(object, params string[])</c> and its <c>DisplayedValue.Update(object)</c> replaces
/// them in place (live training progress). Found by reflection, so the library has no dependency on .NET Interactive.
/// </summary>
internal static class DotNetInteractiveDisplay
{
    private const string AssemblyName = "Microsoft.DotNet.Interactive";
    private const string KernelTypeName = "Microsoft.DotNet.Interactive.Kernel";

    /// <summary>The display function of the .NET Interactive kernel hosting this process, or null when there is none.</summary>
    public static Func<object?, INotebookDisplayHandle>? TryCreateHook() =>
        TryCreateHook(AppDomain.CurrentDomain.GetAssemblies());

    /// <summary>As <see cref="TryCreateHook()"/>, looking only at <paramref name="loaded"/> (never loads an assembly).</summary>
    internal static Func<object?, INotebookDisplayHandle>? TryCreateHook(IEnumerable<Assembly> loaded)
    {
        var host = loaded.FirstOrDefault(a => a.GetName().Name == AssemblyName);
        var display = host?.GetType(KernelTypeName)?.GetMethod("display", BindingFlags.Public | BindingFlags.Static,
            [typeof(object), typeof(string[])]);
        if (display is null) return null;
        return value => Show(display, value);
    }

    private static INotebookDisplayHandle Show(MethodInfo display, object? value)
    {
        try
        {
            var shown = display.Invoke(null, [value, Array.Empty<string>()]);
            if (shown is not null) return new Handle(shown);
        }
        catch (TargetInvocationException)
        {
            // No cell is running on this thread (e.g. a background task): .NET Interactive has nowhere to show it.
        }
        return NotebookDisplay.ConsoleHandle(value);
    }

    /// <summary>A .NET Interactive <c>DisplayedValue</c>.</summary>
    private sealed class Handle(object displayedValue) : INotebookDisplayHandle
    {
        private readonly MethodInfo? update = displayedValue.GetType().GetMethod("Update", [typeof(object)]);

        public string DisplayId { get; } =
            displayedValue.GetType().GetProperty("DisplayId")?.GetValue(displayedValue) as string ?? Guid.NewGuid().ToString("N");

        public void Update(object? value)
        {
            try
            {
                update?.Invoke(displayedValue, [value]);
            }
            catch (TargetInvocationException)
            {
                // The cell that showed it has finished: nothing left to update.
            }
        }
    }
}
