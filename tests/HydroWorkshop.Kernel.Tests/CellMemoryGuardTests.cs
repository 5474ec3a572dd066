using HydroWorkshop.Kernel.Execution;
using TorchSharp;
using Xunit;

namespace HydroWorkshop.Kernel.Tests;

/// <summary>The guard as a cell would meet it, on the test's own thread. Runs alone (the kernel collection disables
/// parallel tests), since any other test's tensors would count as this cell's.</summary>
[Collection(KernelCollection.Name)]
public sealed class CellMemoryGuardTests : IDisposable
{
    private const long Budget = 64L << 20;
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(60);
    private readonly CellMemoryGuard guard = new(Budget);

    public void Dispose() => guard.Dispose();

    [Fact]
    public void Enter_GarbageTensorsAboveBudget_CollectsAndCellEndFreesThem()
    {
        // The worst case a cell can start in, which CI once met: the kit's allocator settings (MallocSettings keeps up to
        // 512 MB of freed memory resident) and 480 MB that earlier code freed. The first garbage tensors reuse that memory
        // without resident memory growing, so 100 of them (400 MB) gave no collection.
        HydroWorkshop.Engine.EngineInfo.EnsureLoaded();
        foreach (var freed in Enumerable.Range(0, 120).Select(_ => torch.randn(1000, 1000)).ToList()) freed.Dispose();
        var before = CellMemoryGuard.LiveTensors();
        var garbage = 0;
        using (guard.Enter())
        {
            // 4 MB tensors without Dispose until the sampler collects; 2 GB without a collection fails.
            var clock = System.Diagnostics.Stopwatch.StartNew();
            for (; garbage < 500 && guard.Collections == 0 && clock.Elapsed < HangGuard; garbage++) torch.randn(1000, 1000);
            while (guard.Collections == 0 && clock.Elapsed < HangGuard) Thread.Sleep(20);    // hang guard only
        }
        Assert.True(guard.Collections >= 1, $"no collection although {garbage * 4} MB of garbage tensors were made (budget 64 MB)");
        Assert.True(garbage >= 16, $"a collection after {garbage * 4} MB of garbage, below the 64 MB budget");
        Assert.True(CellMemoryGuard.LiveTensors() <= before, $"{CellMemoryGuard.LiveTensors() - before} tensors left alive after the cell");
    }

    [Fact]
    public void Enter_KeptTensorAndDisposedTemporaries_NoCollection()
    {
        torch.Tensor kept;
        using (guard.Enter())
        {
            kept = torch.zeros(50_000_000);   // 200 MB kept: above the budget, but not garbage
            for (var i = 0; i < 200; i++)
            {
                using var scope = torch.NewDisposeScope();   // both the draw and the product are disposed
                var temporary = torch.randn(1000) * 2;
                Thread.Sleep(1);
            }
        }
        Assert.Equal(0, guard.Collections);
        Assert.Equal(50_000_000, kept.numel());
        kept.Dispose();
    }

    [Fact]
    public void Enter_ManyLiveTensorsNothingToFree_CollectionsBackOff()
    {
        // A training loop: memory above the budget and thousands of live tensors (an autograd graph) that no collection
        // frees. After fruitless collections the guard must wait longer, not collect every 100 ms.
        var kept = new List<torch.Tensor>();
        using (guard.Enter())
        {
            kept.Add(torch.zeros(50_000_000));                         // 200 MB held
            for (var i = 0; i < 2000; i++) kept.Add(torch.zeros(10));
            var clock = System.Diagnostics.Stopwatch.StartNew();
            while (guard.CollectionInterval <= CellMemoryGuard.MinimumCollectionInterval && clock.Elapsed < HangGuard) Thread.Sleep(20);
        }
        Assert.True(guard.Collections >= 1, "the guard never collected although 200 MB and 2,000 new tensors were above the budget");
        Assert.True(guard.CollectionInterval > CellMemoryGuard.MinimumCollectionInterval,
            $"after {guard.Collections} fruitless collections the guard still waits only {guard.CollectionInterval.TotalMilliseconds} ms");
        foreach (var t in kept) t.Dispose();
    }

    [Fact]
    public void Enter_ManagedArraysAboveBudget_NoCollection()
    {
        float[][] data;
        using (guard.Enter())
        {
            data = Enumerable.Range(0, 30).Select(_ => new float[2_500_000]).ToArray();   // 300 MB of managed arrays
            foreach (var array in data) array.AsSpan().Fill(1f);
            Thread.Sleep(300);
        }
        Assert.Equal(0, guard.Collections);
        Assert.Equal(30, data.Length);
    }

    [Fact]
    public void NativeBytes_ProcessWithLibtorch_Positive()
    {
        using var probe = torch.ones(4);
        Assert.True(CellMemoryGuard.NativeBytes() > 0);
        Assert.True(CellMemoryGuard.ResidentBytes() > CellMemoryGuard.NativeBytes());
    }
}
