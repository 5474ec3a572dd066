using System.Globalization;
using System.Text;

namespace HydroWorkshop.Torch;

// A readable summary: shape, dtype, device and some values, as PyTorch prints them.
public sealed partial class Tensor
{
    private const int MaxPrintedElements = 1000;
    private const int EdgeItems = 3;
    private const long MaxReadForPrinting = 1_000_000;

    /// <summary>e.g. <c>[2, 3] float32 cpu</c> and the values, with "..." beyond 1,000 elements.</summary>
    public override string ToString()
    {
        if (IsDisposed) return "Tensor (disposed)";
        var dims = shape;
        var header = new StringBuilder($"[{string.Join(", ", dims)}] {dtype.PyTorchName()} {device}");
        if (requires_grad) header.Append(" requires_grad");
        var n = numel();
        if (n == 0) return header + "\n[]";
        if (n > MaxReadForPrinting) return header + $"\n({n:N0} elements; values not printed)";
        double[] values;
        using (torch.no_grad())
        using (var asDouble = to(ScalarType.Float64))
            values = asDouble.ToArray<double>();
        var integral = !dtype.IsFloatingPoint();
        var summarise = n > MaxPrintedElements;
        var text = new StringBuilder();
        AppendValues(text, values, dims, 0, 0, integral, summarise, dtype == ScalarType.Bool);
        return header + "\n" + text;
    }

    private static void AppendValues(StringBuilder text, double[] values, long[] dims, int level, long offset, bool integral, bool summarise, bool boolean)
    {
        if (dims.Length == 0)
        {
            text.Append(Format(values[0], integral, boolean));
            return;
        }
        long stride = 1;
        for (var d = level + 1; d < dims.Length; d++) stride *= dims[d];
        var count = dims[level];
        text.Append('[');
        for (long i = 0; i < count; i++)
        {
            if (summarise && count > 2 * EdgeItems && i == EdgeItems)
            {
                text.Append(level == dims.Length - 1 ? "..., " : "...,\n" + new string(' ', level + 1));
                i = count - EdgeItems - 1;
                continue;
            }
            if (level == dims.Length - 1) text.Append(Format(values[offset + i], integral, boolean));
            else AppendValues(text, values, dims, level + 1, offset + i * stride, integral, summarise, boolean);
            if (i < count - 1) text.Append(level == dims.Length - 1 ? ", " : ",\n" + new string(' ', level + 1));
        }
        text.Append(']');
    }

    private static string Format(double value, bool integral, bool boolean) =>
        boolean ? (value != 0 ? "True" : "False")
        : integral ? value.ToString("0", CultureInfo.InvariantCulture)
        : double.IsNaN(value) ? "nan"
        : double.IsInfinity(value) ? (value > 0 ? "inf" : "-inf")
        : Math.Abs(value) >= 1e5 || (value != 0 && Math.Abs(value) < 1e-4)
            ? value.ToString("0.0000e+00", CultureInfo.InvariantCulture)
            : value.ToString("0.0000", CultureInfo.InvariantCulture);
}
