using System.Text;
using Microsoft.CodeAnalysis;

namespace HydroWorkshop.Kernel.Execution;

/// <summary>
/// What <c>inspect_request</c> shows for a symbol (Shift+Tab in Jupyter): its signatures (every overload of a method
/// group), then the documentation: summary, type parameters, parameters (each with its type and default, documented
/// or not, so a library without XML docs such as TorchSharp still lists them), returns or value, exceptions,
/// remarks; and for a variable of an earlier cell its current value. Plain text and Markdown carry the same content.
/// </summary>
internal static class InspectionText
{
    /// <summary><c>ScalarType? dtype = null</c>.</summary>
    private static readonly SymbolDisplayFormat ParameterFormat = new(
        globalNamespaceStyle: SymbolDisplayGlobalNamespaceStyle.Omitted,
        typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypes,
        genericsOptions: SymbolDisplayGenericsOptions.IncludeTypeParameters,
        parameterOptions: SymbolDisplayParameterOptions.IncludeType | SymbolDisplayParameterOptions.IncludeName
            | SymbolDisplayParameterOptions.IncludeDefaultValue | SymbolDisplayParameterOptions.IncludeParamsRefOut,
        miscellaneousOptions: SymbolDisplayMiscellaneousOptions.UseSpecialTypes
            | SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier
            | SymbolDisplayMiscellaneousOptions.EscapeKeywordIdentifiers);

    /// <summary><c>Tensor</c>, <c>List&lt;double&gt;</c>.</summary>
    private static readonly SymbolDisplayFormat TypeFormat = ParameterFormat;

    public static string Plain(ISymbol symbol, IReadOnlyList<string> signatures, string? more, DocumentationComment? doc, string? value)
    {
        var text = new StringBuilder();
        foreach (var signature in signatures) text.AppendLine(signature);
        if (more is not null) text.AppendLine(more);
        if (doc?.Summary is { } summary) text.AppendLine().AppendLine(summary);
        if (doc is { TypeParameters.Count: > 0 })
        {
            text.AppendLine().AppendLine("Type parameters:");
            foreach (var (name, description) in doc.TypeParameters) text.Append("  ").Append(name).Append(": ").AppendLine(description);
        }
        var parameters = Parameters(symbol);
        if (parameters.Count > 0)
        {
            text.AppendLine().AppendLine("Parameters:");
            foreach (var parameter in parameters)
            {
                text.Append("  ").Append(parameter.ToDisplayString(ParameterFormat));
                if (doc?.Parameter(parameter.Name) is { Length: > 0 } description) text.Append(": ").Append(description);
                text.AppendLine();
            }
        }
        if (ReturnType(symbol) is { } returns)
        {
            text.AppendLine().Append("Returns: ").Append(returns.ToDisplayString(TypeFormat));
            text.AppendLine(doc?.Returns is { } description ? ": " + description : "");
        }
        if (doc?.Value is { } propertyValue) text.AppendLine().Append("Value: ").AppendLine(propertyValue);
        if (doc is { Exceptions.Count: > 0 })
        {
            text.AppendLine().AppendLine("Exceptions:");
            foreach (var (type, description) in doc.Exceptions) text.Append("  ").Append(type).Append(": ").AppendLine(description);
        }
        if (doc?.Remarks is { } remarks) text.AppendLine().AppendLine("Remarks:").AppendLine(remarks);
        if (value is not null) text.AppendLine().Append("value: ").AppendLine(value);
        return text.ToString().TrimEnd();
    }

    public static string Markdown(ISymbol symbol, IReadOnlyList<string> signatures, string? more, DocumentationComment? doc, string? value)
    {
        var text = new StringBuilder();
        text.AppendLine("```csharp");
        foreach (var signature in signatures) text.AppendLine(signature);
        text.AppendLine("```");
        if (more is not null) text.AppendLine(more);
        if (doc?.Summary is { } summary) text.AppendLine().AppendLine(summary);
        if (doc is { TypeParameters.Count: > 0 })
        {
            text.AppendLine().AppendLine("**Type parameters**").AppendLine();
            foreach (var (name, description) in doc.TypeParameters) text.Append("- `").Append(name).Append("`: ").AppendLine(description);
        }
        var parameters = Parameters(symbol);
        if (parameters.Count > 0)
        {
            text.AppendLine().AppendLine("**Parameters**").AppendLine();
            foreach (var parameter in parameters)
            {
                text.Append("- `").Append(parameter.ToDisplayString(ParameterFormat)).Append('`');
                if (doc?.Parameter(parameter.Name) is { Length: > 0 } description) text.Append(": ").Append(description);
                text.AppendLine();
            }
        }
        if (ReturnType(symbol) is { } returns)
        {
            text.AppendLine().Append("**Returns** `").Append(returns.ToDisplayString(TypeFormat)).Append('`');
            text.AppendLine(doc?.Returns is { } description ? ": " + description : "");
        }
        if (doc?.Value is { } propertyValue) text.AppendLine().Append("**Value**: ").AppendLine(propertyValue);
        if (doc is { Exceptions.Count: > 0 })
        {
            text.AppendLine().AppendLine("**Exceptions**").AppendLine();
            foreach (var (type, description) in doc.Exceptions) text.Append("- `").Append(type).Append("`: ").AppendLine(description);
        }
        if (doc?.Remarks is { } remarks) text.AppendLine().AppendLine("**Remarks**").AppendLine().AppendLine(remarks);
        if (value is not null) text.AppendLine().AppendLine("**value**").AppendLine().AppendLine("```text").AppendLine(value)
            .AppendLine("```");
        return text.ToString().TrimEnd();
    }

    private static IReadOnlyList<IParameterSymbol> Parameters(ISymbol symbol) => symbol switch
    {
        IMethodSymbol m => m.Parameters,
        IPropertySymbol p => p.Parameters,
        INamedTypeSymbol { DelegateInvokeMethod: { } invoke } => invoke.Parameters,
        _ => [],
    };

    /// <summary>What a method (or delegate) gives back; null for void, constructors and non-methods.</summary>
    private static ITypeSymbol? ReturnType(ISymbol symbol) => symbol switch
    {
        IMethodSymbol { ReturnsVoid: false, MethodKind: not (MethodKind.Constructor or MethodKind.StaticConstructor) } m => m.ReturnType,
        INamedTypeSymbol { DelegateInvokeMethod: { ReturnsVoid: false } invoke } => invoke.ReturnType,
        _ => null,
    };
}
