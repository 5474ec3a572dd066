using static TorchSharp.torch;

namespace HydroWorkshop.Checkpoints;

/// <summary>The safetensors names of element types ("F32", "I64", "BOOL", ...).</summary>
public static class SafeTensorsDType
{
    private static readonly (string Name, ScalarType Type)[] Table =
    [
        ("F64", ScalarType.Float64), ("F32", ScalarType.Float32), ("F16", ScalarType.Float16), ("BF16", ScalarType.BFloat16),
        ("I64", ScalarType.Int64), ("I32", ScalarType.Int32), ("I16", ScalarType.Int16), ("I8", ScalarType.Int8),
        ("U8", ScalarType.Byte), ("BOOL", ScalarType.Bool),
    ];

    /// <summary>The safetensors name of <paramref name="type"/>.</summary>
    public static string NameOf(ScalarType type)
    {
        foreach (var (name, t) in Table) if (t == type) return name;
        throw new NotSupportedException($"safetensors has no element type for {type}");
    }

    /// <summary>The element type of a safetensors name; null when unknown.</summary>
    public static ScalarType? Parse(string name)
    {
        foreach (var (n, t) in Table) if (n == name) return t;
        return null;
    }

    /// <summary>The names this library reads.</summary>
    public static IEnumerable<string> Names => Table.Select(e => e.Name);
}
