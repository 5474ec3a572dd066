using System.Collections.Immutable;
using System.Reflection;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace HydroWorkshop.Tests.Architecture;

/// <summary>One namespace's use of another, with one witness: <c>Referrer</c> is the type (and member) whose compiled
/// code names <c>Target</c>, so a failing test says what to move.</summary>
public sealed record NamespaceEdge(string From, string To, string Referrer, string Target);

/// <summary>
/// The namespace graph of a compiled assembly, read from its metadata rather than its source: for every type definition,
/// the types named by its base type, interfaces, generic constraints, custom attributes, field and method signatures,
/// local variables, and every type/member token in its method bodies (IL). Nested types (lambdas' display classes,
/// iterator and async state machines) count for their outermost type, whose namespace is the node. Only namespaces that
/// start with <c>prefix</c> are kept; a child namespace is a node of its own.
/// </summary>
public sealed class NamespaceGraph
{
    private static readonly Dictionary<short, OperandType> OperandTypes = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(op => op.Value, op => op.OperandType);

    private readonly MetadataReader md;
    private readonly string prefix;
    private readonly Dictionary<(string From, string To), NamespaceEdge> edges = [];

    private NamespaceGraph(PEReader pe, string prefix)
    {
        md = pe.GetMetadataReader();
        this.prefix = prefix;
        foreach (var handle in md.TypeDefinitions) ReadType(pe, handle);
    }

    /// <summary>Edges between different namespaces, one witness each.</summary>
    public IReadOnlyCollection<NamespaceEdge> Edges => edges.Values;

    public static NamespaceGraph Read(string assemblyPath, string prefix)
    {
        using var pe = new PEReader(File.OpenRead(assemblyPath));
        return new NamespaceGraph(pe, prefix);
    }

    private void ReadType(PEReader pe, TypeDefinitionHandle handle)
    {
        var type = md.GetTypeDefinition(handle);
        var owner = Outermost(handle);
        var from = md.GetString(md.GetTypeDefinition(owner).Namespace);
        if (!InScope(from)) return;
        var ownerName = md.GetString(md.GetTypeDefinition(owner).Name);
        void Uses(string member, EntityHandle target)
        {
            foreach (var (ns, name) in Targets(target))
                if (InScope(ns) && ns != from) edges.TryAdd((from, ns), new NamespaceEdge(from, ns, $"{ownerName}.{member}", name));
        }

        if (!type.BaseType.IsNil) Uses("(base)", type.BaseType);
        foreach (var i in type.GetInterfaceImplementations()) Uses("(interface)", md.GetInterfaceImplementation(i).Interface);
        foreach (var g in type.GetGenericParameters())
            foreach (var c in md.GetGenericParameter(g).GetConstraints()) Uses("(constraint)", md.GetGenericParameterConstraint(c).Type);
        foreach (var a in type.GetCustomAttributes()) Uses("(attribute)", md.GetCustomAttribute(a).Constructor);
        foreach (var f in type.GetFields())
        {
            var field = md.GetFieldDefinition(f);
            var name = md.GetString(field.Name);
            foreach (var t in field.DecodeSignature(Provider.Instance, null)) Uses(name, t);
            foreach (var a in field.GetCustomAttributes()) Uses(name, md.GetCustomAttribute(a).Constructor);
        }
        foreach (var p in type.GetProperties())
            foreach (var a in md.GetPropertyDefinition(p).GetCustomAttributes()) Uses(md.GetString(md.GetPropertyDefinition(p).Name),
                md.GetCustomAttribute(a).Constructor);
        foreach (var m in type.GetMethods())
        {
            var method = md.GetMethodDefinition(m);
            var name = md.GetString(method.Name);
            var signature = method.DecodeSignature(Provider.Instance, null);
            foreach (var t in signature.ReturnType.Concat(signature.ParameterTypes.SelectMany(p => p))) Uses(name, t);
            foreach (var a in method.GetCustomAttributes()) Uses(name, md.GetCustomAttribute(a).Constructor);
            if (method.RelativeVirtualAddress == 0) continue;
            var body = pe.GetMethodBody(method.RelativeVirtualAddress);
            if (!body.LocalSignature.IsNil)
                foreach (var t in md.GetStandaloneSignature(body.LocalSignature).DecodeLocalSignature(Provider.Instance, null)
                    .SelectMany(l => l))
                    Uses(name, t);
            foreach (var token in IlTokens(body.GetILReader())) Uses(name, MetadataTokens.EntityHandle(token));
        }
    }

    /// <summary>The metadata tokens that a method body's instructions carry (types, methods, fields), in order.</summary>
    private static IEnumerable<int> IlTokens(BlobReader il)
    {
        var tokens = new List<int>();
        while (il.RemainingBytes > 0)
        {
            short value = il.ReadByte();
            if (value == 0xFE) value = (short)(0xFE00 | il.ReadByte());
            switch (OperandTypes[value])
            {
                case OperandType.InlineNone: break;
                case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar: il.Offset += 1; break;
                case OperandType.InlineVar: il.Offset += 2; break;
                case OperandType.InlineI8 or OperandType.InlineR: il.Offset += 8; break;
                case OperandType.InlineSwitch: var targets = il.ReadInt32(); il.Offset += 4 * targets; break;   // read the count first
                case OperandType.InlineField or OperandType.InlineMethod or OperandType.InlineType or OperandType.InlineTok:
                    tokens.Add(il.ReadInt32()); break;
                default: il.Offset += 4; break;   // InlineBrTarget, InlineI, InlineR4, InlineSig, InlineString
            }
        }
        return tokens;
    }

