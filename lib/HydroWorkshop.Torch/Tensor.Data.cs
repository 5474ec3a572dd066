using System.Runtime.InteropServices;
using HydroWorkshop.Torch.Native;

namespace HydroWorkshop.Torch;

// Reading values back into C#.
public sealed partial class Tensor
{
    /// <summary>All elements, row-major, as a new array (any device or memory layout).
    /// <typeparamref name="T"/> must match <see cref="dtype"/>: use <c>.to(...)</c> first to convert.</summary>
    public T[] ToArray<T>() where T : unmanaged
    {
        CheckElementType<T>();
        var result = new T[numel()];
        CopyTo<T>(result);
        return result;
    }

    /// <summary>Copies all elements, row-major, into <paramref name="destination"/> (exactly numel long).</summary>
    public unsafe void CopyTo<T>(Span<T> destination) where T : unmanaged
    {
        CheckElementType<T>();
        var bytes = MemoryMarshal.AsBytes(destination);
        fixed (byte* p = bytes)
        {
            NativeMethods.Check(NativeMethods.hw_tensor_copy_to(Handle, p, bytes.Length), "CopyTo");
        }
    }

    /// <summary>Overwrites all elements from row-major <paramref name="source"/> (exactly numel long).</summary>
    public unsafe Tensor CopyFrom<T>(ReadOnlySpan<T> source) where T : unmanaged
    {
        CheckElementType<T>();
        var bytes = MemoryMarshal.AsBytes(source);
        fixed (byte* p = bytes)
        {
            NativeMethods.Check(NativeMethods.hw_tensor_copy_from(Handle, p, bytes.Length), "CopyFrom");
        }
        return this;
    }

    /// <summary>
    /// The elements of a contiguous CPU tensor in place, without a copy. The span is valid only while this
    /// tensor is alive and not resized; writes go straight into the tensor.
    /// </summary>
    public unsafe Span<T> data<T>() where T : unmanaged
    {
        CheckElementType<T>();
        if (!is_contiguous()) throw new InvalidOperationException("data<T>() needs a contiguous tensor; call .contiguous() first");
        var pointer = NativeMethods.hw_tensor_data_ptr(Handle);
        if (pointer == IntPtr.Zero) throw NativeMethods.LastError("data");
        return new Span<T>((void*)pointer, checked((int)numel()));
    }

    /// <summary>The value of a one-element tensor, converted to <typeparamref name="T"/>.</summary>
    public T item<T>() where T : unmanaged
    {
        var n = numel();
        if (n != 1) throw new InvalidOperationException($"item() needs a tensor with one element; this one has {n} (shape [{string.Join(", ", shape)}])");
        var wanted = ScalarTypes.Of<T>();
        if (dtype == wanted) return ToArray<T>()[0];
        using var converted = to(wanted);
        return converted.ToArray<T>()[0];
    }

    public float ToSingle() => item<float>();
    public double ToDouble() => item<double>();
    public long ToInt64() => item<long>();
    public bool ToBoolean() => item<bool>();

    private void CheckElementType<T>() where T : unmanaged
    {
        var wanted = ScalarTypes.Of<T>();
        var actual = dtype;
        if (wanted != actual)
            throw new InvalidOperationException($"this tensor holds {actual.PyTorchName()}, not {typeof(T).Name}; convert with .to(ScalarType.{wanted}) first");
    }
}
