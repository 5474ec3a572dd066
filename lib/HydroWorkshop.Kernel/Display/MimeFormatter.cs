using System.Collections;
using System.Globalization;
using System.Net;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace HydroWorkshop.Kernel.Display;

/// <summary>
/// Turns a value into a Jupyter MIME bundle. An object with a public <c>ToMimeBundle()</c> method (the
/// library's charts and tables) renders from it, found by reflection so library types need no reference to
/// the kernel; Plotly.NET charts and Deedle frames and series, which .NET Interactive notebooks display, render
/// through <see cref="PlotlyNetCharts"/> and <see cref="DeedleTables"/>; collections and tensors get a readable
/// <c>text/plain</c> and a small <c>text/html</c> table.
/// </summary>
public static class MimeFormatter
{
    /// <summary>How many items of a collection are shown.</summary>
    public const int MaxItems = 20;

    public static JsonObject Format(object? value)
    {
        switch (value)
        {
            case null: return Plain("null");
            case HtmlContent html: return new JsonObject { ["text/html"] = html.Html, ["text/plain"] = html.Html };
            case MarkdownContent markdown: return new JsonObject { ["text/markdown"] = markdown.Markdown,
                ["text/plain"] = markdown.Markdown };
            case string text: return Plain(text);
        }
        if (DeedleTables.Format(value) is { } table) return table;
        if (PlotlyNetCharts.IsChart(value)) return FormatPlotlyNetChart(value);
        if (FromMimeBundleMethod(value) is { } bundle) return bundle;
        if (IsTensor(value.GetType()))
        {
            var text = value is TorchSharp.torch.Tensor tensor ? TensorText(tensor) : SafeToString(value);
            return new JsonObject { ["text/plain"] = text, ["text/html"] = $"<pre>{WebUtility.HtmlEncode(text)}</pre>" };
        }
        if (value is IEnumerable sequence) return FormatSequence(value, sequence);
        return Plain(PlainText(value));
    }

    /// <summary>The one-line text of a scalar value (C# literal spelling for booleans, invariant numbers).</summary>
    public static string PlainText(object? value) => value switch
    {
        null => "null",
        bool b => b ? "true" : "false",
        string s => s,
        char c => c.ToString(),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        IEnumerable e when IsTensor(value.GetType()) is false => SequenceText(value, e),
        _ => HasOwnToString(value.GetType()) ? SafeToString(value) : PropertiesText(value),
    };

    private static JsonObject Plain(string text) => new() { ["text/plain"] = text };

    private static JsonObject FormatPlotlyNetChart(object chart)
    {
        try
        {
            return FromMimeBundleMethod(PlotlyNetCharts.ToFigure(chart)!) ?? Plain(SafeToString(chart));
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            return Plain($"Plotly.NET chart (not drawn: {e.Message})");
        }
    }

    private static JsonObject? FromMimeBundleMethod(object value)
    {
        var method = value.GetType().GetMethods(BindingFlags.Public | BindingFlags.Instance)
            .FirstOrDefault(m => m.Name == "ToMimeBundle" && m.GetParameters().All(p => p.IsOptional));
        if (method is null) return null;
        object? result;
        try
        {
            result = method.Invoke(value, method.GetParameters().Select(_ => Type.Missing).ToArray());
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            return Plain($"{value.GetType().Name}.ToMimeBundle() failed: {e.InnerException.GetType().Name}: {e.InnerException.Message}");
        }
        var data = new JsonObject();
        foreach (var (mime, content) in Entries(result))
        {
            data[mime] = content switch
            {
                null => null,
                string s => s,
                byte[] bytes => Convert.ToBase64String(bytes),
                JsonNode node => node.DeepClone(),
                JsonElement element => JsonNode.Parse(element.GetRawText()),
                _ => JsonSerializer.SerializeToNode(content, content.GetType()),
            };
        }
        if (data.Count == 0) return null;
        if (!data.ContainsKey("text/plain")) data["text/plain"] = SafeToString(value);
        return data;
    }

    /// <summary>Accepts any dictionary keyed by MIME type: IDictionary&lt;string, object&gt;,
    /// IReadOnlyDictionary&lt;string, object or string&gt;, non-generic IDictionary.</summary>
    private static IEnumerable<(string Mime, object? Content)> Entries(object? result)
    {
        if (result is null) yield break;
        if (result is IDictionary dictionary)
        {
            foreach (DictionaryEntry entry in dictionary) yield return (entry.Key.ToString() ?? "", entry.Value);
            yield break;
        }
        if (result is not IEnumerable pairs) yield break;
        foreach (var pair in pairs)
        {
            if (pair is null) continue;
            var type = pair.GetType();
            if (!type.IsGenericType || type.GetGenericTypeDefinition() != typeof(KeyValuePair<,>)) yield break;
            var key = type.GetProperty("Key")!.GetValue(pair)?.ToString() ?? "";
            yield return (key, type.GetProperty("Value")!.GetValue(pair));
        }
    }

