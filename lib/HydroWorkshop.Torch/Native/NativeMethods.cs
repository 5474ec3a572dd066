using System.Runtime.InteropServices;

namespace HydroWorkshop.Torch.Native;

/// <summary>One argument to, or result of, a boxed operator call: <c>hw_value</c> in hydroworkshop.h (32 bytes).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct HwValue
{
    public HwValueKind Kind;
    public int Count;
    public long I;
    public double D;
    public IntPtr P;
}

internal enum HwValueKind
{
    None = 0,
    Tensor = 1,
    Int = 2,
    Double = 3,
    Bool = 4,
    IntList = 5,
    DoubleList = 6,
    BoolList = 7,
    TensorList = 8,
    OptionalTensorList = 9,
    String = 10,
    Device = 11,
    Generator = 12,
}

/// <summary>The shim's exports (lib/native/include/hydroworkshop.h), one line each.</summary>
internal static partial class NativeMethods
{
    internal const string Library = "hwtorch";

    // errors
    [DllImport(Library)] internal static extern IntPtr hw_error_last();
    [DllImport(Library)] internal static extern int hw_error_kind();
    [DllImport(Library)] internal static extern void hw_error_clear();

    // runtime
    [DllImport(Library)] internal static extern IntPtr hw_runtime_version();
    [DllImport(Library)] internal static extern int hw_runtime_abi_version();
    [DllImport(Library)] internal static extern IntPtr hw_runtime_library_path();
    [DllImport(Library)] internal static extern IntPtr hw_runtime_config();
    [DllImport(Library)] internal static extern int hw_runtime_threads_get();
    [DllImport(Library)] internal static extern int hw_runtime_threads_set(int n);
    [DllImport(Library)] internal static extern int hw_runtime_blas_threads_set(int n);
    [DllImport(Library)] internal static extern int hw_runtime_cuda_compiled();
    [DllImport(Library)] internal static extern int hw_runtime_cuda_device_count();
    [DllImport(Library)] internal static extern int hw_runtime_manual_seed(ulong seed);
    [DllImport(Library)] internal static extern int hw_runtime_tf32_get(int backend);
    [DllImport(Library)] internal static extern int hw_runtime_tf32_set(int backend, int allowed);
    [DllImport(Library)] internal static extern void hw_string_free(IntPtr s);

    // generators
    [DllImport(Library)] internal static extern IntPtr hw_generator_new(ulong seed, int deviceType, int deviceIndex);
    [DllImport(Library)] internal static extern int hw_generator_seed(IntPtr generator, ulong seed);
    [DllImport(Library)] internal static extern void hw_generator_free(IntPtr generator);

    // tensors
    [DllImport(Library)] internal static extern unsafe IntPtr hw_tensor_from_data(void* data, long nbytes, long* shape, int ndim, int scalarType);
    [DllImport(Library)] internal static extern IntPtr hw_tensor_alias(IntPtr tensor);
    [DllImport(Library)] internal static extern void hw_tensor_free(IntPtr tensor);
    [DllImport(Library)] internal static extern int hw_tensor_dim(IntPtr tensor);
    [DllImport(Library)] internal static extern unsafe int hw_tensor_shape(IntPtr tensor, long* sizes, int capacity);
    [DllImport(Library)] internal static extern unsafe int hw_tensor_strides(IntPtr tensor, long* strides, int capacity);
    [DllImport(Library)] internal static extern long hw_tensor_numel(IntPtr tensor);
    [DllImport(Library)] internal static extern int hw_tensor_scalar_type(IntPtr tensor);
    [DllImport(Library)] internal static extern unsafe int hw_tensor_device(IntPtr tensor, int* deviceIndex);
    [DllImport(Library)] internal static extern int hw_tensor_is_contiguous(IntPtr tensor);
    [DllImport(Library)] internal static extern IntPtr hw_tensor_data_ptr(IntPtr tensor);
    [DllImport(Library)] internal static extern unsafe int hw_tensor_copy_to(IntPtr tensor, void* destination, long nbytes);
    [DllImport(Library)] internal static extern int hw_tensor_set_data(IntPtr tensor, IntPtr data);
    [DllImport(Library)] internal static extern unsafe int hw_tensor_copy_from(IntPtr tensor, void* source, long nbytes);

    // autograd
    [DllImport(Library)] internal static extern int hw_tensor_requires_grad(IntPtr tensor);
    [DllImport(Library)] internal static extern int hw_tensor_set_requires_grad(IntPtr tensor, int requiresGrad);
    [DllImport(Library)] internal static extern int hw_tensor_is_leaf(IntPtr tensor);
    [DllImport(Library)] internal static extern int hw_tensor_grad(IntPtr tensor, out IntPtr grad);
    [DllImport(Library)] internal static extern int hw_tensor_set_grad(IntPtr tensor, IntPtr grad);
    [DllImport(Library)] internal static extern int hw_autograd_backward(IntPtr tensor, IntPtr gradient, int retainGraph, int createGraph);
    [DllImport(Library)] internal static extern unsafe int hw_autograd_grad(IntPtr output, IntPtr gradOutput, IntPtr* inputs, int n, IntPtr* grads, int retainGraph, int createGraph, int allowUnused);
    [DllImport(Library)] internal static extern int hw_autograd_is_enabled();
    [DllImport(Library)] internal static extern void hw_autograd_set_enabled(int enabled);

    // operators
    [DllImport(Library, CharSet = CharSet.Ansi, BestFitMapping = false)] internal static extern IntPtr hw_op_find(string name, string overload);
    [DllImport(Library)] internal static extern void hw_op_free(IntPtr op);
    [DllImport(Library)] internal static extern IntPtr hw_op_schema(IntPtr op);
    [DllImport(Library)] internal static extern int hw_op_argument_count(IntPtr op);
    [DllImport(Library)] internal static extern unsafe int hw_op_call(IntPtr op, HwValue* args, int nargs, HwValue* results, int capacity);
    [DllImport(Library)] internal static extern void hw_tensor_array_free(IntPtr array);

    /// <summary>Throws the shim's last error on this thread as a <see cref="TorchException"/>.</summary>
    internal static Exception LastError(string context)
    {
        var message = Marshal.PtrToStringUTF8(hw_error_last()) ?? "unknown error";
        var kind = (TorchErrorKind)hw_error_kind();
        hw_error_clear();
        return new TorchException(kind, message, context);
    }

    internal static void Check(int status, string context)
    {
        if (status < 0) throw LastError(context);
    }

    internal static IntPtr CheckHandle(IntPtr handle, string context) =>
        handle != IntPtr.Zero ? handle : throw LastError(context);

    /// <summary>Reads and frees a string the shim allocated.</summary>
    internal static string TakeString(IntPtr s, string context)
    {
        if (s == IntPtr.Zero) throw LastError(context);
        try { return Marshal.PtrToStringUTF8(s) ?? ""; }
        finally { hw_string_free(s); }
    }
}
