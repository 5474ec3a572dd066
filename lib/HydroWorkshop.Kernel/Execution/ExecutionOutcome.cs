using System.Text.Json.Nodes;

namespace HydroWorkshop.Kernel.Execution;

/// <summary>What a cell produced: a value to show (when <see cref="HasValue"/>) or an error.</summary>
public sealed record ExecutionOutcome
{
    public bool HasValue { get; init; }
    public object? Value { get; init; }
    public CellError? Error { get; init; }
    public IReadOnlyList<JsonObject> Payloads { get; init; } = [];
    public bool IsSuccess => Error is null;
}

/// <summary>A Jupyter <c>error</c>: exception name, message and a readable traceback (lines may hold ANSI colours).</summary>
public sealed record CellError(string Name, string Value, IReadOnlyList<string> Traceback);
