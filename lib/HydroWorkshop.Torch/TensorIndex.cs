namespace HydroWorkshop.Torch;

/// <summary>
/// One entry of a tensor index, as in Python's <c>x[0, 1:3, ..., None, mask]</c>: an integer
/// (selects, removing the dimension), a range or <see cref="Slice"/> (keeps it), <see cref="Ellipsis"/>,
/// <see cref="None"/> (inserts a dimension of size 1) or a tensor (int64 indexes or a bool mask).
/// C# ranges work: <c>x[1..3]</c>, <c>x[^1]</c>, <c>x[.., 0]</c>.
/// </summary>
public readonly struct TensorIndex
{
    internal enum IndexKind { Single, Slice, Ellipsis, None, Tensor }

    internal readonly IndexKind Kind;
    internal readonly long Value;
    internal readonly long? Start;
    internal readonly long? Stop;
    internal readonly long Step;
    internal readonly bool FromEnd;
    internal readonly Tensor? Tensor;

    private TensorIndex(IndexKind kind, long value = 0, long? start = null, long? stop = null, long step = 1, bool fromEnd = false, Tensor? tensor = null)
    {
        Kind = kind;
        Value = value;
        Start = start;
        Stop = stop;
        Step = step;
        FromEnd = fromEnd;
        Tensor = tensor;
    }

    public static TensorIndex Ellipsis => new(IndexKind.Ellipsis);
    public static TensorIndex None => new(IndexKind.None);
    public static TensorIndex Colon => new(IndexKind.Slice);

    /// <summary>Python's <c>start:stop:step</c>; negative values count from the end.</summary>
    public static TensorIndex Slice(long? start = null, long? stop = null, long step = 1) =>
        step > 0 ? new(IndexKind.Slice, start: start, stop: stop, step: step)
                 : throw new ArgumentOutOfRangeException(nameof(step), step, "slice steps must be positive (as in PyTorch)");

    public static TensorIndex Single(long index) => new(IndexKind.Single, value: index);

    public static implicit operator TensorIndex(long index) => Single(index);
    public static implicit operator TensorIndex(int index) => Single(index);
    public static implicit operator TensorIndex(Index index) => new(IndexKind.Single, value: index.Value, fromEnd: index.IsFromEnd);
    public static implicit operator TensorIndex(Tensor tensor) => new(IndexKind.Tensor, tensor: tensor);

    public static implicit operator TensorIndex(Range range)
    {
        // Open ends stay open (null) so they mean "to the end" whatever the size.
        long? start = range.Start.Equals(Index.Start) ? null : range.Start.IsFromEnd ? -range.Start.Value : range.Start.Value;
        long? stop = range.End.Equals(Index.End) ? null : range.End.IsFromEnd ? -range.End.Value : range.End.Value;
        return new(IndexKind.Slice, start: start, stop: stop);
    }
}
