namespace HydroWorkshop.Torch;

/// <summary>What kind of error libtorch (or the shim) raised; mirrors <c>hw_error_kind</c>.</summary>
public enum TorchErrorKind
{
    None = 0,
    Generic = 1,
    Index = 2,
    Value = 3,
    Type = 4,
    NotImplemented = 5,
    Argument = 6,
}

/// <summary>
/// An error raised inside libtorch, carrying libtorch's own message (without the C++ backtrace).
/// The process and every other tensor stay valid; catching it is safe.
/// </summary>
public sealed class TorchException : Exception
{
    public TorchException(TorchErrorKind kind, string message, string context)
        : base(string.IsNullOrEmpty(context) || message.StartsWith(context, StringComparison.Ordinal) ? message : $"{context}: {message}")
    {
        Kind = kind;
        TorchMessage = message;
        Context = context;
    }

    /// <summary>The kind of error: an index out of range, a bad value, a type (dtype) error, ...</summary>
    public TorchErrorKind Kind { get; }

    /// <summary>libtorch's message as it raised it.</summary>
    public string TorchMessage { get; }

    /// <summary>The operator or call that failed, e.g. <c>aten::matmul</c>.</summary>
    public string Context { get; }
}
