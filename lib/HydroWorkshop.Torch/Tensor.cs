using HydroWorkshop.Torch.Native;

namespace HydroWorkshop.Torch;

/// <summary>
/// A tensor: one owned reference to a libtorch tensor. Dispose it (or create it inside a
/// <see cref="DisposeScope"/>) to free its memory now; the finaliser is only a safety net.
/// Methods and names follow PyTorch (<c>x.sum(1)</c>, <c>x.reshape(2, -1)</c>, <c>x.backward()</c>).
/// The methods live in partial files by family: Tensor.Math, Tensor.Reductions, Tensor.Shape,
/// Tensor.Indexing, Tensor.Autograd, Tensor.Data, Tensor.Format.
/// </summary>
public sealed partial class Tensor : IDisposable
{
    private static long liveCount;
    private static long finalizedCount;
    private IntPtr handle;

    /// <summary>Takes ownership of a handle the shim returned, and joins the current dispose scope.</summary>
    internal Tensor(IntPtr handle)
    {
        if (handle == IntPtr.Zero) throw new ArgumentNullException(nameof(handle));
        this.handle = handle;
        Interlocked.Increment(ref liveCount);
        DisposeScope.Current?.Add(this);
    }

    ~Tensor() => Release(disposing: false);

    /// <summary>
    /// How many tensors were created and not disposed in this process. A tensor the finaliser had to free
    /// was never disposed (a leak): it stays counted, so the count never changes behind a test's back when
    /// the garbage collector runs, and a leak shows as a count above its baseline.
    /// </summary>
    public static long LiveCount => Interlocked.Read(ref liveCount);

    /// <summary>How many undisposed tensors the finaliser has freed (leaks caught by the safety net).</summary>
    public static long FinalizedCount => Interlocked.Read(ref finalizedCount);

    /// <summary>The dispose scope that will dispose this tensor, if any.</summary>
    public DisposeScope? OwningScope { get; internal set; }

    /// <summary>True once disposed: any further use throws <see cref="ObjectDisposedException"/>.</summary>
    public bool IsDisposed => handle == IntPtr.Zero;

    internal IntPtr Handle
    {
        get
        {
            var h = handle;
            return h != IntPtr.Zero
                ? h
                : throw new ObjectDisposedException(nameof(Tensor), "this tensor was disposed (by a using, Dispose() or its dispose scope)");
        }
    }

    public void Dispose()
    {
        Release(disposing: true);
        GC.SuppressFinalize(this);
    }

    private void Release(bool disposing)
    {
        var h = Interlocked.Exchange(ref handle, IntPtr.Zero);
        if (h == IntPtr.Zero) return;
        NativeMethods.hw_tensor_free(h);
        if (disposing) Interlocked.Decrement(ref liveCount);
        else Interlocked.Increment(ref finalizedCount);
    }

    /// <summary>A second tensor object for the same storage and autograd history (like Python's
    /// assigning a tensor to a second name); dispose each independently.</summary>
    public Tensor alias() => new(NativeMethods.CheckHandle(NativeMethods.hw_tensor_alias(Handle), "alias"));

    /// <summary>Keeps this tensor alive past the current dispose scope, handing it to the enclosing one
    /// (or to nobody when there is none).</summary>
    public Tensor MoveToOuterDisposeScope()
    {
        OwningScope?.MoveToOuter(this);
        return this;
    }

    /// <summary>Removes this tensor from every dispose scope: the caller disposes it.</summary>
    public Tensor DetachFromDisposeScope()
    {
        OwningScope?.Detach(this);
        return this;
    }

    // ---- metadata -------------------------------------------------------------------------

    /// <summary>Number of dimensions.</summary>
    public int dim() => Checked(NativeMethods.hw_tensor_dim(Handle), "dim");

    /// <summary>Number of dimensions (TorchSharp's name).</summary>
    public int Dimensions => dim();

    /// <summary>The sizes of every dimension.</summary>
    public unsafe long[] shape
    {
        get
        {
            var sizes = new long[dim()];
            fixed (long* p = sizes) Checked(NativeMethods.hw_tensor_shape(Handle, p, sizes.Length), "shape");
            return sizes;
        }
    }

    /// <summary>The size of dimension <paramref name="dimension"/> (negative counts from the end).</summary>
    public long size(int dimension)
    {
        var sizes = shape;
        var d = dimension < 0 ? dimension + sizes.Length : dimension;
        if (d < 0 || d >= sizes.Length)
            throw new ArgumentOutOfRangeException(nameof(dimension), dimension, $"tensor has {sizes.Length} dimensions");
        return sizes[d];
    }

    /// <summary>Strides in elements.</summary>
    public unsafe long[] stride()
    {
        var strides = new long[dim()];
        fixed (long* p = strides) Checked(NativeMethods.hw_tensor_strides(Handle, p, strides.Length), "stride");
        return strides;
    }

    /// <summary>Total number of elements.</summary>
    public long numel()
    {
        var n = NativeMethods.hw_tensor_numel(Handle);
        return n >= 0 ? n : throw NativeMethods.LastError("numel");
    }

    /// <summary>The element type.</summary>
    public ScalarType dtype => (ScalarType)Checked(NativeMethods.hw_tensor_scalar_type(Handle), "dtype");

    /// <summary>The device the tensor lives on.</summary>
    public unsafe Device device
    {
        get
        {
            int index;
            var type = NativeMethods.hw_tensor_device(Handle, &index);
            return type >= 0 ? new Device((DeviceType)type, index) : throw NativeMethods.LastError("device");
        }
    }

    public bool is_contiguous() => Checked(NativeMethods.hw_tensor_is_contiguous(Handle), "is_contiguous") == 1;

    private static int Checked(int status, string context) =>
        status >= 0 ? status : throw NativeMethods.LastError(context);
}