    /// <summary>The (namespace, type name) pairs that a type, member or attribute-constructor handle names.</summary>
    private IEnumerable<(string Namespace, string Name)> Targets(EntityHandle handle)
    {
        switch (handle.Kind)
        {
            case HandleKind.TypeDefinition:
                var owner = md.GetTypeDefinition(Outermost((TypeDefinitionHandle)handle));
                return [(md.GetString(owner.Namespace), md.GetString(md.GetTypeDefinition((TypeDefinitionHandle)handle).Name))];
            case HandleKind.TypeReference:
                var reference = md.GetTypeReference((TypeReferenceHandle)handle);
                while (reference.ResolutionScope.Kind == HandleKind.TypeReference)
                    reference = md.GetTypeReference((TypeReferenceHandle)reference.ResolutionScope);
                return [(md.GetString(reference.Namespace), md.GetString(reference.Name))];
            case HandleKind.TypeSpecification:
                return md.GetTypeSpecification((TypeSpecificationHandle)handle).DecodeSignature(Provider.Instance, null)
                    .SelectMany(Targets);
            case HandleKind.MethodDefinition:
                return Targets(md.GetMethodDefinition((MethodDefinitionHandle)handle).GetDeclaringType());
            case HandleKind.FieldDefinition:
                return Targets(md.GetFieldDefinition((FieldDefinitionHandle)handle).GetDeclaringType());
            case HandleKind.MemberReference:
                var parent = md.GetMemberReference((MemberReferenceHandle)handle).Parent;
                return parent.Kind == HandleKind.ModuleReference ? [] : Targets(parent);
            case HandleKind.MethodSpecification:
                var spec = md.GetMethodSpecification((MethodSpecificationHandle)handle);
                return Targets(spec.Method).Concat(spec.DecodeSignature(Provider.Instance, null).SelectMany(t => t).SelectMany(Targets));
            default:
                return [];   // strings (ldstr tokens never reach here), StandaloneSig of calli
        }
    }

    private TypeDefinitionHandle Outermost(TypeDefinitionHandle handle)
    {
        for (var declaring = md.GetTypeDefinition(handle).GetDeclaringType(); !declaring.IsNil;
            declaring = md.GetTypeDefinition(handle).GetDeclaringType())
            handle = declaring;
        return handle;
    }

    private bool InScope(string ns) => ns == prefix || ns.StartsWith(prefix + ".", StringComparison.Ordinal);

    /// <summary>Decodes a signature into the type handles it names (generic arguments, array elements, pointers…).</summary>
    private sealed class Provider : ISignatureTypeProvider<ImmutableArray<EntityHandle>, object?>
    {
        public static readonly Provider Instance = new();
        private static readonly ImmutableArray<EntityHandle> None = [];
        public ImmutableArray<EntityHandle> GetArrayType(ImmutableArray<EntityHandle> element, ArrayShape shape) => element;
        public ImmutableArray<EntityHandle> GetByReferenceType(ImmutableArray<EntityHandle> element) => element;
        public ImmutableArray<EntityHandle> GetPointerType(ImmutableArray<EntityHandle> element) => element;
        public ImmutableArray<EntityHandle> GetPinnedType(ImmutableArray<EntityHandle> element) => element;
        public ImmutableArray<EntityHandle> GetSZArrayType(ImmutableArray<EntityHandle> element) => element;
        public ImmutableArray<EntityHandle> GetModifiedType(ImmutableArray<EntityHandle> modifier, ImmutableArray<EntityHandle> unmodified,
            bool isRequired) => unmodified;
        public ImmutableArray<EntityHandle> GetGenericInstantiation(ImmutableArray<EntityHandle> generic,
            ImmutableArray<ImmutableArray<EntityHandle>> arguments) =>
            generic.AddRange(arguments.SelectMany(a => a));
        public ImmutableArray<EntityHandle> GetFunctionPointerType(MethodSignature<ImmutableArray<EntityHandle>> signature) =>
            signature.ReturnType.AddRange(signature.ParameterTypes.SelectMany(p => p));
        public ImmutableArray<EntityHandle> GetGenericMethodParameter(object? context, int index) => None;
        public ImmutableArray<EntityHandle> GetGenericTypeParameter(object? context, int index) => None;
        public ImmutableArray<EntityHandle> GetPrimitiveType(PrimitiveTypeCode typeCode) => None;
        public ImmutableArray<EntityHandle> GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) =>
            [handle];
        public ImmutableArray<EntityHandle> GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) =>
            [handle];
        public ImmutableArray<EntityHandle> GetTypeFromSpecification(MetadataReader reader, object? context, TypeSpecificationHandle handle,
            byte rawTypeKind) =>
            reader.GetTypeSpecification(handle).DecodeSignature(this, context);
    }
}
