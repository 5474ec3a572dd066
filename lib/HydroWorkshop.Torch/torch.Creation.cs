using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using HydroWorkshop.Torch.Native;

namespace HydroWorkshop.Torch;

/// <summary>
/// PyTorch's <c>torch</c> namespace: creation, maths on several tensors, random numbers, devices and
/// threads. Use it as <c>using static HydroWorkshop.Torch.torch;</c> to write <c>zeros(2, 3)</c>.
/// Defaults as in PyTorch: float32, on the CPU, no gradient.
/// </summary>
public static partial class torch
{
    public const ScalarType float32 = ScalarType.Float32;
    public const ScalarType float64 = ScalarType.Float64;
    public const ScalarType float16 = ScalarType.Float16;
    public const ScalarType int64 = ScalarType.Int64;
    public const ScalarType int32 = ScalarType.Int32;
    public const ScalarType uint8 = ScalarType.Byte;
    public const ScalarType @bool = ScalarType.Bool;

    /// <summary>The CPU, for <c>.to(CPU)</c>.</summary>
    public static Device CPU => Device.Cpu;

    /// <summary>The first CUDA device.</summary>
    public static Device CUDA => Device.Cuda(0);

    /// <summary>A device from PyTorch's spelling: <c>device("cuda:1")</c>.</summary>
    public static Device device(string name) => Device.Parse(name);

    /// <summary>Opens a dispose scope: tensors created on this thread until it is disposed are freed with it.</summary>
    public static DisposeScope NewDisposeScope() => new();

    // ---- from C# data (copied) -------------------------------------------------------------

    /// <summary>A tensor holding a copy of <paramref name="data"/> with the given shape (default: 1-D).</summary>
    public static Tensor tensor<T>(ReadOnlySpan<T> data, long[] shape, Device? device = null, bool requires_grad = false)
        where T : unmanaged
    {
        var type = ScalarTypes.Of<T>();
        var bytes = MemoryMarshal.AsBytes(data);
        var result = FromBytes(bytes, shape, type);
        return Finish(result, null, device, requires_grad);
    }

    public static Tensor tensor(float[] data, long[]? shape = null, Device? device = null, bool requires_grad = false) =>
        tensor<float>(data, shape ?? [data.LongLength], device, requires_grad);

    public static Tensor tensor(double[] data, long[]? shape = null, Device? device = null, bool requires_grad = false) =>
        tensor<double>(data, shape ?? [data.LongLength], device, requires_grad);

    public static Tensor tensor(long[] data, long[]? shape = null, Device? device = null) =>
        tensor<long>(data, shape ?? [data.LongLength], device);

    public static Tensor tensor(int[] data, long[]? shape = null, Device? device = null) =>
        tensor<int>(data, shape ?? [data.LongLength], device);

    public static Tensor tensor(bool[] data, long[]? shape = null, Device? device = null) =>
        tensor<bool>(data, shape ?? [data.LongLength], device);

    /// <summary>A 0-dimensional tensor; its dtype is the C# type's (float32 for float, float64 for double).</summary>
    public static Tensor tensor(float value, bool requires_grad = false) => tensor<float>([value], [], null, requires_grad);
    public static Tensor tensor(double value, bool requires_grad = false) => tensor<double>([value], [], null, requires_grad);
    public static Tensor tensor(long value) => tensor<long>([value], []);
    public static Tensor tensor(bool value) => tensor<bool>([value], []);

