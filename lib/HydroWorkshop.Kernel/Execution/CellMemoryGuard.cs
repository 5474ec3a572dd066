using System.Diagnostics;

namespace HydroWorkshop.Kernel.Execution;

/// <summary>
/// Keeps careless tensor code bounded, the way Python's reference counting keeps notebooks forgiving. A TorchSharp
/// tensor owns native memory the garbage collector cannot see: a cell doing <c>torch.randn(1000, 1000)</c> a thousand
/// times without <c>Dispose</c> holds 4 GB until a collection happens to run. While a cell runs, this guard samples
/// the process's native memory (resident memory less the managed heap) every <see cref="SampleInterval"/>; once it is
/// more than the garbage budget above what it was when the cell started, and tensors were created and not disposed
/// since the last collection, it runs a full collection and the finalizers, which free the native memory of every
/// tensor no variable, field or closure still reaches. When the cell ends, the same collection runs if the cell left
/// more tensors alive than it found: what the cell did not keep is freed then, what it kept survives.
/// </summary>
/// <remarks>
/// A cell-wide <c>DisposeScope</c> would free tensors at the cell's end too, but a scope holds every tensor it tracks,
/// so inside the cell nothing could be reclaimed, and it cannot tell a tensor a later cell still needs (an optimizer's
/// moment estimates, a module's cached buffer) from garbage. Reachability is exactly what the collector computes.
/// After the first collection the freed native blocks are reused by the next tensors, so resident memory stays near
/// the budget instead of growing with every loop iteration. The budget counts from the cell's start, not from the last
/// collection: the allocator keeps freed blocks for reuse, so resident memory does not drop after a collection, and a
/// budget counted from there would let the peak climb by one budget per collection. The live-tensor condition keeps a
/// cell that holds much native memory but disposes its temporaries (a training loop) free of needless collections.
/// </remarks>
public sealed class CellMemoryGuard : IDisposable
{
    /// <summary>How often resident memory is read while a cell runs.</summary>
    public static readonly TimeSpan SampleInterval = TimeSpan.FromMilliseconds(20);

    /// <summary>The shortest time between two collections inside one cell (a collection costs milliseconds).</summary>
    public static readonly TimeSpan MinimumCollectionInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>The longest wait between two collections once collections stop paying: a training loop holds thousands
    /// of live tensors (its autograd graph, inside dispose scopes) that no collection can free, and collecting every
    /// 100 ms there made a ConvLSTM's epoch 40 times slower (notebook 06). Each collection that frees fewer than
    /// <see cref="NewTensorsBeforeCollection"/> tensors doubles the wait up to this; one that frees more resets it.</summary>
    public static readonly TimeSpan MaximumCollectionInterval = TimeSpan.FromSeconds(10);

    private readonly long garbageBudgetBytes;
    private readonly Thread sampler;
    private readonly ManualResetEventSlim cellRunning = new();
    private readonly object gate = new();
    private volatile bool disposed;
    private long cellStartBytes;
    private long lastCollection;
    private long tensorsAfterCollection;
    private TimeSpan collectionInterval = MinimumCollectionInterval;

    /// <summary>Live tensors that must have appeared since the last collection before another is worth its cost.</summary>
    public const int NewTensorsBeforeCollection = 16;
    private int collections;

    /// <param name="garbageBudgetBytes">How far resident memory may grow above the cell's start before a collection;
    /// default <c>$HYDROWORKSHOP_KERNEL_GARBAGE_MB</c> or 256 MB.</param>
    public CellMemoryGuard(long? garbageBudgetBytes = null)
    {
        this.garbageBudgetBytes = garbageBudgetBytes ?? DefaultBudgetBytes();
        sampler = new Thread(Sample) { IsBackground = true, Name = "cell-memory" };
        sampler.Start();
    }

    /// <summary>The wait before the next collection may run: <see cref="MinimumCollectionInterval"/>, doubled by every
    /// collection that freed (almost) nothing.</summary>
    public TimeSpan CollectionInterval { get { lock (gate) return collectionInterval; } }

    /// <summary>Collections this guard ran while cells were running (not counting those at a cell's end).</summary>
    public int Collections => Volatile.Read(ref collections);

