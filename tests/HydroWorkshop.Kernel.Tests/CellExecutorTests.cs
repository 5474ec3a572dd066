using HydroWorkshop.Common;
using HydroWorkshop.Kernel.Execution;
using Xunit;

namespace HydroWorkshop.Kernel.Tests;

[Collection(KernelCollection.Name)]
public class CellExecutorTests(ExecutorFixture fixture) : IClassFixture<ExecutorFixture>
{
    private readonly CellExecutor executor = fixture.Executor;
    private int cell = Random.Shared.Next(1000, 1_000_000);

    private ExecutionOutcome Run(string code) => executor.Execute(code, cell++);

    [Fact]
    public void Execute_VariablesUsingsAndTypes_CarryOverCells()
    {
        Assert.True(Run("using System.Numerics;\nrecord Reach(double Length);\nvar reachA = new Reach(120.5);").IsSuccess);
        var outcome = Run("reachA.Length * 2 + (double)Complex.One.Real");
        Assert.True(outcome.HasValue);
        Assert.Equal(242.0, outcome.Value);
    }

    [Fact]
    public void Execute_StatementWithoutValue_NoResult()
    {
        var outcome = Run("var nothingShown = 1;");
        Assert.True(outcome.IsSuccess);
        Assert.False(outcome.HasValue);
    }

    [Fact]
    public void Execute_RuntimeException_TracebackNamesCellLineAndStateKept()
    {
        var outcome = executor.Execute("var beforeFailure = 7;\nint zero = 0;\nvar ratio = beforeFailure / zero;", "In[90001]");
        var error = Assert.IsType<CellError>(outcome.Error);
        Assert.Equal("DivideByZeroException", error.Name);
        Assert.Contains(error.Traceback, line => line.Contains("In[90001]", StringComparison.Ordinal) && line.Contains(
            "line 3: var ratio = beforeFailure / zero;", StringComparison.Ordinal));
        Assert.Equal(7, Run("beforeFailure").Value);
    }

    [Fact]
    public void Execute_CompileError_LineColumnAndCaret()
    {
        var outcome = executor.Execute("var fine = 1;\n  missingName + 1", "In[90002]");
        var error = Assert.IsType<CellError>(outcome.Error);
        Assert.Equal("CompilationError", error.Name);
        Assert.Contains("CS0103", error.Value, StringComparison.Ordinal);
        Assert.Contains(error.Traceback, line => line.Contains("In[90002] line 2, column 3", StringComparison.Ordinal));
    }

    [Fact]
    public void Execute_DisplayAndUpdate_SameDisplayId()
    {
        fixture.Sink.Clear();
        Assert.True(Run("var shown = display(HTML(\"<b>epoch 1</b>\"));\nshown.Update(\"epoch 2\");").IsSuccess);
        var outputs = fixture.Sink.Outputs.ToArray();
        Assert.Equal("display_data", outputs[0].Kind);
        Assert.Equal("<b>epoch 1</b>", outputs[0].Data!["text/html"]!.GetValue<string>());
        Assert.Equal("update_display_data", outputs[1].Kind);
        Assert.Equal(outputs[0].DisplayId, outputs[1].DisplayId);
    }

    [Fact]
    public void Execute_LibraryPreReferenced_NoDirectiveNeeded()
    {
        Assert.Equal("ProjectPaths", Run("typeof(ProjectPaths).Name").Value);
    }

    [Fact]
    public void Execute_TimeMagic_PrintsWallTime()
    {
        var writer = new StringWriter();
        var previous = Console.Out;
        Console.SetOut(writer);
        try
        {
            Assert.Equal(3, Run("#!time\n1 + 2").Value);
        }
        finally
        {
            Console.SetOut(previous);
        }
        Assert.StartsWith("Wall time: ", writer.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Execute_MissingNuGetPackage_ErrorNamesLine()
    {
        var error = Run("// first line\n#r \"nuget: No.Such.Package.Here, 1.0.0\"").Error!;
        Assert.Equal("NuGetPackageNotFound", error.Name);
        Assert.Contains("line 2", error.Traceback[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Execute_NuGetReferenceToPreReferencedLibrary_NeedsNoPackageFolder()
    {
        var isolated = new CellExecutor(new RecordingSink(), () => { }, Path.GetTempPath(), new NuGetResolver([]));
        var outcome = isolated.Execute("#r \"nuget: HydroWorkshop\"\n#r \"nuget: TorchSharp, 0.1.0\"\nWorkshopMode.Pick(full: 1, fast: 1)",
            "In[1]");
        Assert.Null(outcome.Error);
        Assert.Equal(1, outcome.Value);
        Assert.Equal("NuGetPackageNotFound", isolated.Execute("#r \"nuget: HydroWorkshop.NotAPackage\"", "In[2]").Error!.Name);
    }

    // The waits below are hang guards (without the interrupt these cells never end), not speed goals.
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);

    private async Task<ExecutionOutcome> RunAndInterrupt(string code)
    {
        var running = Task.Run(() => Run(code));
        // Interrupt only once the cell runs: an interrupt before the cell starts is consumed by the cell's fresh
        // cancellation token (on a loaded machine the task can take longer than any fixed delay to start).
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!executor.IsRunning && !running.IsCompleted && clock.Elapsed < HangGuard) await Task.Delay(20);
        await Task.Delay(200);
        executor.Interrupt();
        Assert.True(await Task.WhenAny(running, Task.Delay(HangGuard)) == running, "the cell did not stop after the interrupt");
        return await running;
    }

    [Fact]
    public async Task Interrupt_CooperativeLoop_KeyboardInterrupt()
    {
        var outcome = await RunAndInterrupt("while (true) { WorkshopCancellation.ThrowIfCancellationRequested(); Thread.Sleep(5); }");
        Assert.Equal("KeyboardInterrupt", outcome.Error!.Name);
        Assert.Equal(2, Run("1 + 1").Value);
    }

    [Fact]
    public async Task Interrupt_BusyLoopWithoutChecks_KeyboardInterruptAndStateKept()
    {
        Assert.True(Run("var beforeBusy = 41;").IsSuccess);
        var outcome = await RunAndInterrupt("long busySpins = 0; while (true) busySpins++;");
        Assert.Equal("KeyboardInterrupt", outcome.Error!.Name);
        Assert.Equal(42, Run("beforeBusy + 1").Value);
        Assert.Equal(true, Run("busySpins > 0").Value);
    }

    [Fact]
    public async Task Interrupt_ThreadSleep_KeyboardInterrupt()
    {
        var outcome = await RunAndInterrupt("Thread.Sleep(600_000);");
        Assert.Equal("KeyboardInterrupt", outcome.Error!.Name);
    }

    [Fact]
    public void Interrupt_NoCellRunning_NextCellWaitsNormally()
    {
        executor.Interrupt();
        Thread.Sleep(2 * CellExecutor.BlockingWaitGrace);
        var outcome = Run("Thread.Sleep(50); 7");
        Assert.True(outcome.IsSuccess, outcome.Error?.Value);
        Assert.Equal(7, outcome.Value);
    }

    [Fact]
    public void Execute_Page_AddsPagerPayload()
    {
        var outcome = Run("Page(\"help\");");
        var payload = Assert.Single(outcome.Payloads);
        Assert.Equal("page", payload["source"]!.GetValue<string>());
    }
}