    /// <summary>A tensor from a rectangular C# array of any rank (<c>float[,]</c>, <c>double[,,]</c>, ...),
    /// keeping its shape.</summary>
    public static Tensor from_array(Array array, Device? device = null, bool requires_grad = false)
    {
        ArgumentNullException.ThrowIfNull(array);
        var type = Type.GetTypeCode(array.GetType().GetElementType()) switch
        {
            TypeCode.Single => ScalarType.Float32,
            TypeCode.Double => ScalarType.Float64,
            TypeCode.Int64 => ScalarType.Int64,
            TypeCode.Int32 => ScalarType.Int32,
            TypeCode.Int16 => ScalarType.Int16,
            TypeCode.SByte => ScalarType.Int8,
            TypeCode.Byte => ScalarType.Byte,
            TypeCode.Boolean => ScalarType.Bool,
            _ => throw new ArgumentException($"arrays of {array.GetType().GetElementType()?.Name} cannot become tensors", nameof(array)),
        };
        var shape = new long[array.Rank];
        for (var d = 0; d < array.Rank; d++) shape[d] = array.GetLongLength(d);
        var bytes = MemoryMarshal.CreateReadOnlySpan(ref MemoryMarshal.GetArrayDataReference(array), checked((int)(array.LongLength * type.ElementSize())));
        return Finish(FromBytes(bytes, shape, type), null, device, requires_grad);
    }

    private static unsafe Tensor FromBytes(ReadOnlySpan<byte> bytes, ReadOnlySpan<long> shape, ScalarType type)
    {
        long numel = 1;
        foreach (var s in shape)
        {
            if (s < 0) throw new ArgumentException($"shape [{string.Join(", ", shape.ToArray())}] has a negative size", nameof(shape));
            numel *= s;
        }
        if (numel * type.ElementSize() != bytes.Length)
            throw new ArgumentException(
                $"{bytes.Length / type.ElementSize()} values cannot fill shape [{string.Join(", ", shape.ToArray())}] ({numel} elements)", nameof(shape));
        fixed (byte* data = bytes)
        fixed (long* dims = shape)
        {
            var handle = NativeMethods.hw_tensor_from_data(data, bytes.Length, dims, shape.Length, (int)type);
            return new Tensor(NativeMethods.CheckHandle(handle, "tensor"));
        }
    }

    /// <summary>Applies dtype, device and requires_grad to a freshly created tensor.</summary>
    private static Tensor Finish(Tensor created, ScalarType? dtype, Device? device, bool requires_grad)
    {
        var result = created;
        if (dtype is not null && result.dtype != dtype) result = Replace(result, result.to(dtype.Value));
        if (device is not null && result.device != device) result = Replace(result, result.to(device.Value));
        if (requires_grad) result.requires_grad_();
        return result;
    }

    private static Tensor Replace(Tensor old, Tensor replacement)
    {
        old.Dispose();
        return replacement;
    }

    // ---- filled -------------------------------------------------------------------------------

    public static Tensor zeros(params long[] size) => zeros(size, null);
    public static Tensor zeros(long[] size, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) =>
        Finish(Ops.zeros.Call(size, dtype, Arg.None, device), null, null, requires_grad);

    public static Tensor ones(params long[] size) => ones(size, null);
    public static Tensor ones(long[] size, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) =>
        Finish(Ops.ones.Call(size, dtype, Arg.None, device), null, null, requires_grad);

    /// <summary>Uninitialised memory: fast, and every value must be written before it is read.</summary>
    public static Tensor empty(long[] size, ScalarType? dtype = null, Device? device = null) =>
        Ops.empty.Call(size, dtype, Arg.None, device);

    public static Tensor full(long[] size, double value, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) =>
        Finish(Ops.full.Call(size, value, dtype ?? ScalarType.Float32, Arg.None, device), null, null, requires_grad);

    public static Tensor zeros_like(Tensor like, ScalarType? dtype = null) => Ops.zeros_like.Call(like, dtype);
    public static Tensor ones_like(Tensor like, ScalarType? dtype = null) => Ops.ones_like.Call(like, dtype);
    public static Tensor full_like(Tensor like, double value, ScalarType? dtype = null) => Ops.full_like.Call(like, value, dtype);

    /// <summary>The identity matrix [n, n].</summary>
    public static Tensor eye(long n, ScalarType? dtype = null, Device? device = null) => Ops.eye.Call(n, dtype, Arg.None, device);

