using System.Collections.Immutable;
using System.Diagnostics;
using System.Text.Json.Nodes;
using HydroWorkshop.Common;
using HydroWorkshop.Kernel.Display;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;

namespace HydroWorkshop.Kernel.Execution;

/// <summary>
/// Runs cells as one continuing Roslyn script: variables, usings and types of earlier cells stay in scope.
/// Compile errors leave the state as it was; a run-time exception is reported and the state keeps what ran
/// before it. The kernel calls it from one thread (the shell thread).
/// </summary>
public sealed class CellExecutor
{
    private readonly ScriptOptions baseOptions;
    private readonly NuGetResolver nuget;
    private readonly List<JsonObject> payloads = [];
    private readonly Dictionary<string, string[]> cellSources = new(StringComparer.Ordinal);
    private readonly Task warmUp;
    private readonly ScriptOptions continuationOptions;
    private ScriptOptions options;
    private ScriptState<object>? state;
    private readonly string workingDirectory;
    private readonly CellMemoryGuard memory = new();
    private readonly object runGate = new();
    private Thread? runningThread;
    private long runGeneration;

    /// <summary>How long an interrupted cell may take to reach its next check before the kernel also interrupts
    /// the thread's blocking wait (<c>Thread.Sleep</c>, <c>Task.Wait</c>, a lock).</summary>
    public static readonly TimeSpan BlockingWaitGrace = TimeSpan.FromMilliseconds(100);

    public CellExecutor(IOutputSink sink, Action flushStreams, string workingDirectory, NuGetResolver? nuget = null)
    {
        this.workingDirectory = workingDirectory;
        baseOptions = ScriptSetup.Create(workingDirectory);
        // Later submissions inherit the first one's references; listing them again in every submission
        // makes Roslyn rebuild its reference bindings per cell (about 4 MB and tens of ms each).
        continuationOptions = baseOptions.WithReferences(Array.Empty<MetadataReference>());
        options = baseOptions;
        this.nuget = nuget ?? NuGetResolver.Default();
        Publisher = new DisplayPublisher(sink, flushStreams);
        Globals = new KernelGlobals(Publisher, payloads);
        // Roslyn's first compilation takes seconds: do it while the front end connects.
        warmUp = Task.Run(WarmUp);
    }

    public KernelGlobals Globals { get; }

    public DisplayPublisher Publisher { get; }

    /// <summary>The script options of the next cell: every reference for the first submission, only the
    /// new ones (resolved NuGet packages) for a continuation.</summary>
    internal ScriptOptions Options => options;

    /// <summary>The continuing script, null before the first cell.</summary>
    internal ScriptState<object>? State => state;

    /// <summary>Waits until the warm-up compilation finished (every entry point calls it).</summary>
    public void WaitUntilWarm() => warmUp.GetAwaiter().GetResult();

    /// <summary>The source lines of cell <c>In[n]</c>, for tracebacks; null for any other file.</summary>
    public string[]? SourceOf(string cellName) =>
        cellSources.GetValueOrDefault(cellName) ?? cellSources.GetValueOrDefault(Path.GetFileName(cellName));

    public ExecutionOutcome Execute(string code, int executionCount) => Execute(code, $"In[{executionCount}]");

