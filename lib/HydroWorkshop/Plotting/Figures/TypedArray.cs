using System.Runtime.InteropServices;

namespace HydroWorkshop.Plotting;

/// <summary>
/// A numeric array sent to plotly.js as a base64 typed array (<c>{dtype, bdata, shape}</c>, plotly.js 2.28+):
/// about 1.33 bytes of JSON per byte of data instead of 5 to 20 characters per number in text. Shape is
/// row-major, e.g. <c>[y, x]</c> for a heatmap's <c>z</c>.
/// </summary>
public sealed class TypedArray
{
    private TypedArray(string dtype, byte[] bytes, int[] shape)
    {
        DType = dtype;
        Bytes = bytes;
        Shape = shape;
    }

    /// <summary>plotly.js dtype: <c>f4</c>, <c>f8</c>, <c>u1</c>, <c>i1</c>, <c>u2</c>, <c>i2</c>, <c>i4</c>.</summary>
    public string DType { get; }

    /// <summary>The little-endian element bytes.</summary>
    public byte[] Bytes { get; }

    /// <summary>Row-major shape (product = element count).</summary>
    public int[] Shape { get; }

    /// <summary>Element count.</summary>
    public int Length => Shape.Aggregate(1, (a, b) => a * b);

    /// <summary>Exact float32 values (NaN stays NaN, which plotly draws as a gap).</summary>
    public static TypedArray Float32(ReadOnlySpan<float> values, params int[] shape) =>
        new("f4", MemoryMarshal.AsBytes(values).ToArray(), CheckShape(values.Length, shape));

    /// <summary>Exact float64 values.</summary>
    public static TypedArray Float64(ReadOnlySpan<double> values, params int[] shape) =>
        new("f8", MemoryMarshal.AsBytes(values).ToArray(), CheckShape(values.Length, shape));

    /// <summary>Unsigned bytes (quantised levels).</summary>
    public static TypedArray UInt8(byte[] values, params int[] shape) => new("u1", values, CheckShape(values.Length, shape));

    /// <summary>Signed bytes (quantised signed levels).</summary>
    public static TypedArray Int8(sbyte[] values, params int[] shape) =>
        new("i1", MemoryMarshal.AsBytes(values.AsSpan()).ToArray(), CheckShape(values.Length, shape));

    /// <summary>The base64 text of <see cref="Bytes"/> (what goes into <c>bdata</c>).</summary>
    public string ToBase64() => Convert.ToBase64String(Bytes);

    private static int[] CheckShape(int length, int[] shape)
    {
        if (shape.Length == 0) return [length];
        if (shape.Length > 3) throw new ArgumentException($"plotly.js typed arrays have at most 3 dimensions, got {shape.Length}",
            nameof(shape));
        var product = shape.Aggregate(1, (a, b) => a * b);
        if (product != length)
            throw new ArgumentException($"shape [{string.Join(", ", shape)}] holds {product} values but {length} were given",
                nameof(shape));
        return shape;
    }
}