    /// <summary>Values from start to end (exclusive) by step; int64 when all three are whole numbers, as in PyTorch.</summary>
    public static Tensor arange(long end) => Ops.arange.Call(0L, end, 1L);
    public static Tensor arange(long start, long end, long step = 1, ScalarType? dtype = null, Device? device = null) =>
        Ops.arange.Call(start, end, step, dtype, Arg.None, device);
    public static Tensor arange(double start, double end, double step = 1, ScalarType? dtype = null, Device? device = null) =>
        Ops.arange.Call(start, end, step, dtype, Arg.None, device);

    /// <summary><paramref name="steps"/> evenly spaced values from start to end inclusive.</summary>
    public static Tensor linspace(double start, double end, long steps, ScalarType? dtype = null, Device? device = null) =>
        Ops.linspace.Call(start, end, steps, dtype, Arg.None, device);

    // ---- random --------------------------------------------------------------------------------

    /// <summary>Uniform on [0, 1).</summary>
    public static Tensor rand(params long[] size) => rand(size, null);
    public static Tensor rand(long[] size, ScalarType? dtype = null, Device? device = null, Generator? generator = null, bool requires_grad = false) =>
        Finish(generator is null ? Ops.rand.Call(size, dtype, Arg.None, device) : Ops.rand_generator.Call(size, generator, dtype, Arg.None, device),
            null, null, requires_grad);

    /// <summary>Standard normal.</summary>
    public static Tensor randn(params long[] size) => randn(size, null);
    public static Tensor randn(long[] size, ScalarType? dtype = null, Device? device = null, Generator? generator = null, bool requires_grad = false) =>
        Finish(generator is null ? Ops.randn.Call(size, dtype, Arg.None, device) : Ops.randn_generator.Call(size, generator, dtype, Arg.None, device),
            null, null, requires_grad);

    /// <summary>Integers uniform on [low, high), int64.</summary>
    public static Tensor randint(long low, long high, long[] size, Device? device = null, Generator? generator = null) =>
        generator is null
            ? Ops.randint.Call(low, high, size, ScalarType.Int64, Arg.None, device)
            : Ops.randint_generator.Call(low, high, size, generator, ScalarType.Int64, Arg.None, device);

    /// <summary>A random permutation of 0..n-1, int64 (e.g. to shuffle samples each epoch).</summary>
    public static Tensor randperm(long n, Device? device = null, Generator? generator = null) =>
        generator is null
            ? Ops.randperm.Call(n, ScalarType.Int64, Arg.None, device)
            : Ops.randperm_generator.Call(n, generator, ScalarType.Int64, Arg.None, device);

    /// <summary>Seeds the default generators of the CPU and of every CUDA device: the same seed gives the
    /// same numbers (bitwise, on the CPU).</summary>
    public static void manual_seed(ulong seed) =>
        NativeMethods.Check(NativeMethods.hw_runtime_manual_seed(seed), "manual_seed");

    /// <summary>A random-number generator with its own state, for reproducible streams independent of the
    /// global seed (CPU).</summary>
    public sealed class Generator : IDisposable
    {
        private IntPtr handle;

        public Generator(ulong seed)
        {
            handle = NativeMethods.CheckHandle(NativeMethods.hw_generator_new(seed, (int)DeviceType.CPU, -1), "Generator");
        }

        ~Generator() => Release();

        internal IntPtr Handle => handle != IntPtr.Zero ? handle : throw new ObjectDisposedException(nameof(Generator));

        public Generator manual_seed(ulong seed)
        {
            NativeMethods.Check(NativeMethods.hw_generator_seed(Handle, seed), "Generator.manual_seed");
            return this;
        }

        public void Dispose()
        {
            Release();
            GC.SuppressFinalize(this);
        }

        private void Release()
        {
            var h = Interlocked.Exchange(ref handle, IntPtr.Zero);
            if (h != IntPtr.Zero) NativeMethods.hw_generator_free(h);
        }
    }

}