    /// <summary>Runs a cell named <paramref name="cellName"/> in tracebacks (<c>In[3]</c>).</summary>
    public ExecutionOutcome Execute(string code, string cellName)
    {
        WaitUntilWarm();
        payloads.Clear();
        WorkshopCancellation.Reset();
        var token = WorkshopCancellation.Token;
        cellSources[cellName] = code.Split('\n');
        var magics = CellMagics.Parse(code);
        var instrumented = CellInstrumentation.Instrument(magics.Code);
        if (magics.Errors.Count > 0)
        {
            return Failed(new CellError("MagicError", magics.Errors[0], [.. magics.Errors.Select(e => $"{cellName} {e}")]));
        }
        if (magics.Export is { } export)
        {
            try
            {
                var (app, command) = Export.NotebookExport.Run(export[0], export.Count > 1 ? export[1] : null, workingDirectory);
                Console.Out.WriteLine($"exported {export[0]} -> {app}\nrun it with: {command}");
            }
            catch (Exception e) when (e is Export.NotebookExportException or IOException or UnauthorizedAccessException)
            {
                return Failed(new CellError("ExportError", e.Message, [$"{cellName} #!export: {e.Message}"]));
            }
        }
        foreach (var note in magics.Notes) Console.Out.WriteLine($"{cellName} {note}");
        foreach (var feed in magics.Feeds)
        {
            var folder = Path.GetFullPath(feed.Folder, workingDirectory);
            if (!Directory.Exists(folder))
                return Failed(new CellError("NuGetFeedNotFound", $"#i \"nuget: {feed.Folder}\": folder {folder} does not exist",
                    [$"{cellName} line {feed.Line}: #i \"nuget: {feed.Folder}\": folder {folder} does not exist (a local folder of .nupkg files, e.g. the kit's out/nuget)"]));
            nuget.AddFeed(folder);
        }
        foreach (var package in magics.Packages)
        {
            // A package the kernel already references (the workshop library, TorchSharp, ...) keeps the kernel's copy
            // and needs no package folder or feed: the workshop notebooks start with #r "nuget: HydroWorkshop" so that
            // they also run in .NET Interactive, which cannot take a relative #i path (docs/articles/notebooks.md).
            if (IsPreReferenced(package.Name)) continue;
            try
            {
                // An assembly the kernel already has (HydroWorkshop, TorchSharp, ...) keeps the kernel's copy: a second
                // file with the same identity would clash in the script's references.
                var loaded = AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetName().Name)
                    .ToHashSet(StringComparer.OrdinalIgnoreCase);
                var resolution = nuget.Resolve(package.Name, package.Version);
                foreach (var note in resolution.Notes) Console.Out.WriteLine($"{cellName} line {package.Line}: {note}");
                var assemblies = resolution.Assemblies.Where(path => !loaded.Contains(Path.GetFileNameWithoutExtension(path)));
                options = options.AddReferences(assemblies.Select(path => MetadataReference.CreateFromFile(path)));
            }
            catch (Exception e) when (e is FileNotFoundException or NuGetVersionConflictException)
            {
                return Failed(new CellError(e is FileNotFoundException ? "NuGetPackageNotFound" : "NuGetVersionConflict", e.Message,
                    [$"{cellName} line {package.Line}: {e.Message}"]));
            }
        }

        var script = Continue(instrumented, options.WithFilePath(cellName));
        ImmutableArray<Diagnostic> diagnostics;
        try
        {
            diagnostics = script.Compile(token);
            if (diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error) && !ReferenceEquals(instrumented, magics.Code))
            {
                // Report the cell as written (the checks shift columns); should the checks themselves be what fails,
                // run the cell without them rather than refuse it.
                var plain = Continue(magics.Code, options.WithFilePath(cellName));
                var plainDiagnostics = plain.Compile(token);
                if (!plainDiagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
                    KernelLog.Write($"{cellName}: the interrupt checks did not compile; the cell runs without them");
                (script, diagnostics) = (plain, plainDiagnostics);
            }
        }
        catch (OperationCanceledException e)
        {
            return Failed(TracebackFormatter.FromException(e, SourceOf, interrupted: true));
        }
        if (diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
        {
            return Failed(TracebackFormatter.FromDiagnostics(diagnostics, SourceOf));
        }
        var clock = Stopwatch.StartNew();
        ScriptState<object> next;
        var memoryWatch = memory.Enter();
        lock (runGate)
        {
            runningThread = Thread.CurrentThread;
            runGeneration++;
        }
        try
        {
            next = (state is null ? script.RunAsync(Globals, _ => true, token) : script.RunFromAsync(state, _ => true, token))
                .GetAwaiter().GetResult();
        }
        catch (Exception e)
        {
            return Failed(TracebackFormatter.FromException(e, SourceOf, WorkshopCancellation.IsCancellationRequested));
        }
        finally
        {
            lock (runGate) runningThread = null;
            ClearPendingInterrupt();
            memoryWatch.Dispose();
        }
        state = next;
        options = continuationOptions;
        if (magics.Timed) Console.Out.WriteLine($"Wall time: {clock.Elapsed.TotalMilliseconds:F1} ms");
        if (next.Exception is { } exception)
        {
            var interrupted = exception is OperationCanceledException or ThreadInterruptedException
                && WorkshopCancellation.IsCancellationRequested;
            return Failed(TracebackFormatter.FromException(exception, SourceOf, interrupted));
        }
        return new ExecutionOutcome { HasValue = next.ReturnValue is not null, Value = next.ReturnValue, Payloads = [.. payloads] };
    }

