using System.Text.Json.Nodes;
using System.Xml.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace HydroWorkshop.Kernel.Execution;

/// <summary><c>is_complete</c> from the syntax tree; <c>complete</c> and <c>inspect</c> from the semantic
/// model of the cell compiled as the script's next submission (so earlier cells' variables are known).
/// Cursor positions are in Unicode code points, as Jupyter sends them.</summary>
public sealed class CodeIntelligence(CellExecutor executor)
{
    public sealed record IsCompleteResult(string Status, string Indent);

    public sealed record CompletionResult(IReadOnlyList<string> Matches, int CursorStart, int CursorEnd);

    /// <param name="Found">Whether the cursor is on a symbol.</param>
    /// <param name="Text">Signatures, documentation and a variable's value as plain text (<c>text/plain</c>).</param>
    /// <param name="Markdown">The same as Markdown (<c>text/markdown</c>): signatures in a C# code block.</param>
    public sealed record InspectionResult(bool Found, string Text, string Markdown);

    public static IsCompleteResult IsComplete(string code)
    {
        var magics = CellMagics.Parse(code);
        var tree = CSharpSyntaxTree.ParseText(magics.Code, ScriptSetup.ParseOptions);
        if (!SyntaxFactory.IsCompleteSubmission(tree))
        {
            var depth = magics.Code.Count(c => c is '{' or '(' or '[') - magics.Code.Count(c => c is '}' or ')' or ']');
            return new IsCompleteResult("incomplete", new string(' ', 4 * Math.Max(1, depth)));
        }
        var invalid = magics.Errors.Count > 0 || tree.GetDiagnostics().Any(d => d.Severity == DiagnosticSeverity.Error);
        return new IsCompleteResult(invalid ? "invalid" : "complete", "");
    }

