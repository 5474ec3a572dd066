namespace HydroWorkshop.Plotting;

/// <summary>
/// A Plotly JSON object (trace, layout, axis, ...) as an ordered bag of attributes. The typed properties of
/// the subclasses cover the common attributes; <c>With(path, value)</c> sets any other
/// attribute of the plotly.js schema by its dotted path (<c>"line.dash"</c>), so nothing is out of reach.
/// </summary>
public abstract class PlotlyObject
{
    private readonly OrderedDictionary<string, object?> attributes = new(StringComparer.Ordinal);

    /// <summary>The attributes set so far, in the order they were first set.</summary>
    public IEnumerable<KeyValuePair<string, object?>> Attributes => attributes;

    /// <summary>Sets an attribute by dotted path; a null value removes it. Intermediate objects are created.</summary>
    public void Set(string path, object? value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var dot = path.IndexOf('.');
        if (dot < 0)
        {
            if (value is null) attributes.Remove(path);
            else attributes[path] = value;
            return;
        }
        var head = path[..dot];
        if (!attributes.TryGetValue(head, out var child) || child is not PlotlyObject node)
        {
            if (value is null) return;
            node = new PlotlyNode();
            attributes[head] = node;
        }
        node.Set(path[(dot + 1)..], value);
    }

    /// <summary>The attribute at a dotted path, or null.</summary>
    public object? Get(string path)
    {
        var dot = path.IndexOf('.');
        if (dot < 0) return attributes.TryGetValue(path, out var value) ? value : null;
        return attributes.TryGetValue(path[..dot], out var child) && child is PlotlyObject node
            ? node.Get(path[(dot + 1)..])
            : null;
    }

    /// <summary>The nested object at <paramref name="key"/>, created when absent (for <c>line</c>, <c>marker</c>, ...).</summary>
    protected T Child<T>(string key) where T : PlotlyObject, new()
    {
        if (attributes.TryGetValue(key, out var existing) && existing is T typed) return typed;
        var created = new T();
        attributes[key] = created;
        return created;
    }

    /// <summary>Helper for typed properties.</summary>
    protected T? GetAs<T>(string key) => attributes.TryGetValue(key, out var value) && value is T typed ? typed : default;

    /// <summary>Reads the <c>text</c> of a title object stored at <paramref name="key"/>.</summary>
    protected string? GetTitle(string key) => Get(key + ".text") as string;

    /// <summary>Plotly 3+ takes titles only as <c>{text: ...}</c>.</summary>
    protected void SetTitle(string key, string? text) => Set(key + ".text", text);
}

/// <summary>An untyped nested Plotly object (e.g. <c>line</c>, <c>font</c>), filled through <see cref="PlotlyObject.Set"/>.</summary>
public sealed class PlotlyNode : PlotlyObject
{
    /// <summary>Creates an empty object.</summary>
    public PlotlyNode() { }

    /// <summary>Creates an object from (path, value) pairs.</summary>
    public PlotlyNode(params (string Path, object? Value)[] attributes)
    {
        foreach (var (path, value) in attributes) Set(path, value);
    }
}

/// <summary>Fluent set-up for any Plotly object.</summary>
public static class PlotlyObjectExtensions
{
    /// <summary>Sets an attribute by dotted path (<c>"marker.color"</c>) and returns the object for chaining.</summary>
    public static T With<T>(this T target, string path, object? value) where T : PlotlyObject
    {
        target.Set(path, value);
        return target;
    }

    /// <summary>Runs <paramref name="configure"/> on the object and returns it for chaining.</summary>
    public static T With<T>(this T target, Action<T> configure) where T : PlotlyObject
    {
        configure(target);
        return target;
    }
}
