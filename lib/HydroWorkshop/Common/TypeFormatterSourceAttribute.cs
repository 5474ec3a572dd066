namespace HydroWorkshop.Common;

/// <summary>
/// Tells the .NET Interactive kernel (Polyglot Notebooks, <c>dotnet interactive jupyter</c>) how to show the type it
/// decorates. .NET Interactive's <c>Formatter</c> recognises this attribute by its name and reads its two properties by
/// reflection (its "convention-based formatter sources"), so the library needs no reference to .NET Interactive and
/// costs nothing anywhere else. Our own kernel ignores it: it shows the same types through their <c>ToMimeBundle()</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = true)]
internal sealed class TypeFormatterSourceAttribute(Type formatterSourceType) : Attribute
{
    /// <summary>A class with a public parameterless constructor and a public <c>CreateTypeFormatters()</c> returning
    /// objects that have <c>string MimeType</c> and <c>bool Format(object instance, TextWriter writer)</c>.</summary>
    public Type FormatterSourceType { get; } = formatterSourceType;

    /// <summary>The MIME types .NET Interactive sends for the type, in order. Never empty: .NET Interactive rejects an
    /// empty list when it first formats the type.</summary>
    public string[] PreferredMimeTypes { get; set; } = ["text/html", "text/plain"];
}