    /// <summary>
    /// A TorchSharp tensor as PyTorch's REPL shows one: shape, type and device, then the values (TorchSharp's
    /// <c>str()</c>, which cuts long rows); a tall tensor keeps its first 10 and last 3 rows around a "...".
    /// </summary>
    private static string TensorText(TorchSharp.torch.Tensor tensor)
    {
        try
        {
            if (tensor.IsInvalid) return "a disposed tensor";
            var lines = TorchSharp.TensorExtensionMethods.str(tensor).TrimEnd().Split('\n');
            return lines.Length <= 16 ? string.Join('\n', lines) : string.Join('\n', [.. lines[..11], " ...", .. lines[^3..]]);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return SafeToString(tensor);
        }
    }

    /// <summary>Tensors (the library's or any type named Tensor with a shape) print their own summary.</summary>
    private static bool IsTensor(Type type) =>
        type.Name.EndsWith("Tensor", StringComparison.Ordinal) || type.Name.StartsWith("Tensor`", StringComparison.Ordinal)
        || type.GetProperty("shape") is not null;

    private static JsonObject FormatSequence(object value, IEnumerable sequence)
    {
        var items = new List<object?>();
        var more = false;
        foreach (var item in sequence)
        {
            if (items.Count == MaxItems) { more = true; break; }
            items.Add(item);
        }
        var html = new StringBuilder("<table><thead><tr><th>#</th>");
        var isDictionary = value is IDictionary || items.FirstOrDefault() is { } first && first.GetType().IsGenericType
            && first.GetType().GetGenericTypeDefinition() == typeof(KeyValuePair<,>);
        var columns = isDictionary ? [] : ColumnsOf(items);
        if (isDictionary) html.Append("<th>Key</th><th>Value</th>");
        else if (columns.Length == 0) html.Append("<th>value</th>");
        else foreach (var column in columns) html.Append("<th>").Append(WebUtility.HtmlEncode(column.Name)).Append("</th>");
        html.Append("</tr></thead><tbody>");
        for (var i = 0; i < items.Count; i++)
        {
            html.Append("<tr><td>").Append(i).Append("</td>");
            var item = items[i];
            IEnumerable<object?> cells = isDictionary && item is not null
                ? [item is DictionaryEntry d ? d.Key : item.GetType().GetProperty("Key")!.GetValue(item),
                    item is DictionaryEntry d2 ? d2.Value : item.GetType().GetProperty("Value")!.GetValue(item)]
                : columns.Length == 0 ? [item] : columns.Select(c => item is null ? null : c.GetValue(item));
            foreach (var cell in cells) html.Append("<td>").Append(WebUtility.HtmlEncode(PlainText(cell))).Append("</td>");
            html.Append("</tr>");
        }
        if (more) html.Append("<tr><td colspan=\"99\">…</td></tr>");
        html.Append("</tbody></table>");
        return new JsonObject { ["text/plain"] = SequenceText(value, sequence), ["text/html"] = html.ToString() };
    }

    private static PropertyInfo[] ColumnsOf(List<object?> items)
    {
        var type = items.FirstOrDefault(i => i is not null)?.GetType();
        if (type is null || type.IsPrimitive || type == typeof(string) || type == typeof(decimal) || typeof(IFormattable)
            .IsAssignableFrom(type) || typeof(IEnumerable).IsAssignableFrom(type)) return [];
        return type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0)
            .Take(10).ToArray();
    }

    private static string SequenceText(object value, IEnumerable sequence)
    {
        var parts = new List<string>();
        foreach (var item in sequence)
        {
            if (parts.Count == MaxItems) { parts.Add("…"); break; }
            parts.Add(item is DictionaryEntry d ? $"[{PlainText(d.Key)}] = {PlainText(d.Value)}" : PlainText(item));
        }
        var count = value is ICollection c ? $"({c.Count})" : "";
        return $"{FriendlyName(value.GetType())}{count} {{ {string.Join(", ", parts)} }}";
    }

    private static string PropertiesText(object value)
    {
        var properties = value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0).Take(10).ToArray();
        if (properties.Length == 0) return FriendlyName(value.GetType());
        return FriendlyName(value.GetType()) + " { " + string.Join(", ", properties.Select(p =>
        {
            object? v;
            try { v = p.GetValue(value); } catch (Exception e) { v = $"<{e.GetType().Name}>"; }
            return $"{p.Name} = {(v is IEnumerable and not string ? FriendlyName(v.GetType()) : PlainText(v))}";
        })) + " }";
    }

    private static bool HasOwnToString(Type type) =>
        type.GetMethod("ToString", Type.EmptyTypes)?.DeclaringType is { } declaring && declaring != typeof(object)
            && declaring != typeof(ValueType);

    private static string SafeToString(object value)
    {
        try { return value.ToString() ?? ""; }
        catch (Exception e) { return $"{FriendlyName(value.GetType())} (ToString failed: {e.Message})"; }
    }

    /// <summary><c>List&lt;int&gt;</c> rather than <c>List`1</c>.</summary>
    public static string FriendlyName(Type type)
    {
        if (type.Name.StartsWith("<>", StringComparison.Ordinal)) return "anonymous";
        if (type.IsArray) return FriendlyName(type.GetElementType()!) + "[" + new string(',', type.GetArrayRank() - 1) + "]";
        if (!type.IsGenericType) return type.Name;
        var name = type.Name;
        var tick = name.IndexOf('`');
        if (tick >= 0) name = name[..tick];
        return $"{name}<{string.Join(", ", type.GetGenericArguments().Select(FriendlyName))}>";
    }
}