    /// <summary>
    /// Stops the running cell (thread-safe; the control thread and SIGINT call it): trips
    /// <see cref="WorkshopCancellation"/>, which the cell's instrumented loops and the library's loops check, and after
    /// <see cref="BlockingWaitGrace"/> interrupts the cell's thread should it still be blocked in a wait. A cell inside
    /// one long native operation (a tensor op) stops when the operation returns.
    /// </summary>
    public void Interrupt()
    {
        WorkshopCancellation.Cancel();
        Thread? thread;
        long generation;
        lock (runGate) (thread, generation) = (runningThread, runGeneration);
        if (thread is null) return;
        _ = Task.Delay(BlockingWaitGrace).ContinueWith(_ =>
        {
            lock (runGate)
            {
                if (runningThread == thread && runGeneration == generation) thread.Interrupt();
            }
        }, TaskScheduler.Default);
    }

    /// <summary>Whether a cell's code is running now (compiled, between its start and its end).</summary>
    public bool IsRunning
    {
        get
        {
            lock (runGate) return runningThread is not null;
        }
    }

    /// <summary>Collections the memory guard ran inside cells (see <see cref="CellMemoryGuard"/>).</summary>
    public int MemoryCollections => memory.Collections;

    /// <summary>An interrupt that arrived while the cell was not waiting stays pending on the thread and would
    /// fire at the kernel's own next wait: consume it here.</summary>
    private static void ClearPendingInterrupt()
    {
        try
        {
            Thread.Sleep(0);
        }
        catch (ThreadInterruptedException)
        {
            // The interrupt was meant for the cell, which has ended.
        }
    }

    /// <summary>Whether <paramref name="packageName"/> names an assembly of the kernel's own references.</summary>
    private bool IsPreReferenced(string packageName) =>
        baseOptions.MetadataReferences.Any(r => r.Display is { } path
            && string.Equals(Path.GetFileNameWithoutExtension(path), packageName.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>Forgets every variable and reference (kernel restart).</summary>
    public void Reset()
    {
        WaitUntilWarm();
        state = null;
        options = baseOptions;
        nuget.Forget();
        cellSources.Clear();
    }

    /// <summary>The script <paramref name="code"/> would be if it ran next (for completion and inspection).</summary>
    internal Script<object> Continue(string code, ScriptOptions? with = null) =>
        state is null
            ? CSharpScript.Create(code, with ?? options, typeof(KernelGlobals))
            : state.Script.ContinueWith(code, with ?? options);

    private ExecutionOutcome Failed(CellError error) => new() { Error = error, Payloads = [.. payloads] };

    private void WarmUp()
    {
        try
        {
            var script = CSharpScript.Create("var warm = Enumerable.Range(0, 3).Select(i => i * 2).ToList(); warm.Count.ToString()",
                baseOptions.WithFilePath("warm-up"), typeof(KernelGlobals));
            script.RunAsync(Globals).GetAwaiter().GetResult();
            var compilation = script.ContinueWith("Console.").GetCompilation();
            var tree = compilation.SyntaxTrees.Last();
            var model = compilation.GetSemanticModel(tree);
            model.LookupSymbols(0).Count();
        }
        catch (Exception e)
        {
            KernelLog.Write($"warm-up failed (cells will still run): {e.Message}");
        }
        EnginePreparation.Run();
    }
}
