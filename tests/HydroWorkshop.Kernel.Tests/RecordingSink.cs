using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using HydroWorkshop.Kernel.Display;
using Xunit;

namespace HydroWorkshop.Kernel.Tests;

/// <summary>Collects a cell's outputs in place of the IOPub channel.</summary>
public sealed class RecordingSink : IOutputSink
{
    public ConcurrentQueue<(string Kind, string? Name, JsonObject? Data, string? DisplayId, string? Text)> Outputs { get; } = new();

    public void Stream(string name, string text) => Outputs.Enqueue(("stream", name, null, null, text));

    public void DisplayData(JsonObject data, string? displayId, bool update) =>
        Outputs.Enqueue((update ? "update_display_data" : "display_data", null, data, displayId, null));

    public void ClearOutput(bool wait) => Outputs.Enqueue(("clear_output", null, null, null, null));

    public void Clear() => Outputs.Clear();
}

/// <summary>Tests that use the process-wide state (Console, the ambient cancellation token) run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class KernelCollection
{
    public const string Name = "kernel (process-wide state)";
}

/// <summary>One warmed-up executor shared by a test class (Roslyn's first compilation takes seconds).</summary>
public sealed class ExecutorFixture
{
    public ExecutorFixture()
    {
        Executor = new HydroWorkshop.Kernel.Execution.CellExecutor(Sink, () => { }, Path.GetTempPath());
        Executor.WaitUntilWarm();
    }

    public RecordingSink Sink { get; } = new();

    public HydroWorkshop.Kernel.Execution.CellExecutor Executor { get; }
}