    public CompletionResult Complete(string code, int cursorCodePoints)
    {
        executor.WaitUntilWarm();
        var cursor = ToUtf16Index(code, cursorCodePoints);
        var start = cursor;
        while (start > 0 && (char.IsLetterOrDigit(code[start - 1]) || code[start - 1] == '_')) start--;
        var prefix = code[start..cursor];
        var (model, tree) = Compile(code);
        IEnumerable<ISymbol> symbols;
        var memberAccess = start > 0 && code[start - 1] == '.';
        if (memberAccess)
        {
            var dot = tree.GetRoot().FindToken(start - 1);
            var left = dot.Parent switch
            {
                MemberAccessExpressionSyntax m => (SyntaxNode)m.Expression,
                QualifiedNameSyntax q => q.Left,
                MemberBindingExpressionSyntax => null,
                _ => null,
            };
            symbols = left is null ? [] : MembersOf(model, left, start);
        }
        else
        {
            symbols = model.LookupSymbols(start);
        }
        var names = symbols.Where(s => s.CanBeReferencedByName || s is IMethodSymbol { MethodKind: MethodKind.ReducedExtension })
            .Select(s => s.Name);
        if (!memberAccess) names = names.Concat(Keywords);
        var matches = names.Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && !n.StartsWith('<')).Distinct()
            .Order(StringComparer.Ordinal).ToList();
        if (matches.Count == 0 && prefix.Length > 0)
        {
            matches = names.Where(n => n.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)).Distinct()
                .Order(StringComparer.Ordinal).ToList();
        }
        return new CompletionResult(matches, ToCodePoints(code, start), cursorCodePoints);
    }

    public InspectionResult Inspect(string code, int cursorCodePoints)
    {
        executor.WaitUntilWarm();
        var cursor = ToUtf16Index(code, cursorCodePoints);
        var (model, tree) = Compile(code);
        var root = tree.GetRoot();
        var token = root.FindToken(Math.Max(0, Math.Min(cursor, code.Length) - 1));
        if (!token.IsKind(SyntaxKind.IdentifierToken) && cursor < code.Length) token = root.FindToken(cursor);
        var symbols = new List<ISymbol>();
        for (var node = token.Parent; node is not null && symbols.Count == 0; node = node.Parent)
        {
            var info = model.GetSymbolInfo(node);
            if (info.Symbol is not null) symbols.Add(info.Symbol);
            else symbols.AddRange(info.CandidateSymbols);
            if (symbols.Count == 0 && model.GetDeclaredSymbol(node) is { } declared) symbols.Add(declared);
            if (node is StatementSyntax or MemberDeclarationSyntax) break;
        }
        if (symbols.Count == 0) return new InspectionResult(false, "", "");
        var signatures = symbols.Take(24).Select(s => s.ToDisplayString(SignatureFormat)).ToList();
        var more = symbols.Count > 24 ? $"(+{symbols.Count - 24} overloads)" : null;
        var xml = DocumentationXml(symbols[0], model.Compilation);
        string? value = null;
        if (symbols[0] is IFieldSymbol or ILocalSymbol && executor.State?.GetVariable(symbols[0].Name) is { } variable)
        {
            value = Display.MimeFormatter.PlainText(variable.Value);
        }
        return new InspectionResult(true,
            InspectionText.Plain(symbols[0], signatures, more, DocumentationComment.Parse(xml, markdown: false), value),
            InspectionText.Markdown(symbols[0], signatures, more, DocumentationComment.Parse(xml, markdown: true), value));
    }

    /// <summary><c>void Console.WriteLine(string? value)</c>: return type, containing type, parameters with names.</summary>
    private static readonly SymbolDisplayFormat SignatureFormat = new(
        globalNamespaceStyle: SymbolDisplayGlobalNamespaceStyle.Omitted,
        typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypes,
        genericsOptions: SymbolDisplayGenericsOptions.IncludeTypeParameters,
        memberOptions: SymbolDisplayMemberOptions.IncludeParameters | SymbolDisplayMemberOptions.IncludeType
            | SymbolDisplayMemberOptions.IncludeContainingType | SymbolDisplayMemberOptions.IncludeRef,
        kindOptions: SymbolDisplayKindOptions.IncludeTypeKeyword,
        parameterOptions: SymbolDisplayParameterOptions.IncludeType | SymbolDisplayParameterOptions.IncludeName
            | SymbolDisplayParameterOptions.IncludeDefaultValue | SymbolDisplayParameterOptions.IncludeParamsRefOut,
        localOptions: SymbolDisplayLocalOptions.IncludeType,
        miscellaneousOptions: SymbolDisplayMiscellaneousOptions.UseSpecialTypes
            | SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier
            | SymbolDisplayMiscellaneousOptions.EscapeKeywordIdentifiers);

    private static IEnumerable<ISymbol> MembersOf(SemanticModel model, SyntaxNode left, int position)
    {
        var symbol = model.GetSymbolInfo(left).Symbol;
        if (symbol is INamespaceOrTypeSymbol container)
        {
            // A type name: its static members and nested types; a namespace: its members.
            return model.LookupSymbols(position, container).Where(s => container is INamespaceSymbol || s.IsStatic || s is ITypeSymbol);
        }
        var type = model.GetTypeInfo(left).Type;
        if (type is null || type.TypeKind == TypeKind.Error) return [];
        return model.LookupSymbols(position, type, includeReducedExtensionMethods: true)
            .Where(s => !s.IsStatic || s is IMethodSymbol { MethodKind: MethodKind.ReducedExtension });
    }

    private (SemanticModel Model, SyntaxTree Tree) Compile(string code)
    {
        // Magic lines are blanked, so positions in the cell are positions in the tree.
        var compilation = executor.Continue(CellMagics.Parse(code).Code).GetCompilation();
        var tree = compilation.SyntaxTrees.Last();
        return (compilation.GetSemanticModel(tree), tree);
    }

    /// <summary>The documentation comment XML of <paramref name="symbol"/>: from its reference's documentation
    /// provider, else from the .xml beside its assembly (<c>#r</c> of a dll or a NuGet package, whose references carry
    /// no provider); <c>&lt;inheritdoc/&gt;</c> is followed to the overridden or implemented member or the cref.</summary>
    internal static string? DocumentationXml(ISymbol symbol, Compilation compilation, int depth = 0)
    {
        if (symbol is IMethodSymbol { ReducedFrom: { } extension }) symbol = extension;
        symbol = symbol.OriginalDefinition;
        var xml = symbol.GetDocumentationCommentXml(expandIncludes: false);
        if (string.IsNullOrWhiteSpace(xml)) xml = BesideAssembly(symbol, compilation);
        if (string.IsNullOrWhiteSpace(xml) || depth > 4 || !xml.Contains("<inheritdoc", StringComparison.Ordinal)) return xml;
        try
        {
            var inherit = XElement.Parse(xml).Element("inheritdoc");
            if (inherit is null) return xml;
            var source = (string?)inherit.Attribute("cref") is { } cref
                ? DocumentationCommentId.GetFirstSymbolForDeclarationId(cref, compilation)
                : InheritedFrom(symbol);
            return source is null ? null : DocumentationXml(source, compilation, depth + 1);
        }
        catch (System.Xml.XmlException)
        {
            return null;
        }
    }

    /// <summary>The member whose documentation a bare <c>&lt;inheritdoc/&gt;</c> takes: the overridden member, else the
    /// interface member implemented, else (a type) its base type or first interface.</summary>
    private static ISymbol? InheritedFrom(ISymbol symbol)
    {
        ISymbol? overridden = symbol switch
        {
            IMethodSymbol m => (ISymbol?)m.OverriddenMethod ?? m.ExplicitInterfaceImplementations.FirstOrDefault(),
            IPropertySymbol p => (ISymbol?)p.OverriddenProperty ?? p.ExplicitInterfaceImplementations.FirstOrDefault(),
            IEventSymbol e => (ISymbol?)e.OverriddenEvent ?? e.ExplicitInterfaceImplementations.FirstOrDefault(),
            INamedTypeSymbol t => t.BaseType is { SpecialType: not SpecialType.System_Object } b ? b : t.Interfaces.FirstOrDefault(),
            _ => null,
        };
        if (overridden is not null || symbol.ContainingType is not { } type) return overridden;
        return type.AllInterfaces.SelectMany(i => i.GetMembers(symbol.Name))
            .FirstOrDefault(m => SymbolEqualityComparer.Default.Equals(type.FindImplementationForInterfaceMember(m), symbol));
    }

    private static string? BesideAssembly(ISymbol symbol, Compilation compilation)
    {
        if (symbol.ContainingAssembly is not { } assembly || symbol.GetDocumentationCommentId() is not { } id) return null;
        // A script submission's compilation holds its own references; earlier cells' #r are in the previous ones.
        for (var c = compilation; c is not null; c = c.ScriptCompilationInfo?.PreviousScriptCompilation)
        {
            if (c.GetMetadataReference(assembly) is PortableExecutableReference { FilePath: { } path })
            {
                var xml = Path.ChangeExtension(path, ".xml");
                return File.Exists(xml) ? XmlDocumentation.Of(xml).Member(id) : null;
            }
        }
        return null;
    }

    private static readonly string[] Keywords =
    [
        "abstract", "as", "async", "await", "base", "bool", "break", "byte", "case", "catch", "char", "class", "const", "continue",
        "decimal", "default", "delegate", "do", "double", "else", "enum", "false", "finally", "float", "for", "foreach", "if",
        "int", "interface", "is", "long", "nameof", "new", "null", "object", "private", "public", "readonly", "record", "return",
        "sealed", "static", "string", "struct", "switch", "this", "throw", "true", "try", "typeof", "using", "var", "void",
        "while", "yield",
    ];

    /// <summary>Jupyter counts Unicode code points; C# strings index UTF-16 units.</summary>
    public static int ToUtf16Index(string text, int codePoints)
    {
        var index = 0;
        for (var n = 0; n < codePoints && index < text.Length; n++)
        {
            index += char.IsHighSurrogate(text[index]) && index + 1 < text.Length ? 2 : 1;
        }
        return index;
    }

    public static int ToCodePoints(string text, int utf16Index)
    {
        var n = 0;
        for (var i = 0; i < utf16Index && i < text.Length; i++)
        {
            if (!char.IsLowSurrogate(text[i])) n++;
        }
        return n;
    }

    /// <summary>The reply data of an inspection: plain text and Markdown (front ends pick the richest they show).</summary>
    public static JsonObject ToData(InspectionResult result) =>
        result.Found ? new JsonObject { ["text/plain"] = result.Text, ["text/markdown"] = result.Markdown } : [];
}
