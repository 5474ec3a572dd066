using HydroWorkshop.Torch.Native;

namespace HydroWorkshop.Torch;

/// <summary>
/// One argument of an operator call. Converts implicitly from what a schema asks for: a tensor, a number,
/// a bool, an int list, a tensor list, a dtype, a device; <c>null</c> and <see cref="None"/> are None.
/// Numbers are passed as C# typed them, so pass <c>2.0</c> where the schema says <c>float</c>.
/// </summary>
public readonly struct Arg
{
    internal readonly HwValueKind Kind;
    internal readonly long I;
    internal readonly double D;
    internal readonly object? Ref;

    private Arg(HwValueKind kind, long i = 0, double d = 0, object? reference = null)
    {
        Kind = kind;
        I = i;
        D = d;
        Ref = reference;
    }

    /// <summary>None: an omitted optional argument.</summary>
    public static Arg None => default;

    /// <summary>A <c>Tensor?[]</c> argument (e.g. aten::index), null entries being None.</summary>
    public static Arg OptionalTensors(Tensor?[] tensors) => new(HwValueKind.OptionalTensorList, reference: tensors);

    public static implicit operator Arg(Tensor? tensor) => tensor is null ? None : new(HwValueKind.Tensor, reference: tensor);
    public static implicit operator Arg(long value) => new(HwValueKind.Int, i: value);
    public static implicit operator Arg(int value) => new(HwValueKind.Int, i: value);
    public static implicit operator Arg(double value) => new(HwValueKind.Double, d: value);
    public static implicit operator Arg(bool value) => new(HwValueKind.Bool, i: value ? 1 : 0);
    public static implicit operator Arg(long[]? values) => values is null ? None : new(HwValueKind.IntList, reference: values);
    public static implicit operator Arg(double[]? values) => values is null ? None : new(HwValueKind.DoubleList, reference: values);
    public static implicit operator Arg(bool[]? values) =>
        values is null ? None : new(HwValueKind.BoolList, reference: Array.ConvertAll(values, v => v ? (byte)1 : (byte)0));
    public static implicit operator Arg(Tensor[]? tensors) => tensors is null ? None : new(HwValueKind.TensorList, reference: tensors);
    public static implicit operator Arg(ScalarType type) => new(HwValueKind.Int, i: (long)type);
    public static implicit operator Arg(ScalarType? type) => type is null ? None : new(HwValueKind.Int, i: (long)type.Value);
    public static implicit operator Arg(Device device) => new(HwValueKind.Device, i: (long)device.Type, d: device.Index);
    public static implicit operator Arg(Device? device) => device is null ? None : (Arg)device.Value;
    public static implicit operator Arg(string? text) => text is null ? None : new(HwValueKind.String, reference: text);
    public static implicit operator Arg(torch.Generator? generator) =>
        generator is null ? None : new(HwValueKind.Generator, reference: generator);
}
