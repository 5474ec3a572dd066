using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using HydroWorkshop.Torch.Native;

namespace HydroWorkshop.Torch;

/// <summary>
/// An ATen operator reached by name through libtorch's dispatcher, e.g. <c>new Operator("aten::add", "Tensor")</c>.
/// Every method of <see cref="Tensor"/> is one of these; <see cref="torch.ops"/> reaches the rest, so any
/// operator libtorch has can be called from C#. Arguments follow the schema (<see cref="Schema"/>); trailing
/// arguments with defaults may be left out. Resolved on first use, then cached.
/// </summary>
public sealed class Operator
{
    private static readonly ConcurrentDictionary<string, Operator> ByName = new();
    private IntPtr handle;

    public Operator(string name, string overload = "")
    {
        Name = name;
        Overload = overload;
    }

    /// <summary>e.g. <c>aten::add</c>.</summary>
    public string Name { get; }

    /// <summary>e.g. <c>Tensor</c>; empty for the default overload.</summary>
    public string Overload { get; }

    /// <summary>The full name, <c>aten::add.Tensor</c>.</summary>
    public string QualifiedName => Overload.Length == 0 ? Name : $"{Name}.{Overload}";

    /// <summary>The operator's schema as libtorch states it.</summary>
    public string Schema => NativeMethods.TakeString(NativeMethods.hw_op_schema(Handle), QualifiedName);

    /// <summary>The cached operator for <c>"aten::name.overload"</c>.</summary>
    public static Operator Get(string qualifiedName) => ByName.GetOrAdd(qualifiedName, static q =>
    {
        var dot = q.IndexOf('.', q.IndexOf("::", StringComparison.Ordinal) + 2);
        var op = dot < 0 ? new Operator(q) : new Operator(q[..dot], q[(dot + 1)..]);
        _ = op.Handle; // fail here, with the name, when libtorch has no such operator
        return op;
    });

    internal IntPtr Handle
    {
        get
        {
            var h = handle;
            if (h != IntPtr.Zero) return h;
            h = NativeMethods.CheckHandle(NativeMethods.hw_op_find(Name, Overload), QualifiedName);
            var previous = Interlocked.CompareExchange(ref handle, h, IntPtr.Zero);
            if (previous == IntPtr.Zero) return h;
            NativeMethods.hw_op_free(h);
            return previous;
        }
    }

    /// <summary>Calls an operator that returns one tensor.</summary>
    public Tensor Call(params ReadOnlySpan<Arg> args)
    {
        Span<HwValue> results = stackalloc HwValue[4];
        var n = Invoke(args, results);
        if (n == 1 && results[0].Kind == HwValueKind.Tensor) return new Tensor(results[0].P);
        Release(results[..n]);
        throw new InvalidOperationException($"{QualifiedName} returned {n} values, not one tensor");
    }

    /// <summary>Calls an operator that returns several tensors, or a list of tensors.</summary>
    public Tensor[] CallMany(params ReadOnlySpan<Arg> args)
    {
        Span<HwValue> results = stackalloc HwValue[8];
        var n = Invoke(args, results);
        if (n == 1 && results[0].Kind == HwValueKind.TensorList) return TakeList(results[0]);
        var tensors = new Tensor[n];
        for (var k = 0; k < n; k++)
        {
            if (results[k].Kind != HwValueKind.Tensor)
            {
                for (var j = 0; j < k; j++) tensors[j].Dispose();
                Release(results[k..n]);
                throw new InvalidOperationException($"{QualifiedName} result {k} is not a tensor");
            }
            tensors[k] = new Tensor(results[k].P);
        }
        return tensors;
    }

    /// <summary>Calls an in-place operator and drops the alias of <c>self</c> it returns.</summary>
    internal void CallInPlace(params ReadOnlySpan<Arg> args)
    {
        Span<HwValue> results = stackalloc HwValue[2];
        var n = Invoke(args, results);
        Release(results[..n]);
    }

    internal unsafe int Invoke(ReadOnlySpan<Arg> args, Span<HwValue> results)
    {
        var op = Handle;
        var n = args.Length;
        var native = stackalloc HwValue[n];
        var pins = new List<GCHandle>();
        var strings = new List<IntPtr>();
        try
        {
            for (var k = 0; k < n; k++) native[k] = ToNative(args[k], pins, strings);
            int count;
            fixed (HwValue* output = results)
            {
                count = NativeMethods.hw_op_call(op, native, n, output, results.Length);
            }
            if (count < 0) throw NativeMethods.LastError(QualifiedName);
            return count;
        }
        finally
        {
            foreach (var pin in pins) pin.Free();
            foreach (var s in strings) Marshal.FreeCoTaskMem(s);
            for (var k = 0; k < n; k++) GC.KeepAlive(args[k].Ref);
        }
    }

    private static HwValue ToNative(in Arg arg, List<GCHandle> pins, List<IntPtr> strings)
    {
        var value = new HwValue { Kind = arg.Kind, I = arg.I, D = arg.D };
        switch (arg.Kind)
        {
            case HwValueKind.Tensor:
                value.P = ((Tensor)arg.Ref!).Handle;
                break;
            case HwValueKind.IntList or HwValueKind.DoubleList or HwValueKind.BoolList:
                var array = (Array)arg.Ref!;
                value.Count = array.Length;
                value.P = Pin(array, pins);
                break;
            case HwValueKind.TensorList or HwValueKind.OptionalTensorList:
                var tensors = (Tensor?[])arg.Ref!;
                var handles = new IntPtr[tensors.Length];
                for (var k = 0; k < tensors.Length; k++) handles[k] = tensors[k]?.Handle ?? IntPtr.Zero;
                value.Count = handles.Length;
                value.P = Pin(handles, pins);
                break;
            case HwValueKind.String:
                value.P = Marshal.StringToCoTaskMemUTF8((string)arg.Ref!);
                strings.Add(value.P);
                break;
            case HwValueKind.Device:
                value.Count = (int)arg.D;
                value.D = 0;
                break;
            case HwValueKind.Generator:
                value.P = ((torch.Generator)arg.Ref!).Handle;
                break;
        }
        return value;
    }

    private static IntPtr Pin(Array array, List<GCHandle> pins)
    {
        var pin = GCHandle.Alloc(array, GCHandleType.Pinned);
        pins.Add(pin);
        return pin.AddrOfPinnedObject();
    }

    private static unsafe Tensor[] TakeList(HwValue list)
    {
        var handles = (IntPtr*)list.P;
        var tensors = new Tensor[list.Count];
        for (var k = 0; k < list.Count; k++) tensors[k] = new Tensor(handles[k]);
        NativeMethods.hw_tensor_array_free(list.P);
        return tensors;
    }

    private static unsafe void Release(Span<HwValue> results)
    {
        foreach (ref var r in results)
        {
            if (r.Kind == HwValueKind.Tensor) NativeMethods.hw_tensor_free(r.P);
            if (r.Kind == HwValueKind.TensorList)
            {
                var handles = (IntPtr*)r.P;
                for (var k = 0; k < r.Count; k++) NativeMethods.hw_tensor_free(handles[k]);
                NativeMethods.hw_tensor_array_free(r.P);
            }
            r = default;
        }
    }

    public override string ToString() => QualifiedName;
}