    /// <summary>Watches one cell; disposing the result ends the cell (and collects when it left tensors behind).</summary>
    public Watch Enter() => new(this);

    /// <summary>The process's resident memory (Linux: /proc/self/statm; elsewhere the working set).</summary>
    public static long ResidentBytes()
    {
        try
        {
            if (OperatingSystem.IsLinux())
            {
                var fields = File.ReadAllText("/proc/self/statm").Split(' ');
                return long.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture) * Environment.SystemPageSize;
            }
        }
        catch (Exception e) when (e is IOException or FormatException or IndexOutOfRangeException or UnauthorizedAccessException)
        {
            // Fall through to the portable (slower) reading.
        }
        return Environment.WorkingSet;
    }

    /// <summary>Resident memory not committed by the managed heap: mostly native (tensors, libtorch). Managed growth (a
    /// cell loading a large data set into arrays) is the collector's own business and must not trigger collections.</summary>
    public static long NativeBytes() => ResidentBytes() - GC.GetGCMemoryInfo().TotalCommittedBytes;

    /// <summary>A full blocking collection, the finalizers (which free native tensor memory), then a second
    /// collection for what the finalizers released.</summary>
    public static void CollectNativeGarbage()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true);
    }

    private static long DefaultBudgetBytes() =>
        long.TryParse(Environment.GetEnvironmentVariable("HYDROWORKSHOP_KERNEL_GARBAGE_MB"), out var megabytes) && megabytes > 0
            ? megabytes << 20
            : 256L << 20;

    private void Sample()
    {
        while (!disposed)
        {
            cellRunning.Wait();
            if (disposed) return;
            Thread.Sleep(SampleInterval);
            lock (gate)
            {
                if (!cellRunning.IsSet) continue;
                if (NativeBytes() - cellStartBytes < garbageBudgetBytes) continue;
                if (Stopwatch.GetElapsedTime(lastCollection) < collectionInterval) continue;
                if (LiveTensors() < tensorsAfterCollection + NewTensorsBeforeCollection) continue;
                var before = LiveTensors();
                CollectNativeGarbage();
                lastCollection = Stopwatch.GetTimestamp();
                tensorsAfterCollection = LiveTensors();
                collectionInterval = before - tensorsAfterCollection >= NewTensorsBeforeCollection
                    ? MinimumCollectionInterval
                    : TimeSpan.FromTicks(Math.Min(collectionInterval.Ticks * 2, MaximumCollectionInterval.Ticks));
                Interlocked.Increment(ref collections);
            }
        }
    }

    public void Dispose()
    {
        disposed = true;
        cellRunning.Set();
        sampler.Join(TimeSpan.FromSeconds(1));
    }

    /// <summary>One cell under watch.</summary>
    public readonly struct Watch : IDisposable
    {
        private readonly CellMemoryGuard guard;
        private readonly long tensorsAtStart;

        internal Watch(CellMemoryGuard guard)
        {
            this.guard = guard;
            tensorsAtStart = LiveTensors();
            lock (guard.gate)
            {
                guard.cellStartBytes = NativeBytes();
                guard.lastCollection = 0;
                guard.collectionInterval = MinimumCollectionInterval;
                guard.tensorsAfterCollection = tensorsAtStart;
                guard.cellRunning.Set();
            }
        }

        public void Dispose()
        {
            if (guard is null) return;
            lock (guard.gate) guard.cellRunning.Reset();
            if (LiveTensors() > tensorsAtStart) CollectNativeGarbage();
        }
    }

    /// <summary>TorchSharp's count of tensors not yet disposed or finalized; 0 before any cell loaded TorchSharp
    /// (reading it then would load libtorch for nothing).</summary>
    public static long LiveTensors()
    {
        if (!TorchSharpLoaded()) return 0;
        return TensorCount();
    }

    private static volatile bool torchSharpSeen;

    private static bool TorchSharpLoaded()
    {
        if (torchSharpSeen) return true;
        foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies())
        {
            if (assembly.GetName().Name == "TorchSharp") return torchSharpSeen = true;
        }
        return false;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static long TensorCount() => TorchSharp.torch.Tensor.TotalCount;
}
